import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, sealedFile } from "./testing-support/audit.js";
import { MINI_HISTORY, ndjson, tempDir } from "./testing-support/harness.js";

const STREAM = "tenfold-campaign-c1";
let dir: Awaited<ReturnType<typeof tempDir>>;
let sealed: ReadonlyArray<string>;
let heads: string;
beforeAll(async () => {
  dir = await tempDir();
  const made = await sealedFile(dir, "mini", MINI_HISTORY);
  sealed = made.lines;
  heads = `${dir.path}/heads.ndjson`;
  await runCli("heads", "--input", made.file, "--out", heads);
});
afterAll(async () => {
  await dir.remove();
});

const verify = async (name: string, lines: ReadonlyArray<string>, ...flags: ReadonlyArray<string>): Promise<{ file: string; code: number; problems: ReadonlyArray<string>; summary: string }> => {
  const file = await dir.write(name, ndjson(lines));
  const ran = await runCli("verify", "--input", file, ...flags);
  const out = ran.stdout.trimEnd().split("\n");
  return { file, code: ran.code, problems: out.slice(0, -1), summary: out.at(-1) ?? "" };
};

describe("tenfold verify on sealed files", () => {
  it("passes an export, and says how many sealed events it checked", async () => {
    expect(await verify("clean.ndjson", sealed)).toMatchObject({ code: 0, problems: [], summary: "19 lines, 0 problems; 19 sealed events in 1 stream" });
    expect((await verify("clean-heads.ndjson", sealed, "--heads", heads)).summary).toBe("19 lines, 0 problems; 19 sealed events in 1 stream, checked against 1 published head");
  });

  it("reports a tampered line at its line, naming stream and revision", async () => {
    const { file, code, problems } = await verify("tampered.ndjson", sealed.map((l, i) => (i === 11 ? l.replace("Research report", "Research repart") : l)));
    expect(code).toBe(1);
    expect(problems).toEqual([`${file}:12: tampered: stream "${STREAM}" revision 11: its content does not match its hash`]);
  });

  it("reports deleted, duplicated and reordered lines at their lines", async () => {
    const deleted = await verify("deleted.ndjson", sealed.filter((_, i) => i !== 12 && i !== 13));
    expect(deleted.problems).toContain(`${deleted.file}:13: deleted: stream "${STREAM}" revisions 12–13 are missing before this line`);
    const duplicated = await verify("duplicated.ndjson", [...sealed.slice(0, 5), sealed[3]!, ...sealed.slice(5)]);
    expect(duplicated.problems).toEqual([
      `${duplicated.file}:6: rule 2: cadre "k1" already exists`,
      `${duplicated.file}:6: duplicated: stream "${STREAM}" revision 3 again, a copy of line 4`,
    ]);
    const swapped = await verify("swapped.ndjson", sealed.map((l, i) => (i === 10 ? sealed[11]! : i === 11 ? sealed[10]! : l)));
    expect(swapped.problems).toEqual([`${swapped.file}:12: reordered: stream "${STREAM}" revision 10 comes after revision 11 (line 11)`]);
  });

  it("with --chains-only, checks the chains and not the rules", async () => {
    const swapped = sealed.map((l, i) => (i === 1 ? sealed[3]! : i === 3 ? sealed[1]! : l));
    const all = await verify("swapped-rules.ndjson", swapped);
    expect(all.problems[0]).toBe(`${all.file}:2: rule 3: group "g1" has not been formed`);
    const chains = await verify("swapped-chains.ndjson", swapped, "--chains-only");
    expect(chains.problems).toEqual([`${chains.file}:4: reordered: stream "${STREAM}" revision 1 comes after revision 3 (line 2)`]);
  });

  it("with --heads, detects truncation; without, a truncated file looks whole", async () => {
    expect((await verify("short.ndjson", sealed.slice(0, 15))).code).toBe(0);
    const { file, code, problems } = await verify("short-heads.ndjson", sealed.slice(0, 15), "--heads", heads);
    expect(code).toBe(1);
    expect(problems).toEqual([`${file}:15: truncated: stream "${STREAM}" ends at revision 14, but its published head is revision 18: 4 events are missing at its end`]);
  });

  it("reports a raw line inserted into a sealed file, and a sealed line missing envelope fields", async () => {
    const { file, problems } = await verify("raw-in-sealed.ndjson", [...sealed.slice(0, 19), MINI_HISTORY[17]!]);
    expect(problems).toEqual([
      `${file}:20: rule 1: campaign "c1" was closed on 2013-12-31; nothing more can be recorded`,
      `${file}:20: inserted: the line has no seal (previousHash, hash), though the history is sealed (line 1)`,
    ]);
    const stripped = sealed.map((l, i) => (i === 4 ? JSON.stringify({ ...(JSON.parse(l) as object), eventId: undefined }) : l));
    const partial = await verify("partial.ndjson", stripped);
    expect(partial.problems).toEqual([`${partial.file}:5: eventId: is required on a sealed line (it carries the whole envelope)`]);
  });

  it("names a bad heads file and the line in it, exit 2", async () => {
    const bad = await dir.write("bad-heads.ndjson", `${JSON.stringify({ streamId: STREAM, revision: 1, hash: "nope" })}\n`);
    const file = await dir.write("x.ndjson", ndjson(sealed));
    expect(await runCli("verify", "--input", file, "--heads", bad)).toEqual({ code: 2, stdout: "", stderr: `tenfold: cannot read ${bad}: line 1: hash: expected 64 lowercase hex digits, got "nope"\n` });
    const twice = await dir.write("twice-heads.ndjson", ndjson([...(await readFile(heads, "utf8")).trimEnd().split("\n"), `{"streamId":"${STREAM}","revision":0,"hash":"${"0".repeat(64)}"}`]));
    expect((await runCli("verify", "--input", file, "--heads", twice)).stderr).toBe(`tenfold: cannot read ${twice}: line 2: stream "${STREAM}" has a head on line 1 already\n`);
  });
});

describe("tenfold heads", () => {
  it("prints each stream's last revision and hash as a line of JSON", async () => {
    const file = await dir.write("h.ndjson", ndjson(sealed));
    const last = JSON.parse(sealed[18]!) as { hash: string };
    expect(await runCli("heads", "--input", file)).toEqual({ code: 0, stdout: `{"streamId":"${STREAM}","revision":18,"hash":"${last.hash}"}\n`, stderr: "" });
  });

  it("refuses to give heads of a broken chain, or of a file without seals", async () => {
    const broken = await dir.write("broken.ndjson", ndjson(sealed.filter((_, i) => i !== 3)));
    const ran = await runCli("heads", "--input", broken);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe("");
    expect(ran.stderr).toBe(
      `${broken}:4: deleted: stream "${STREAM}" revision 3 is missing before this line\n` +
        `No heads: the hash chains of ${broken} have problems, and a head is worth publishing only over intact chains.\n`,
    );
    const raw = await dir.write("raw.ndjson", ndjson(MINI_HISTORY));
    expect((await runCli("heads", "--input", raw)).stderr).toBe(
      `${raw} carries no seals (previousHash, hash), so it has no heads: seal it first with "tenfold export --input ${raw} --out FILE".\n`,
    );
  });
});
