import { fc, test } from "@fast-check/vitest";
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeLongLine, prepareBatch, readBatches } from "./lineBatches.js";
import { type PreparedLine, type PrepareTask, prepareLine, unreadableLine } from "./preparedLine.js";

const TASK: PrepareTask = { seal: true, decode: true, commitments: true, leaves: true };

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tenfold-batches-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * The lines of `bytes` as the format says (the model the readers are held to): split at `\n`, a
 * final `\n` ending the last line; a `\r` before the newline and a byte order mark at a line's
 * start dropped; a line over `maxLineBytes` or not UTF-8 not read; each line then prepared.
 */
const byTheFormat = (bytes: Uint8Array, maxLineBytes: number): PreparedLine[] => {
  const out: PreparedLine[] = [];
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let from = 0;
  for (let number = 1; from < bytes.length; number++) {
    const newline = bytes.indexOf(0x0a, from);
    const end = newline === -1 ? bytes.length : newline;
    const line = bytes.subarray(from, end);
    from = end + 1;
    if (line.length > maxLineBytes) {
      out.push(unreadableLine(number, describeLongLine(maxLineBytes, line.length)));
      continue;
    }
    try {
      out.push(prepareLine(number, decoder.decode(line.at(-1) === 0x0d ? line.subarray(0, -1) : line), TASK));
    } catch {
      out.push(unreadableLine(number, "line is not valid UTF-8"));
    }
  }
  return out;
};

let files = 0;
/** The lines of `bytes` written to a file, read in batches of `chunkBytes`, each batch prepared. */
const byBatches = async (bytes: Uint8Array, chunkBytes: number, maxLineBytes: number): Promise<PreparedLine[]> => {
  const file = join(dir, `h${++files}.ndjson`);
  await writeFile(file, bytes);
  const handle = await open(file, "r");
  const out: PreparedLine[] = [];
  try {
    for await (const item of readBatches(handle, { chunkBytes, maxLineBytes })) {
      if (item._tag === "ReadFailed") throw new Error(item.reason);
      if (item._tag === "LongLine") out.push(unreadableLine(item.number, describeLongLine(maxLineBytes, item.length)));
      else out.push(...prepareBatch(item.bytes, item.firstLine, TASK, maxLineBytes));
    }
  } finally {
    await handle.close();
  }
  return out;
};

const SEALED =
  '{"type":"GroupFormed","data":{"campaignId":"c","groupId":"g1","name":"G","formedOn":"2013-03-02"},"schemaVersion":2,"eventId":"00000000-0000-4000-8000-000000000001","streamId":"tenfold-campaign-c","streamRevision":1,"recordedAt":"2013-03-01T08:00:01.000Z","metadata":{"actor":null,"correlationId":null,"causationId":null},"personal":{},"previousHash":"' +
  "0".repeat(64) +
  '","hash":"' +
  "1".repeat(64) +
  '"}';

/** Pieces of histories: lines good and bad, CR, blank lines, a byte order mark, bytes that are not UTF-8, long runs. */
const piece = fc.oneof(
  fc.constantFrom(SEALED, '{"type":"GroupFormed","data":{}}', "{not json", "", " ", "\r", "\ufeff{}", "西宁", '{"a":1}'),
  fc.constant(new Uint8Array([0xff, 0xfe])),
  fc.string({ maxLength: 40 }),
  fc.nat({ max: 200 }).map((n) => "x".repeat(n)),
);

const historyBytes = fc.array(fc.tuple(piece, fc.constantFrom("\n", "\r\n", "")), { maxLength: 30 }).map((parts) =>
  Buffer.concat(parts.flatMap(([p, end]) => [typeof p === "string" ? Buffer.from(p) : Buffer.from(p), Buffer.from(end)])),
);

describe("readBatches and prepareBatch", () => {
  test.prop([historyBytes, fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 700 })], { seed: 20130301, numRuns: 300 })(
    "give every line as the format says, whatever the chunk size and the longest line",
    async (bytes, chunkBytes, maxLineBytes) => {
      expect(await byBatches(bytes, chunkBytes, maxLineBytes)).toStrictEqual(byTheFormat(bytes, maxLineBytes));
    },
  );

  it("ends with a read failure, naming it, when the file cannot be read", async () => {
    const handle = await open(dir, "r");
    const items = [];
    try {
      for await (const item of readBatches(handle)) items.push(item);
    } finally {
      await handle.close();
    }
    expect(items).toEqual([{ _tag: "ReadFailed", reason: "is a directory" }]);
  });

  it("numbers lines across batches, passes over a line too long without keeping it, and reads a last line without a newline", async () => {
    const bytes = Buffer.from(`{"a":1}\n${"x".repeat(50)}\n\n{"b":2}`);
    const lines = await byBatches(bytes, 8, 20);
    expect(lines.map((l) => [l.number, l._tag === "Unreadable" ? l.problem : "read"])).toEqual([
      [1, "read"],
      [2, "line is longer than 20 bytes (50 bytes); not read"],
      [3, "empty line"],
      [4, "read"],
    ]);
  });

  it("prepares a sealed line's place, its hash recomputed and its leaf, in plain JSON", () => {
    const [line] = prepareBatch(Buffer.from(`${SEALED}\n`), 7, TASK);
    expect(line?._tag).toBe("Read");
    const seal = line?._tag === "Read" ? line.seal : null;
    if (line === undefined || seal?._tag !== "Sealed") throw new Error("a sealed line");
    expect(line.number).toBe(7);
    expect(seal.link).toEqual({ streamId: "tenfold-campaign-c", streamRevision: 1, previousHash: "0".repeat(64), hash: "1".repeat(64), eventId: "00000000-0000-4000-8000-000000000001" });
    // Its hash is not its content's (1…1), so the one recomputed is given.
    expect(seal.recomputed).toMatch(/^[0-9a-f]{64}$/);
    expect(seal.leaf).toMatch(/^[0-9a-f]{64}$/);
    // All but the line's own bytes, which only an export asks for and which stay on the thread that read them,
    // and its own text, which a tampered line does not cross as.
    if (line._tag !== "Read") throw new Error("read");
    const { bytes, ownText, ...sent } = line;
    expect(bytes).toBeUndefined();
    expect(ownText).toBeUndefined();
    expect(JSON.parse(JSON.stringify(sent))).toStrictEqual(sent);
  });
});
