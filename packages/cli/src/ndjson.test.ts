import { describe, expect, it } from "vitest";
import { type LineItem, splitLines } from "./ndjson.js";

const chunks = async function* (parts: ReadonlyArray<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield await Promise.resolve(typeof part === "string" ? Buffer.from(part) : part);
};

const collect = async (parts: ReadonlyArray<string | Uint8Array>, max = 1024): Promise<ReadonlyArray<LineItem>> => {
  const items: LineItem[] = [];
  for await (const item of splitLines(chunks(parts), max)) items.push(item);
  return items;
};

const lines = (...texts: ReadonlyArray<string>): ReadonlyArray<LineItem> => texts.map((text, i) => ({ _tag: "Line", number: i + 1, text }));

describe("splitLines", () => {
  it("splits at \\n, across chunks; a final newline ends the last line", async () => {
    expect(await collect(["a\nb", "c\n", "d\n"])).toEqual(lines("a", "bc", "d"));
    expect(await collect(["a\n", "b"])).toEqual(lines("a", "b"));
    expect(await collect([])).toEqual([]);
    expect(await collect([""])).toEqual([]);
    expect(await collect(["\n"])).toEqual(lines(""));
    expect(await collect(["a\n\n"])).toEqual(lines("a", ""));
  });

  it("drops the \\r of \\r\\n, even when split across chunks, and nothing else", async () => {
    expect(await collect(["a\r", "\nb\r\n"])).toEqual(lines("a", "b"));
    expect(await collect(["a\rb\n"])).toEqual(lines("a\rb"));
  });

  it("decodes UTF-8 split across chunks", async () => {
    const bytes = Buffer.from("西宁\n");
    expect(await collect([bytes.subarray(0, 2), bytes.subarray(2, 4), bytes.subarray(4)])).toEqual(lines("西宁"));
  });

  it("reports a line over the limit without keeping it, and goes on", async () => {
    const items = await collect(["ok\n", "x".repeat(6), "x".repeat(6), "\nafter"], 10);
    expect(items).toEqual([
      { _tag: "Line", number: 1, text: "ok" },
      { _tag: "BadLine", number: 2, message: "line is longer than 10 bytes (12 bytes); not read" },
      { _tag: "Line", number: 3, text: "after" },
    ]);
    expect(await collect(["x".repeat(2048)], 1024)).toEqual([
      { _tag: "BadLine", number: 1, message: "line is longer than 1 KiB (2048 bytes); not read" },
    ]);
  });

  it("reports bytes that are not UTF-8", async () => {
    expect(await collect([Buffer.from([0x61, 0xc3, 0x0a, 0x62])])).toEqual([
      { _tag: "BadLine", number: 1, message: "line is not valid UTF-8" },
      { _tag: "Line", number: 2, text: "b" },
    ]);
  });

  it("ends with ReadFailed when the stream fails", async () => {
    const failing = async function* (): AsyncGenerator<Uint8Array> {
      yield await Promise.resolve(Buffer.from("a\nb"));
      throw Object.assign(new Error("EIO: i/o error"), { code: "EIO" });
    };
    const items: LineItem[] = [];
    for await (const item of splitLines(failing(), 1024)) items.push(item);
    expect(items).toEqual([{ _tag: "Line", number: 1, text: "a" }, { _tag: "ReadFailed", reason: "input/output error" }]);
  });
});
