import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { type FileHandle, open } from "node:fs/promises";
import { type CliError, describeFileSystemError, fileError } from "./CliError.js";

// model

/**
 * What reading a file line by line yields: a line's text (without its `\n` or `\r\n`); a line
 * that cannot be read (too long, not UTF-8); or, last, a read failure.
 */
export type LineItem =
  | { readonly _tag: "Line"; readonly number: number; readonly text: string }
  | { readonly _tag: "BadLine"; readonly number: number; readonly message: string }
  | { readonly _tag: "ReadFailed"; readonly reason: string };

/** Options of {@link openLines}. */
export interface LineReaderOptions {
  /** Longest line read, in bytes; longer lines are reported as `BadLine`, never buffered. @defaultValue 1 MiB */
  readonly maxLineBytes?: number;
  /** Told the bytes read so far and the file's size, after every chunk (for progress). @defaultValue none */
  readonly onBytes?: (read: number, size: number) => void;
  /** Given every chunk as read (e.g. to hash the file). @defaultValue none */
  readonly onChunk?: (chunk: Uint8Array) => void;
}

/** The default longest line: 1 MiB. */
export const MAX_LINE_BYTES = 1024 * 1024;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

// utils

/** Why a line of `length` bytes is not read. */
export const describeLongLine = (maxLineBytes: number, length: number): string => `line is longer than ${size(maxLineBytes)} (${length} bytes); not read`;

const size = (bytes: number): string =>
  bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;

/**
 * Splits a byte stream into lines at `\n` only (a final `\n` ends the last line; no empty line
 * follows it). Holds at most one line of `maxLineBytes` plus one chunk in memory.
 */
export const splitLines = async function* (chunks: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<LineItem> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let parts: Uint8Array[] = [];
  let length = 0;
  let number = 0;

  const take = (piece: Uint8Array): void => {
    length += piece.length;
    if (length > maxLineBytes) parts = [];
    else if (piece.length > 0) parts.push(piece);
  };

  const finish = (): LineItem => {
    number++;
    const total = length;
    const bytes = Buffer.concat(parts);
    parts = [];
    length = 0;
    if (total > maxLineBytes) {
      return { _tag: "BadLine", number, message: describeLongLine(maxLineBytes, total) };
    }
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
    try {
      return { _tag: "Line", number, text: decoder.decode(bytes.subarray(0, end)) };
    } catch {
      return { _tag: "BadLine", number, message: "line is not valid UTF-8" };
    }
  };

  try {
    for await (const chunk of chunks) {
      let start = 0;
      for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
        take(chunk.subarray(start, nl));
        yield finish();
        start = nl + 1;
      }
      take(chunk.subarray(start));
    }
  } catch (error) {
    yield { _tag: "ReadFailed", reason: describeFileSystemError(error) };
    return;
  }
  if (length > 0) yield finish();
};

const observed = async function* (
  chunks: AsyncIterable<Uint8Array>,
  size: number,
  onBytes: LineReaderOptions["onBytes"],
  onChunk: LineReaderOptions["onChunk"],
): AsyncGenerator<Uint8Array> {
  let read = 0;
  for await (const chunk of chunks) {
    read += chunk.length;
    onChunk?.(chunk);
    onBytes?.(read, size);
    yield chunk;
  }
};

// constructors

/** Opens a history file for reading, with its size; one that cannot be opened (missing, a directory, not permitted) is a FileError naming it and the reason. */
export const openHistoryFile =
  (file: string): TE.TaskEither<CliError, { readonly handle: FileHandle; readonly size: number }> =>
  async () => {
    let handle: FileHandle;
    try {
      handle = await open(file, "r");
    } catch (error) {
      return E.left(fileError(file, describeFileSystemError(error)));
    }
    const stat = await handle.stat().then(E.right, (error: unknown) => E.left(describeFileSystemError(error)));
    const problem = E.isLeft(stat) ? stat.left : stat.right.isDirectory() ? "is a directory" : undefined;
    if (problem !== undefined || E.isLeft(stat)) {
      await handle.close().catch(() => undefined);
      return E.left(fileError(file, problem ?? "cannot be read"));
    }
    return E.right({ handle, size: stat.right.size });
  };

/**
 * Opens `file` for streaming line by line. A file that cannot be opened (missing, a directory,
 * not permitted) is a FileError naming it and the reason. Never reads the whole file.
 */
export const openLines =
  (file: string, { maxLineBytes = MAX_LINE_BYTES, onBytes, onChunk }: LineReaderOptions = {}): TE.TaskEither<CliError, AsyncIterable<LineItem>> =>
  async () => {
    const opened = await openHistoryFile(file)();
    if (E.isLeft(opened)) return opened;
    const { handle, size } = opened.right;
    const chunks: AsyncIterable<Uint8Array> = handle.createReadStream({ highWaterMark: 64 * 1024 });
    return E.right(splitLines(onBytes === undefined && onChunk === undefined ? chunks : observed(chunks, size, onBytes, onChunk), maxLineBytes));
  };
