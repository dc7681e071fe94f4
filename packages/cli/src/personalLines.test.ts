import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, runCliWith } from "./testing-support/audit.js";
import { ndjson, type Ran, tempDir } from "./testing-support/harness.js";
import { allMarkers, MARKED_HISTORY, MARKERS, markersIn, sealedVersion1 } from "./testing-support/personal.js";

/*
 * Schema-2 lines judged for their personal entries (the fields and subjects the rules fix, values
 * with their salts), export's --personal modes, and a history kept in the stored form by export.
 * No message quotes a personal value.
 */

let dir: Awaited<ReturnType<typeof tempDir>>;
let raw: string;
let included: ReadonlyArray<string>;
let encrypted: ReadonlyArray<string>;
let keys: string;

/** A line as the edits see it. */
interface Line {
  data: Record<string, unknown>;
  personal: Record<string, Record<string, unknown>>;
}

/** The lines without their seals (so that only what is changed is reported), line `index` changed. */
const edit = (lines: ReadonlyArray<string>, index: number, change: (line: Line) => void): string =>
  ndjson(
    lines.map((l, i) => {
      const { previousHash: _p, hash: _h, ...parsed } = JSON.parse(l) as Line & Record<string, unknown>;
      if (i === index) change(parsed);
      return JSON.stringify(parsed);
    }),
  );

const noMarkerIn = (ran: Ran): void => expect(markersIn(Buffer.from(ran.stdout + ran.stderr), allMarkers())).toEqual([]);

beforeAll(async () => {
  dir = await tempDir();
  keys = join(dir.path, "keys");
  raw = await dir.write("raw.ndjson", ndjson(MARKED_HISTORY));
  const out = join(dir.path, "included.ndjson");
  expect((await runCli("export", "--input", raw, "--personal", "include", "--out", out)).code).toBe(0);
  included = (await readFile(out, "utf8")).trimEnd().split("\n");
  const kept = join(dir.path, "kept.ndjson");
  const ran = await runCli("export", "--input", raw, "--personal", "encrypted", "--keys", keys, "--out", kept);
  expect(ran).toEqual({ code: 0, stdout: `Exported 19 events in 1 stream to ${kept} (personal values encrypted)\n`, stderr: "" });
  encrypted = (await readFile(kept, "utf8")).trimEnd().split("\n");
});
afterAll(async () => {
  await dir.remove();
});

