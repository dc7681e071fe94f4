import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./testing-support/audit.js";
import { MINI_HISTORY, ndjson, tempDir } from "./testing-support/harness.js";
import { allMarkers, MARKED_HISTORY, markersIn, sealedVersion1 } from "./testing-support/personal.js";

/* tenfold migrate refuses what it cannot rewrite, and then writes nothing, creates no key. */

let dir: Awaited<ReturnType<typeof tempDir>>;
let v1Lines: ReadonlyArray<string>;

beforeAll(async () => {
  dir = await tempDir();
  v1Lines = sealedVersion1(MARKED_HISTORY);
});
afterAll(async () => {
  await dir.remove();
});

const migrate = async (name: string, text: string): Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string; readonly file: string; readonly out: string; readonly keys: string }> => {
  const file = await dir.write(`${name}.ndjson`, text);
  const out = join(dir.path, `${name}-v2.ndjson`);
  const keys = join(dir.path, `${name}-keys`);
  return { ...(await runCli("migrate", "--input", file, "--out", out, "--keys", keys)), file, out, keys };
};

/** Neither a key nor the key directory: a refused migration creates nothing. */
const noKeys = (keys: string): boolean => !existsSync(keys);

describe("tenfold migrate", () => {
  it("refuses a history already migrated", async () => {
    const first = await migrate("once", ndjson(v1Lines));
    expect(first.code).toBe(0);
    const again = await migrate("twice", await readFile(first.out, "utf8"));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${again.file}:1: schemaVersion 2: this history is already migrated (migrate rewrites lines of versions 0 and 1)`);
    expect(again.stderr).toContain("Nothing was migrated");
    expect(existsSync(again.out)).toBe(false);
    expect(noKeys(again.keys)).toBe(true);
  });

  it("refuses a history without seals, or whose chain was tampered with, naming the line and never a value", async () => {
    const raw = await migrate("raw", ndjson(MARKED_HISTORY));
    expect(raw.code).toBe(1);
    expect(raw.stderr).toContain(`${raw.file}:1: the line is not sealed (previousHash, hash): migrate rewrites a sealed history`);
    const tampered = await migrate("tampered", ndjson(v1Lines.map((l, i) => (i === 6 ? l.replace("village", "community") : l))));
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain(`${tampered.file}:7: tampered: stream "tenfold-campaign-c1" revision 6`);
    const broken = await migrate("rules", ndjson(sealedVersion1([...MARKED_HISTORY.slice(0, 4), MARKED_HISTORY[4]!.replace('"groupId":"g1"', '"groupId":"g9"')])));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`${broken.file}:5: rule 3:`);
    for (const ran of [raw, tampered, broken]) {
      expect(existsSync(ran.out)).toBe(false);
      expect(noKeys(ran.keys)).toBe(true);
      expect(markersIn(Buffer.from(ran.stdout + ran.stderr), allMarkers())).toEqual([]);
    }
  });

  it("migrates version-0 lines too (upcast), and needs --input, --out and --keys, --out not the input", async () => {
    const visit = JSON.parse(MINI_HISTORY[8]!) as { type: string; data: Record<string, unknown> };
    const { photos: _photos, ...v0 } = visit.data;
    // A sealed version-0 line (a visit without photos): hashed as written, upcast when read.
    const lines = sealedVersion1([...MARKED_HISTORY.slice(0, 8), JSON.stringify({ type: visit.type, data: v0 })], "c1", (i) => (i === 8 ? 0 : 1));
    const zero = await migrate("zero", ndjson(lines));
    expect(zero.code).toBe(0);
    expect(JSON.parse((await readFile(zero.out, "utf8")).split("\n")[8]!)).toMatchObject({ schemaVersion: 2, data: { photos: 0 } });
    const file = join(dir.path, "zero.ndjson");
    const usage = async (argv: ReadonlyArray<string>, message: string): Promise<void> => {
      const ran = await runCli("migrate", ...argv);
      expect(ran.code).toBe(2);
      expect(ran.stderr).toContain(message);
    };
    await usage(["--input", file, "--out", file, "--keys", join(dir.path, "k")], "--out must name another file than --input");
    await usage(["--input", file, "--out", join(dir.path, "x.ndjson")], "missing --keys DIR");
    await usage(["--out", join(dir.path, "x.ndjson"), "--keys", "k"], "missing --input FILE");
  });
});
