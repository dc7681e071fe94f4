import { readFile } from "node:fs/promises";
import { createMemoryEventStore } from "@tenfold/store-memory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryOpener, runCliWith, xiningExport } from "./testing-support/audit.js";
import { tempDir } from "./testing-support/harness.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
let xining = "";
beforeAll(async () => {
  dir = await tempDir();
  xining = await xiningExport(dir);
});
afterAll(() => dir.remove());

const VIEWS: ReadonlyArray<ReadonlyArray<string>> = [
  [],
  ["--as-of", "2013-03-31"],
  ["--as-of", "2013-06-30"],
  ["--as-of", "2013-12-31"],
  ["--recorded-before", "2013-05-01T00:00:00Z"],
  ["--as-of", "2013-09-30", "--recorded-before", "2013-08-01T00:00:00Z"],
];

describe("tenfold stats --input FILE, folded as the file streams", () => {
  it("gives the statistics of the same file imported into a store and read back, in every view, on one thread or several", async () => {
    for (const view of VIEWS) {
      const { openStore } = memoryOpener({ office: createMemoryEventStore() });
      const imported = await runCliWith({ openStore }, "stats", "--input", xining, "--store", "esdb://office", "--json", ...view);
      expect(imported.code).toBe(0);
      for (const threads of [0, 2]) expect(await runCliWith({ threads }, "stats", "--input", xining, "--json", ...view)).toEqual(imported);
    }
  });

  it("stops at the first bad line on worker threads too, with the same words", async () => {
    const bad = await dir.write("bad.ndjson", (await readFile(xining, "utf8")).replace('"type":"DiaryWritten"', '"type":"DiaryWrote"'));
    const one = await runCliWith({ threads: 0 }, "stats", "--input", bad);
    expect(one.code).toBe(1);
    expect(one.stderr).toBe(`${bad}:112: personal.title: DiaryWrote has no personal field\nNo statistics: stats stops at the first bad line. "tenfold verify --input ${bad}" lists every problem.\n`);
    expect(await runCliWith({ threads: 2 }, "stats", "--input", bad)).toEqual(one);
  });
});
