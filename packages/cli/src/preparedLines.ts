import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import type { CliError } from "./CliError.js";
import { type BatchItem, describeLongLine, MAX_LINE_BYTES, preparingBatch, readBatches } from "./lineBatches.js";
import type { CliIo } from "./io.js";
import { type LineItem, openHistoryFile } from "./ndjson.js";
import { type PreparedLine, type PrepareTask, prepareLine, unreadableLine } from "./preparedLine.js";
import { decodeBatch, type WireBatch } from "./preparedWire.js";

/*
 * A file's lines prepared in parallel and read in order: the reading thread cuts the file into
 * batches of whole lines and hands them to worker threads, which parse, hash and decode each line
 * (preparedLine.ts); the results come back in the file's order, a few batches ahead at most, so
 * memory stays bounded whatever the file's size. Only the work that needs the lines before (the
 * chains' links, the rules, the statistics, the output) is left to the reading thread.
 */

// model

/** Lines prepared, in order, with how far into the file they reach; or a read failure (last). */
export type PreparedChunk =
  | {
      readonly _tag: "Lines";
      /** Read once, in order: each line is prepared (or decoded) as it is asked for. */
      readonly lines: Iterable<PreparedLine>;
      readonly read: number;
      readonly size: number;
    }
  | { readonly _tag: "ReadFailed"; readonly reason: string };

/** Options of {@link openPreparedLines}. */
export interface PreparedLinesOptions {
  /** Worker threads, besides this one, which prepares batches too while they are busy; 0: this thread alone. @defaultValue one fewer than the machine's cores (at least 1) for a file from 8 MiB, else 0 */
  readonly threads?: number;
  /** Longest line read, in bytes. @defaultValue 1 MiB */
  readonly maxLineBytes?: number;
  /** Bytes read at a time. @defaultValue 512 KiB */
  readonly chunkBytes?: number;
}

/** @internal What a worker is sent: a batch of whole lines (its buffer transferred). */
export interface BatchRequest {
  readonly id: number;
  readonly firstLine: number;
  readonly buffer: ArrayBufferLike;
  readonly byteOffset: number;
  readonly length: number;
  readonly task: PrepareTask;
  readonly maxLineBytes: number;
}

/** @internal What a worker answers: the batch's prepared lines as text (preparedWire.ts: a string is copied at once; a structured clone of many small objects costs twice as much to read). */
export interface BatchResponse extends WireBatch {
  readonly id: number;
}

/** Batches a worker is given before it has answered the first: one being prepared, one waiting. */
const PER_WORKER = 2;

/** Files smaller than this are prepared on the reading thread: starting workers would cost more than they save. */
const PARALLEL_FROM_BYTES = 8 << 20;

/** The most threads used, whatever is asked. */
export const MAX_THREADS = 64;

// utils

/** The worker's script: beside this module when built; the build's when this runs from its TypeScript source (the tests). */
const workerScript = (): URL =>
  import.meta.url.endsWith(".ts") ? new URL("../dist/prepareWorker.js", import.meta.url) : new URL("./prepareWorker.js", import.meta.url);

/** Parses `TENFOLD_THREADS`: unset, or a whole number of worker threads from 0 to 64. */
export const parseThreads = (value: string | undefined): E.Either<string, number | undefined> => {
  if (value === undefined || value === "") return E.right(undefined);
  const n = /^\d{1,2}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n <= MAX_THREADS ? E.right(n) : E.left(`TENFOLD_THREADS must be a whole number of worker threads from 0 to ${MAX_THREADS}, or unset`);
};

let running = 0;

/** @internal Worker threads of this module alive now (for tests: none is left behind). */
export const runningWorkers = (): number => running;

/** A pool of up to `threads` workers, started as batches need them, each answering its batches in the order sent. */
const workerPool = (threads: number) => {
  const waiting = new Map<number, { readonly resolve: (batch: WireBatch) => void; readonly reject: (error: unknown) => void }>();
  const workers: Worker[] = [];
  /** Batches sent to each worker and not answered yet. */
  const busy: number[] = [];
  const start = (): number => {
    // The main thread's stack (V8's default, about 1 MB), so that a line nested too deeply for one is so for the other.
    const worker = new Worker(workerScript(), { resourceLimits: { stackSizeMb: 1 } });
    running++;
    worker.once("exit", () => running--);
    worker.on("message", (response: BatchResponse) => {
      const waiter = waiting.get(response.id);
      waiting.delete(response.id);
      waiter?.resolve(response);
    });
    worker.on("error", (error) => {
      for (const waiter of waiting.values()) waiter.reject(error);
      waiting.clear();
    });
    workers.push(worker);
    busy.push(0);
    return workers.length - 1;
  };
  let next = 0;
  return {
    /** Sends the batch to an idle worker (a new one while fewer than `threads` run), else the least busy; undefined when each has `perWorker` batches already (the caller prepares it then). */
    prepare: (request: Omit<BatchRequest, "id">, perWorker: number): Promise<Iterable<PreparedLine>> | undefined => {
      let w = -1;
      for (let i = 0; i < busy.length; i++) if (w === -1 || (busy[i] as number) < (busy[w] as number)) w = i;
      if (w === -1 || ((busy[w] as number) > 0 && workers.length < threads)) w = start();
      if ((busy[w] as number) >= perWorker) return undefined;
      const chosen = w;
      busy[chosen] = (busy[chosen] as number) + 1;
      const answer = new Promise<WireBatch>((resolve, reject) => {
        const id = next++;
        waiting.set(id, {
          resolve: (batch) => {
            busy[chosen] = (busy[chosen] as number) - 1;
            resolve(batch);
          },
          reject,
        });
        // An export keeps the batch: the lines it writes as read are written from it. Else the buffer is handed over, not copied.
        (workers[chosen] as Worker).postMessage({ ...request, id }, request.task.exportAs === undefined ? [request.buffer as ArrayBuffer] : []);
      }).then((batch) => decodeBatch(batch, request.firstLine, request.task.exportAs === undefined ? undefined : new Uint8Array(request.buffer, request.byteOffset, request.length)));
      // A worker's failure is a defect, thrown where the batch is awaited; not also an unhandled rejection before.
      answer.catch(() => undefined);
      return answer;
    },
    close: (): Promise<unknown> => Promise.all(workers.map((w) => w.terminate())),
  };
};

