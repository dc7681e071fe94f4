import { cp, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./testing-support/audit.js";
import { ndjson, type Ran, tempDir } from "./testing-support/harness.js";
import { allMarkers, directoryBytes, MARKED_HISTORY, MARKERS, markersIn, sealedVersion1 } from "./testing-support/personal.js";

/*
 * The file workflow of personal data end to end, through the real CLI on real files: a version-1
 * history with a marker in every personal field is migrated to version 2 kept with a key
 * directory, read with and without its values, a subject erased, and every hash, statistic and
 * report still there, while no marker of the erased subject is left in the file, the keys or
 * anything printed.
 */

let dir: Awaited<ReturnType<typeof tempDir>>;
let v1: string;
let v1Lines: ReadonlyArray<string>;
let kept: string;
let keys: string;
/** Every output of every command run after the erasure. */
const printed: string[] = [];

const lines = async (file: string): Promise<ReadonlyArray<Record<string, unknown>>> =>
  (await readFile(file, "utf8")).trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);

const ok = (ran: Ran): string => {
  expect(ran.stderr.replace(/^tenfold: warning: .*\n/m, "")).toBe("");
  expect(ran.code).toBe(0);
  return ran.stdout;
};

const H1 = MARKERS["contact:h1"];
const OTHERS = allMarkers().filter((m) => !(H1 as ReadonlyArray<string>).includes(m));

beforeAll(async () => {
  dir = await tempDir();
  v1Lines = sealedVersion1(MARKED_HISTORY);
  v1 = await dir.write("v1.ndjson", ndjson(v1Lines));
  kept = join(dir.path, "kept.ndjson");
  keys = join(dir.path, "keys");
});
afterAll(async () => {
  await dir.remove();
});

