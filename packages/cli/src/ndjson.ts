import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { type FileHandle, open } from "node:fs/promises";
import { type CliError, describeFileSystemError, fileError } from "./CliError.js";
import type { CliIo } from "./io.js";
import { type BatchItem, batchLines, describeLongLine, MAX_LINE_BYTES, readBatches } from "./lineBatches.js";
import { progressBar } from "./progress.js";

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
  /** Told the bytes read so far and the file's size, after every batch of lines (for progress). @defaultValue none */
  readonly onBytes?: (read: number, size: number) => void;
  /** Given every chunk as read (e.g. to hash the file). @defaultValue none */
  readonly onChunk?: (chunk: Uint8Array) => void;
  /** Bytes read at a time. @defaultValue 512 KiB */
  readonly chunkBytes?: number;
}

// utils

/** @internal The lines of batches read from a file of `size` bytes, in order (lineBatches.ts cuts and decodes them). */
export const linesOfBatches = async function* (
  batches: AsyncIterable<BatchItem>,
  maxLineBytes: number,
  size: number,
  onBytes?: (read: number, size: number) => void,
): AsyncGenerator<LineItem> {
  for await (const batch of batches) {
    switch (batch._tag) {
      case "ReadFailed":
        yield batch;
        return;
      case "LongLine":
        yield { _tag: "BadLine", number: batch.number, message: describeLongLine(maxLineBytes, batch.length) };
        break;
      case "Bytes":
        for (const line of batchLines(batch.bytes, batch.firstLine, maxLineBytes)) {
          yield line._tag === "Line" ? { _tag: "Line", number: line.number, text: line.text } : { _tag: "BadLine", number: line.number, message: line.message };
        }
        break;
    }
    onBytes?.(batch.read, size);
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
 * Opens `file` for streaming line by line (in batches of whole lines, as every command reads a
 * history: lineBatches.ts). A file that cannot be opened (missing, a directory, not permitted) is a
 * FileError naming it and the reason. Never reads the whole file; the file is closed when the
 * lines end or their reader stops.
 */
export const openLines =
  (file: string, { maxLineBytes = MAX_LINE_BYTES, onBytes, onChunk, chunkBytes }: LineReaderOptions = {}): TE.TaskEither<CliError, AsyncIterable<LineItem>> =>
  async () => {
    const opened = await openHistoryFile(file)();
    if (E.isLeft(opened)) return opened;
    const { handle, size } = opened.right;
    return E.right(
      (async function* (): AsyncGenerator<LineItem> {
        try {
          const batches = readBatches(handle, { maxLineBytes, ...(onChunk === undefined ? {} : { onChunk }), ...(chunkBytes === undefined ? {} : { chunkBytes }) });
          yield* linesOfBatches(batches, maxLineBytes, size, onBytes);
        } finally {
          await handle.close().catch(() => undefined);
        }
      })(),
    );
  };

/**
 * {@link openLines} with a progress bar under `label` on a terminal (percent of the file, lines
 * read, their speed, the time left): updated as lines are read, cleared when they end or their
 * reader stops.
 */
export const openLinesShowing =
  (file: string, io: CliIo, label: string, options: Omit<LineReaderOptions, "onBytes"> = {}): TE.TaskEither<CliError, AsyncIterable<LineItem>> =>
  async () => {
    let fraction: number | undefined;
    const opened = await openLines(file, { ...options, onBytes: (read, size) => (fraction = size > 0 ? read / size : undefined) })();
    if (E.isLeft(opened)) return opened;
    const lines = opened.right;
    const progress = progressBar(io, label);
    return E.right(
      (async function* (): AsyncGenerator<LineItem> {
        try {
          for await (const item of lines) {
            if (item._tag !== "ReadFailed") progress.update(item.number, fraction);
            yield item;
          }
        } finally {
          progress.done();
        }
      })(),
    );
  };
