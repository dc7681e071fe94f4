import type { FileHandle } from "node:fs/promises";
import { describeFileSystemError } from "./CliError.js";
import { type PreparedLine, type PrepareTask, prepareLine, unreadableLine } from "./preparedLine.js";

/*
 * A file read in batches of whole lines, and a batch's lines: the reading thread cuts the bytes
 * after a newline and counts lines; a worker (or the same thread) splits, decodes and prepares
 * them. Every command reads history files so (ndjson.ts's line reader too): lines end at `\n`
 * only, a `\r` before it is dropped, a final `\n` ends the last line, a byte order mark at a line's
 * start is dropped, and a line over the longest read is reported, never buffered.
 */

// model

/** What reading a file in batches yields: whole lines and where they start, a line too long to read, or a read failure. */
export type BatchItem =
  | { readonly _tag: "Bytes"; readonly firstLine: number; readonly bytes: Uint8Array; readonly read: number }
  | { readonly _tag: "LongLine"; readonly number: number; readonly length: number; readonly read: number }
  | { readonly _tag: "ReadFailed"; readonly reason: string };

/** Options of {@link readBatches}. */
export interface BatchOptions {
  /** Bytes read at a time (a batch is about as large). @defaultValue 512 KiB */
  readonly chunkBytes?: number;
  /** Longest line read, in bytes. @defaultValue 1 MiB */
  readonly maxLineBytes?: number;
  /** Given every chunk as read, the bytes of lines too long to read included (e.g. to hash the file). @defaultValue none */
  readonly onChunk?: (chunk: Uint8Array) => void;
}

/** A line of a batch: its number, where its bytes are (from `from` to its newline at `end`), and its text, or why it cannot be read. */
export type BatchLine =
  | { readonly _tag: "Line"; readonly number: number; readonly text: string; readonly from: number; readonly end: number }
  | { readonly _tag: "BadLine"; readonly number: number; readonly message: string; readonly from: number; readonly end: number };

/** The default longest line: 1 MiB. */
export const MAX_LINE_BYTES = 1024 * 1024;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BYTE_ORDER_MARK = 0xfeff;

// utils

const size = (bytes: number): string =>
  bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;

/** Why a line of `length` bytes is not read. */
export const describeLongLine = (maxLineBytes: number, length: number): string => `line is longer than ${size(maxLineBytes)} (${length} bytes); not read`;

const countNewlines = (bytes: Uint8Array): number => {
  let n = 0;
  for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) n++;
  return n;
};