describe("personal data, the file workflow", () => {
  it("migrates version 1 to version 2: same ids and instants, each causationId the version-1 hash, values only encrypted", async () => {
    expect(ok(await runCli("verify", "--input", v1))).toBe("19 lines, 0 problems; 19 sealed events in 1 stream\n");
    const ran = await runCli("migrate", "--input", v1, "--out", kept, "--keys", keys);
    expect(ok(ran)).toMatch(/^Migrated 19 events of campaign "c1" from schema version 1 to 2 into .*: 9 personal values of 5 subjects committed to and encrypted under their keys in .* \(5 keys created\); each event's metadata.causationId is the hash of the version-1 event it replaces.\nNew head: tenfold-campaign-c1 revision 18, hash [0-9a-f]{64}\n$/);
    const old = v1Lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const migrated = await lines(kept);
    expect(migrated.map((e) => [e["eventId"], e["recordedAt"], (e["metadata"] as { causationId: string }).causationId, e["schemaVersion"]])).toEqual(
      old.map((e) => [e["eventId"], e["recordedAt"], e["hash"], 2]),
    );
    expect(markersIn(await readFile(kept), allMarkers())).toEqual([]);
    expect(markersIn(await directoryBytes(keys), allMarkers())).toEqual([]);
    expect(migrated[3]).toMatchObject({ data: { name: null }, personal: { name: { subject: "cadre:k1", encrypted: { algorithm: "AES-256-GCM" } } } });
    expect(((await stat(join(keys, "subject-keys.ndjson"))).mode & 0o777).toString(8)).toBe("600");
    expect(ok(await runCli("verify", "--input", kept))).toBe("19 lines, 0 problems; 19 sealed events in 1 stream\n");
  });

  it("exports the values with --keys and --personal include (a warning on stderr), the same hashes, every commitment opened", async () => {
    const included = join(dir.path, "included.ndjson");
    const ran = await runCli("export", "--input", kept, "--keys", keys, "--personal", "include", "--out", included);
    expect(ran.stdout).toBe(`Exported 19 events in 1 stream to ${included} (personal values included)\n`);
    expect(ran.stderr).toBe(`tenfold: warning: ${included} holds personal values in the clear (--personal include): it is personal data itself; keep it as such and delete it when done\n`);
    const text = await readFile(included, "utf8");
    for (const marker of allMarkers()) expect(text).toContain(marker);
    expect((await lines(included)).map((e) => e["hash"])).toEqual((await lines(kept)).map((e) => e["hash"]));
    expect(ok(await runCli("verify", "--input", included))).toBe("19 lines, 0 problems; 19 sealed events in 1 stream\n");
    // Without --keys the encrypted values cannot be read: an export leaves them out, the hashes the same.
    const omitted = join(dir.path, "omitted.ndjson");
    ok(await runCli("export", "--input", kept, "--personal", "include", "--out", omitted));
    expect(markersIn(await readFile(omitted), allMarkers())).toEqual([]);
    expect((await lines(omitted)).map((e) => e["hash"])).toEqual((await lines(kept)).map((e) => e["hash"]));
  });

  it("erases a subject: SubjectErased sealed onto the chain, its key gone, its values unreadable, every other value and every hash kept", async () => {
    const before = (await lines(kept)).map((e) => e["hash"]);
    const statsBefore = ok(await runCli("stats", "--input", kept, "--json"));
    const keyLine = (await readFile(join(keys, "subject-keys.ndjson"), "utf8")).split("\n").find((l) => l.includes('"contact:h1"')) ?? "";
    const keyBytes = (JSON.parse(keyLine) as { key: string }).key;
    await cp(keys, join(dir.path, "keys-backup"), { recursive: true });
    const ran = await runCli("erase", "--input", kept, "--keys", keys, "--subject", "contact:h1", "--request-ref", "PIPL-2014-007", "--on", "2014-02-01");
    printed.push(ran.stdout, ran.stderr);
    expect(ok(ran)).toMatch(
      new RegExp(`^Erased contact:h1 of campaign "c1" \\(request PIPL-2014-007\\) on 2014-02-01: SubjectErased recorded at ${kept}:20 \\(stream tenfold-campaign-c1 revision 19, hash [0-9a-f]{64}\\); its key destroyed in ${keys}: 4 personal values of it can no longer be read, their commitments and every hash unchanged.\n$`),
    );
    const after = await lines(kept);
    expect(after.map((e) => e["hash"]).slice(0, 19)).toEqual(before);
    expect(after[19]).toMatchObject({ type: "SubjectErased", data: { subject: "contact:h1", requestRef: "PIPL-2014-007", erasedOn: "2014-02-01" }, schemaVersion: 2, personal: {}, previousHash: before[18] });
    const keyFile = await readFile(join(keys, "subject-keys.ndjson"), "utf8");
    expect(keyFile).not.toContain(keyBytes);
    expect(keyFile).toContain(JSON.stringify({ campaignId: "c1", subject: "contact:h1", erased: true }));
    printed.push(ok(await runCli("verify", "--input", kept)));
    expect(printed.at(-1)).toBe("20 lines, 0 problems; 20 sealed events in 1 stream\n");
    expect(ok(await runCli("stats", "--input", kept, "--json"))).toBe(statsBefore);

    const included = join(dir.path, "after.ndjson");
    const exported = await runCli("export", "--input", kept, "--keys", keys, "--personal", "include", "--out", included);
    printed.push(exported.stdout, exported.stderr);
    const events = await lines(included);
    expect(events.map((e) => e["hash"])).toEqual(after.map((e) => e["hash"]));
    const text = await readFile(included, "utf8");
    for (const marker of OTHERS) expect(text).toContain(marker);
    expect(events[7]).toMatchObject({ type: "AssignmentMade", data: { contactId: "h1", contactName: null }, personal: { contactName: { subject: "contact:h1" } } });
    expect(events[7]?.["personal"]).not.toHaveProperty("contactName.salt");
    expect(events[15]).toMatchObject({ type: "FundDisbursed", data: { purpose: null } });

    const report = join(dir.path, "report.html");
    const reported = await runCli("report", "--input", included, "--out", report);
    printed.push(reported.stdout, reported.stderr);
    expect(reported.code).toBe(0);
    const html = await readFile(report, "utf8");
    expect(html).toContain("[erased]");
    printed.push(html);
    printed.push(ok(await runCli("stats", "--input", included)));

    for (const bytes of [await readFile(kept), await readFile(included), await directoryBytes(keys), Buffer.from(printed.join(""), "utf8")]) {
      expect(markersIn(bytes, H1)).toEqual([]);
    }
  });

  it("reveals nothing of an erased subject with a key directory restored from a backup taken before the erasure (its keys destroyed again)", async () => {
    const restored = join(dir.path, "keys-restored");
    await cp(join(dir.path, "keys-backup"), restored, { recursive: true });
    expect(markersIn(await directoryBytes(restored), allMarkers())).toEqual([]);
    const out = join(dir.path, "after-restore.ndjson");
    ok(await runCli("export", "--input", kept, "--keys", restored, "--personal", "include", "--out", out));
    const text = await readFile(out);
    expect(markersIn(text, [...H1])).toEqual([]);
    expect(OTHERS.filter((m) => !text.includes(Buffer.from(m, "utf8")))).toEqual([]);
    expect((await readFile(join(restored, "subject-keys.ndjson"), "utf8")).split("\n").filter((l) => l.includes('"contact:h1"'))).toEqual([expect.stringContaining('"erased":true')]);
  });

  it("refuses an unknown subject, a second erasure, a bad subject and a day before the launch, writing nothing", async () => {
    const file = await readFile(kept);
    const keyFile = await readFile(join(keys, "subject-keys.ndjson"));
    const erase = (subject: string, on = "2014-02-02"): Promise<Ran> => runCli("erase", "--input", kept, "--keys", keys, "--subject", subject, "--request-ref", "PIPL-2014-008", "--on", on);
    const unknown = await erase("contact:nobody");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(`${kept}: rule 4: contact "nobody" is not assigned to any group\nNothing was erased.\n`);
    expect(await erase("contact:h1")).toEqual({ code: 1, stdout: "", stderr: `${kept}: rule 6: subject "contact:h1" was already erased on 2014-02-01\nNothing was erased.\n` });
    const bad = await erase("household-h1");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('tenfold erase: invalid --subject "household-h1": expected a subject (cadre:<cadreId> or contact:<contactId>)');
    const early = await erase("cadre:k3", "2013-01-01");
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("rule 5");
    expect(await erase("cadre:k3", "2013-02-30")).toMatchObject({ code: 2 });
    expect((await runCli("erase", "--input", kept, "--subject", "cadre:k3", "--request-ref", "R", "--on", "2014-02-02")).stderr).toContain("--input FILE needs --keys DIR");
    expect((await readFile(kept)).equals(file)).toBe(true);
    expect((await readFile(join(keys, "subject-keys.ndjson"))).equals(keyFile)).toBe(true);
  });

  it("verify finds a flipped commitment (the chain) and a value that does not open its commitment", async () => {
    const included = join(dir.path, "included.ndjson");
    const text = await readFile(included, "utf8");
    const edited = await dir.write("edited.ndjson", text.replace(MARKERS["cadre:k3"][0], "someone-else"));
    const ran = await runCli("verify", "--input", edited);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe(`${edited}:6: personal.name.commitment: the salt and the value given do not open the commitment\n19 lines, 1 problem; 19 sealed events in 1 stream\n`);
    expect((await runCli("verify", "--input", edited, "--chains-only")).stdout).toContain(`${edited}:6: personal.name.commitment: the salt and the value given do not open the commitment\n`);
    const commitment = (JSON.parse(text.split("\n")[5] ?? "{}") as { personal: { name: { commitment: string } } }).personal.name.commitment;
    const flipped = commitment.slice(0, -1) + (commitment.endsWith("0") ? "1" : "0");
    const broken = await dir.write("flipped.ndjson", (await readFile(kept, "utf8")).replace(commitment, flipped));
    const chain = await runCli("verify", "--input", broken);
    expect(chain.code).toBe(1);
    expect(chain.stdout).toBe(`${broken}:6: tampered: stream "tenfold-campaign-c1" revision 5: its content does not match its hash\n20 lines, 1 problem; 20 sealed events in 1 stream\n`);
  });
});
