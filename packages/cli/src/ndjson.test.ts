import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BatchItem, readBatches } from "./lineBatches.js";
import { type LineItem, linesOfBatches, openLines } from "./ndjson.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tenfold-ndjson-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let files = 0;
/** The lines of a file holding `parts`, read `chunkBytes` at a time: every chunk size must give the same. */
const linesRead = async (parts: ReadonlyArray<string | Uint8Array>, max: number, chunkBytes: number): Promise<ReadonlyArray<LineItem>> => {
  const file = join(dir, `f${++files}.ndjson`);
  await writeFile(file, Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p))));
  const opened = await openLines(file, { maxLineBytes: max, chunkBytes })();
  if (E.isLeft(opened)) throw new Error("not opened");
  const items: LineItem[] = [];
  for await (const item of opened.right) items.push(item);
  return items;
};

/** The lines of `parts` at every chunk size from one byte up, all alike. */
const collect = async (parts: ReadonlyArray<string | Uint8Array>, max = 1024): Promise<ReadonlyArray<LineItem>> => {
  const whole = await linesRead(parts, max, 64 * 1024);
  for (const chunkBytes of [1, 2, 3, 5]) expect(await linesRead(parts, max, chunkBytes)).toEqual(whole);
  return whole;
};

const lines = (...texts: ReadonlyArray<string>): ReadonlyArray<LineItem> => texts.map((text, i) => ({ _tag: "Line", number: i + 1, text }));

describe("openLines", () => {
  it("splits at \\n, across chunks; a final newline ends the last line", async () => {
    expect(await collect(["a\nb", "c\n", "d\n"])).toEqual(lines("a", "bc", "d"));
    expect(await collect(["a\n", "b"])).toEqual(lines("a", "b"));
    expect(await collect([])).toEqual([]);
    expect(await collect(["\n"])).toEqual(lines(""));
    expect(await collect(["a\n\n"])).toEqual(lines("a", ""));
  });

  it("drops the \\r of \\r\\n, and a byte order mark at a line's start, and nothing else", async () => {
    expect(await collect(["a\r", "\nb\r\n"])).toEqual(lines("a", "b"));
    expect(await collect(["a\rb\n"])).toEqual(lines("a\rb"));
    expect(await collect(["\ufeffa\n\ufeffb\nc\ufeff\n"])).toEqual(lines("a", "b", "c\ufeff"));
  });

  it("decodes UTF-8 split across chunks", async () => {
    expect(await collect(["西宁\n", "湟中"])).toEqual(lines("西宁", "湟中"));
  });

  it("reports a line over the limit without keeping it, and goes on", async () => {
    expect(await collect(["ok\n", "x".repeat(6), "x".repeat(6), "\nafter"], 10)).toEqual([
      { _tag: "Line", number: 1, text: "ok" },
      { _tag: "BadLine", number: 2, message: "line is longer than 10 bytes (12 bytes); not read" },
      { _tag: "Line", number: 3, text: "after" },
    ]);
    expect(await collect(["x".repeat(2048)], 1024)).toEqual([{ _tag: "BadLine", number: 1, message: "line is longer than 1 KiB (2048 bytes); not read" }]);
  });

  it("reports bytes that are not UTF-8", async () => {
    expect(await collect([Buffer.from([0x61, 0xc3, 0x0a, 0x62])])).toEqual([
      { _tag: "BadLine", number: 1, message: "line is not valid UTF-8" },
      { _tag: "Line", number: 2, text: "b" },
    ]);
  });

  it("gives every byte read to onChunk, a line too long included, and the bytes read so far to onBytes", async () => {
    const content = `ok\n${"x".repeat(40)}\nafter\n`;
    const file = join(dir, "observed.ndjson");
    await writeFile(file, content);
    const chunks: Uint8Array[] = [];
    const reads: number[] = [];
    const opened = await openLines(file, { maxLineBytes: 10, chunkBytes: 7, onChunk: (c) => chunks.push(Buffer.from(c)), onBytes: (read, size) => reads.push(read / size) })();
    if (E.isLeft(opened)) throw new Error("not opened");
    for await (const item of opened.right) expect(item._tag).not.toBe("ReadFailed");
    expect(Buffer.concat(chunks).toString()).toBe(content);
    expect(reads.at(-1)).toBe(1);
    expect([...reads].sort((a, b) => a - b)).toEqual(reads);
  });
});

describe("linesOfBatches", () => {
  it("ends with ReadFailed when reading fails, after the lines before it", async () => {
    const file = join(dir, "two.ndjson");
    await writeFile(file, "a\nb\n");
    const handle = await open(file, "r");
    const failing = async function* (): AsyncGenerator<BatchItem> {
      yield* readBatches(handle);
      // What readBatches yields when a read fails (its own test reads a directory).
      yield { _tag: "ReadFailed", reason: "input/output error" };
    };
    const items: LineItem[] = [];
    try {
      for await (const item of linesOfBatches(failing(), 1024, 4)) items.push(item);
    } finally {
      await handle.close();
    }
    expect(items).toEqual([...lines("a", "b"), { _tag: "ReadFailed", reason: "input/output error" }]);
  });
});