const joined = (parts: ReadonlyArray<Uint8Array>, length: number): Uint8Array => {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

/**
 * A line's bytes (`from` to its newline at `end`), when they are exactly the text it was read as:
 * not with a `\r` before the newline, nor a byte order mark at its start (both dropped from the text).
 */
export const lineBytesAsRead = (bytes: Uint8Array, from: number, end: number): Uint8Array | undefined =>
  (end > from && bytes[end - 1] === CARRIAGE_RETURN) || (bytes[from] === 0xef && bytes[from + 1] === 0xbb && bytes[from + 2] === 0xbf) ? undefined : bytes.subarray(from, end);

/** A prepared line, with its bytes when it `exportsAsRead` and they are exactly its text. */
const withBytes = (line: PreparedLine, bytes: Uint8Array, from: number, end: number): PreparedLine => {
  if (line._tag !== "Read" || !line.exportsAsRead) return line;
  const own = lineBytesAsRead(bytes, from, end);
  return own === undefined ? line : { ...line, bytes: own };
};

// constructors

/**
 * Reads an open file from its start in batches of whole lines (each its own buffer, fit to be
 * transferred to a worker), with the number of its first line and the bytes read so far. Holds at
 * most one chunk and one line of `maxLineBytes` besides the batch it yields.
 */
export const readBatches = async function* (handle: FileHandle, { chunkBytes = 1 << 19, maxLineBytes = MAX_LINE_BYTES, onChunk }: BatchOptions = {}): AsyncGenerator<BatchItem> {
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  /** The length of a line being passed over because it is longer than `maxLineBytes`; null when none. */
  let skipping: number | null = null;
  let line = 1;
  let read = 0;
  for (;;) {
    const chunk = new Uint8Array(chunkBytes);
    let got: number;
    try {
      got = (await handle.read(chunk, 0, chunkBytes, null)).bytesRead;
    } catch (error) {
      yield { _tag: "ReadFailed", reason: describeFileSystemError(error) };
      return;
    }
    if (got === 0) break;
    read += got;
    const bytes = chunk.subarray(0, got);
    onChunk?.(bytes);
    const last = bytes.lastIndexOf(NEWLINE);
    if (last === -1) {
      if (skipping !== null) skipping += got;
      else if (pendingLength + got > maxLineBytes) {
        skipping = pendingLength + got;
        pending = [];
        pendingLength = 0;
      } else {
        pending.push(bytes);
        pendingLength += got;
      }
      continue;
    }
    let start = 0;
    if (skipping !== null) {
      const first = bytes.indexOf(NEWLINE);
      yield { _tag: "LongLine", number: line++, length: skipping + first, read };
      skipping = null;
      start = first + 1;
    }
    const whole = bytes.subarray(start, last + 1);
    const batch = pendingLength === 0 ? whole : joined([...pending, whole], pendingLength + whole.length);
    const first = line;
    line += countNewlines(whole);
    // A copy, taken first: the batch's buffer is handed over (transferred) to a worker, the rest of the chunk with it.
    const rest = bytes.slice(last + 1);
    if (rest.length > maxLineBytes) skipping = rest.length;
    pending = rest.length === 0 || skipping !== null ? [] : [rest];
    pendingLength = pending.length === 0 ? 0 : rest.length;
    if (batch.length > 0) yield { _tag: "Bytes", firstLine: first, bytes: batch, read };
  }
  if (skipping !== null) yield { _tag: "LongLine", number: line, length: skipping, read };
  else if (pendingLength > 0) yield { _tag: "Bytes", firstLine: line, bytes: joined(pending, pendingLength), read };
};

/** The lines of a batch, prepared at once (see {@link preparingBatch}). */
export const prepareBatch = (bytes: Uint8Array, firstLine: number, task: PrepareTask, maxLineBytes = MAX_LINE_BYTES): PreparedLine[] => [...preparingBatch(bytes, firstLine, task, maxLineBytes)];

/**
 * The lines of a batch of whole lines, each split and decoded when it is asked for: split at `\n`,
 * its `\r` and a leading byte order mark dropped, decoded as UTF-8 (a line that is not, or is
 * longer than `maxLineBytes`, is a BadLine).
 */
export const batchLines = function* (bytes: Uint8Array, firstLine: number, maxLineBytes = MAX_LINE_BYTES): Generator<BatchLine> {
  const ends: number[] = [];
  for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) ends.push(i);
  if (ends.length === 0 || (ends.at(-1) as number) < bytes.length - 1) ends.push(bytes.length);
  let texts: string[] | null = null;
  try {
    texts = new TextDecoder("utf-8", { fatal: true }).decode(bytes).split("\n");
  } catch {
    // Some line is not UTF-8: each is decoded on its own below.
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i] as number;
    const number = firstLine + i;
    const length = end - start;
    const from = start;
    start = end + 1;
    if (length > maxLineBytes) {
      yield { _tag: "BadLine", number, message: describeLongLine(maxLineBytes, length), from, end };
      continue;
    }
    const cr = length > 0 && bytes[end - 1] === CARRIAGE_RETURN;
    let text: string;
    if (texts !== null) {
      text = texts[i] as string;
      if (cr) text = text.slice(0, -1);
      // A decoder drops a byte order mark at the start of what it decodes: so is each line's, wherever it is.
      if (i > 0 && text.charCodeAt(0) === BYTE_ORDER_MARK) text = text.slice(1);
    } else {
      try {
        text = decoder.decode(bytes.subarray(from, cr ? end - 1 : end));
      } catch {
        yield { _tag: "BadLine", number, message: "line is not valid UTF-8", from, end };
        continue;
      }
    }
    yield { _tag: "Line", number, text, from, end };
  }
};

/**
 * The lines of a batch of whole lines ({@link batchLines}), each prepared ({@link prepareLine})
 * when it is asked for; a line that `exportsAsRead` gets its own bytes unless `ownBytes` is false
 * (a worker's: they stay behind).
 */
export const preparingBatch = function* (bytes: Uint8Array, firstLine: number, task: PrepareTask, maxLineBytes = MAX_LINE_BYTES, ownBytes = true): Generator<PreparedLine> {
  for (const line of batchLines(bytes, firstLine, maxLineBytes)) {
    if (line._tag === "BadLine") {
      yield unreadableLine(line.number, line.message);
      continue;
    }
    const prepared = prepareLine(line.number, line.text, task);
    yield ownBytes ? withBytes(prepared, bytes, line.from, line.end) : prepared;
  }
};