describe("schema-2 lines and their personal entries", () => {
  it("writes the stored form with --personal encrypted: no value in the clear, the hashes of the export with values", () => {
    expect(markersIn(Buffer.from(encrypted.join("\n")), allMarkers())).toEqual([]);
    expect(encrypted.map((l) => (JSON.parse(l) as { hash: string }).hash)).toEqual(included.map((l) => (JSON.parse(l) as { hash: string }).hash));
    expect(JSON.parse(encrypted[7]!)).toMatchObject({ data: { contactName: null }, personal: { contactName: { subject: "contact:h1", encrypted: { algorithm: "AES-256-GCM" } } } });
  });

  it("reports another subject, a missing entry, an entry where nothing is personal, a value without its salt or beside its encrypted form", async () => {
    const cases: ReadonlyArray<readonly [string, string, string]> = [
      [edit(included, 7, (l) => void (l.personal["contactName"]!["subject"] = "contact:v1")), "8", "personal.contactName.subject: expected contact:h1 (the subject of AssignmentMade.contactName here), got contact:v1"],
      [edit(included, 3, (l) => void (l.personal = {})), "4", "personal.name: is missing: CadreEnrolled.name is personal data of cadre:k1"],
      [edit(included, 14, (l) => void (l.personal = { summary: { subject: "contact:h1", commitment: "0".repeat(64) } })), "15", "personal.summary: is not personal data here: this ProblemRaised names no contact (leave the entry out)"],
      [edit(included, 5, (l) => {
        delete l.personal["name"]!["salt"];
      }), "6", "personal.name.salt: is required with the value given in data.name (or give the value as null)"],
      [edit(encrypted, 5, (l) => void (l.data["name"] = MARKERS["cadre:k3"][0])), "6", "data.name: must be null: its value is given encrypted in personal.name"],
    ];
    for (const [text, line, message] of cases) {
      const file = await dir.write("edited.ndjson", text);
      const verified = await runCli("verify", "--input", file);
      expect(verified.stdout).toContain(`${file}:${line}: ${message}\n`);
      noMarkerIn(verified);
      const exported = await runCli("export", "--input", file, "--out", join(dir.path, "never.ndjson"));
      expect(exported.code).toBe(1);
      expect(exported.stderr).toContain(`${file}:${line}: ${message}`);
      noMarkerIn(exported);
    }
  });

  it("verify goes on after a line with a personal problem: the rules of the lines after it hold", async () => {
    const file = await dir.write("subject.ndjson", edit(included, 3, (l) => void (l.personal["name"]!["subject"] = "cadre:k2")));
    expect((await runCli("verify", "--input", file)).stdout).toBe(`${file}:4: personal.name.subject: expected cadre:k1 (the subject of CadreEnrolled.name here), got cadre:k2\n19 lines, 1 problem\n`);
  });

  it("never quotes a line that is not JSON: it may hold personal values", async () => {
    const file = await dir.write("broken.ndjson", ndjson([`{"type":"CadreEnrolled","data":{"name":${MARKERS["cadre:k1"][0]}}}`, `${MARKERS["cadre:k3"][0]} {}`]));
    const verified = await runCli("verify", "--input", file);
    expect(verified.stdout).toBe(`${file}:1: (line): invalid JSON: Unexpected token: not valid JSON (the text is not shown)\n${file}:2: (line): invalid JSON: Unexpected token: not valid JSON (the text is not shown)\n2 lines, 2 problems\n`);
    for (const argv of [["stats", "--input", file], ["export", "--input", file, "--out", join(dir.path, "never.ndjson")], ["report", "--input", file, "--out", join(dir.path, "never.html")]]) {
      const ran = await runCli(...argv);
      expect(ran.code).toBe(1);
      noMarkerIn(ran);
    }
    noMarkerIn(verified);
  });

  it("export refuses a sealed version-1 history (its hashes would change) and points to migrate", async () => {
    const v1 = await dir.write("v1.ndjson", ndjson(sealedVersion1(MARKED_HISTORY)));
    const ran = await runCli("export", "--input", v1, "--out", join(dir.path, "never.ndjson"));
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(`${v1}:1: schemaVersion 1: this sealed line would be sealed anew as version 2 under another hash; "tenfold migrate" rewrites a version-1 history`);
    noMarkerIn(ran);
  });

  it("checks --personal and --keys", async () => {
    const usage = async (argv: ReadonlyArray<string>, message: string): Promise<void> => {
      const ran = await runCli("export", "--input", raw, "--out", join(dir.path, "x.ndjson"), ...argv);
      expect(ran.code).toBe(2);
      expect(ran.stderr).toContain(message);
    };
    await usage(["--personal", "all"], 'invalid --personal "all": expected include, omit or encrypted');
    await usage(["--personal", "encrypted"], "--personal encrypted needs --keys DIR");
    const file = await dir.write("not-a-dir", "x");
    await usage(["--keys", file], `tenfold: cannot read ${file}: `);
  });

  it("reads a history kept encrypted: statistics without keys; with them, each value decrypted, an erased subject's withheld", async () => {
    const kept = await dir.write("kept-copy.ndjson", ndjson(encrypted));
    const plain = await runCli("stats", "--input", raw, "--json");
    expect((await runCli("stats", "--input", kept, "--json")).stdout).toBe(plain.stdout);
    // The export gave the lines the test's sequential ids: the erasure's must be another.
    const erased = await runCliWith({ ids: { eventId: () => randomUUID() } }, "erase", "--input", kept, "--keys", keys, "--subject", "cadre:k2", "--request-ref", "R-1", "--on", "2014-01-02");
    expect(erased.stderr).toBe("");
    expect(erased.code).toBe(0);
    noMarkerIn(erased);
    const out = join(dir.path, "read.ndjson");
    expect((await runCli("export", "--input", kept, "--keys", keys, "--personal", "include", "--out", out)).code).toBe(0);
    const text = await readFile(out, "utf8");
    expect(markersIn(Buffer.from(text), MARKERS["cadre:k2"])).toEqual([]);
    for (const marker of MARKERS["contact:h1"]) expect(text).toContain(marker);
    expect((await runCli("verify", "--input", out)).stdout).toBe("20 lines, 0 problems; 20 sealed events in 1 stream\n");
  });
});