type Pending = { readonly lines: Promise<Iterable<PreparedLine>> | Iterable<PreparedLine>; readonly read: number } | { readonly failed: string };

// constructors

/**
 * Opens `file` and prepares its lines for `task`, on `threads` worker threads (see
 * {@link PreparedLinesOptions}); the chunks come in the file's order. A file that cannot be
 * opened (missing, a directory, not permitted) is a FileError naming it and the reason.
 */
export const openPreparedLines =
  (file: string, task: PrepareTask, options: PreparedLinesOptions = {}): TE.TaskEither<CliError, AsyncIterable<PreparedChunk>> =>
  async () => {
    const opened = await openHistoryFile(file)();
    if (E.isLeft(opened)) return opened;
    const { handle, size } = opened.right;
    // This thread prepares batches too whenever the workers are busy: one worker fewer than the cores keeps them all at work.
    const threads = Math.min(MAX_THREADS, options.threads ?? (size >= PARALLEL_FROM_BYTES ? Math.max(1, availableParallelism() - 1) : 0));
    const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
    return E.right(
      (async function* (): AsyncGenerator<PreparedChunk> {
        const pool = threads > 0 ? workerPool(threads) : null;
        /** Batches read and not yet given out, oldest first: two a worker, and two this thread prepared while the workers were busy. */
        const queue: Pending[] = [];
        const ahead = threads * PER_WORKER + 2;
        const pendingOf = (item: BatchItem): Pending => {
          switch (item._tag) {
            case "ReadFailed":
              return { failed: item.reason };
            case "LongLine":
              return { lines: [unreadableLine(item.number, describeLongLine(maxLineBytes, item.length))], read: item.read };
            case "Bytes":
              return {
                // The workers' when one has room, else this thread's: it prepares while they are busy, rather than wait.
                lines:
                  pool?.prepare({ firstLine: item.firstLine, buffer: item.bytes.buffer, byteOffset: item.bytes.byteOffset, length: item.bytes.length, task, maxLineBytes }, PER_WORKER) ??
                  preparingBatch(item.bytes, item.firstLine, task, maxLineBytes),
                read: item.read,
              };
          }
        };
        const given = async (pending: Pending): Promise<PreparedChunk> =>
          "failed" in pending ? { _tag: "ReadFailed", reason: pending.failed } : { _tag: "Lines", lines: await pending.lines, read: pending.read, size };
        try {
          for await (const item of readBatches(handle, { maxLineBytes, ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }) })) {
            queue.push(pendingOf(item));
            while (queue.length >= ahead) yield await given(queue.shift() as Pending);
          }
          for (let pending = queue.shift(); pending !== undefined; pending = queue.shift()) yield await given(pending);
        } finally {
          await pool?.close();
          await handle.close().catch(() => undefined);
        }
      })(),
    );
  };

/** Lines read elsewhere (a store's events as export lines), each prepared on this thread as it comes. */
export const preparedInThread = async function* (lines: AsyncIterable<LineItem>, task: PrepareTask): AsyncGenerator<PreparedChunk> {
  for await (const item of lines) {
    switch (item._tag) {
      case "ReadFailed":
        yield item;
        return;
      case "BadLine":
        yield { _tag: "Lines", lines: [unreadableLine(item.number, item.message)], read: 0, size: 0 };
        break;
      case "Line":
        yield { _tag: "Lines", lines: [prepareLine(item.number, item.text, task)], read: 0, size: 0 };
        break;
    }
  }
};

/** The worker threads the io asks for (`TENFOLD_THREADS`), if it says. */
export const threadsOf = (io: CliIo): PreparedLinesOptions => (io.threads === undefined ? {} : { threads: io.threads });
