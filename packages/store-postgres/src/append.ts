import { type AppendResult, type ExpectedRevision, type NewEvent, type RecordedEvent, type StoreError } from "@tenfold/core";
import { meetsExpectation, recordedEvent, storeFailure, wrongExpectedRevision } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";
import type { Database } from "./database.js";
import type { AppendQueue, Written } from "./appendQueue.js";
import { MAX_BIGINT } from "./arguments.js";
import { errorCode, toStoreError } from "./errors.js";
import { readStreamPage } from "./reading.js";
import type { Names } from "./schema.js";
import { type Overlap, overlapOf, repeatedId } from "./overlap.js";

/*
 * An append goes through the group-commit queue (appendQueue.ts, appendScript.ts): one statement
 * in a transaction that may hold other appends too. When its stream did not meet the expectation,
 * or its event ids are recorded already, it is judged here as the in-memory store judges it: an
 * exact retry gets the original result; anything else is an error value and writes nothing.
 */

/** @internal What an append needs besides its arguments. */
export interface AppendContext {
  readonly db: Database;
  readonly names: Names;
  readonly queue: AppendQueue;
  readonly redact: (text: string) => string;
  /** Called after every append that wrote, to wake this process's subscriptions. */
  readonly wrote: () => void;
}

/** Attempts of an append that the server aborted as a serialization failure or deadlock, or that raced a writer that rolled back. */
const ATTEMPTS = 3;

const parseRevision = (value: unknown): bigint | null => (typeof value === "string" || typeof value === "number" ? BigInt(value) : null);

/** The recorded events of a written batch: the appended envelopes at the revisions and positions from the first ones written. */
const recordedOf = (streamId: string, events: ReadonlyArray<NewEvent>, row: Readonly<Record<string, unknown>>): RecordedEvent[] => {
  const firstPosition = BigInt(String(row["first_position"]));
  const firstRevision = BigInt(String(row["first_revision"]));
  return events.map((event, i) => {
    const streamRevision = firstRevision + BigInt(i);
    const position = firstPosition + BigInt(i);
    return recordedEvent(event, { streamId, streamRevision, position });
  });
};

const currentRevision = async (context: AppendContext, streamId: string): Promise<E.Either<StoreError, bigint | null>> => {
  try {
    const [row] = await context.db.query(`SELECT revision::text AS revision FROM ${context.names.streams} WHERE stream_id = $1`, [streamId]);
    return E.right(parseRevision(row?.["revision"]));
  } catch (error) {
    return E.left(toStoreError(error, `reading stream "${streamId}"`, context.redact));
  }
};

/** After a refused append: an exact retry of an earlier one gets that append's result; anything else is judged against the stream now. */
const judgeRefused = async (
  context: AppendContext,
  streamId: string,
  events: ReadonlyArray<NewEvent>,
  expected: ExpectedRevision,
): Promise<E.Either<StoreError, AppendResult> | "Retry"> => {
  let overlap: Overlap;
  try {
    overlap = await overlapOf(context.db, context.names, streamId, events);
  } catch (error) {
    return E.left(toStoreError(error, `appending to stream "${streamId}"`, context.redact));
  }
  switch (overlap._tag) {
    case "Conflict":
      return E.left(storeFailure(overlap.reason));
    case "Again": {
      const from = overlap.from;
      const before = from === 0n ? null : from - 1n;
      if (meetsExpectation(expected, before)) {
        const run = await readStreamPage(context, streamId, from, events.length);
        return E.map((page: { readonly events: ReadonlyArray<RecordedEvent> }) => ({ nextExpectedRevision: from + BigInt(events.length) - 1n, recorded: page.events }))(run);
      }
      break;
    }
    case "New":
      break;
  }
  const actual = await currentRevision(context, streamId);
  if (E.isLeft(actual)) return actual;
  // A new batch refused, though the stream now meets the expectation: the writer it raced rolled back.
  if (overlap._tag === "New" && meetsExpectation(expected, actual.right)) return "Retry";
  return E.left(wrongExpectedRevision(streamId, expected, actual.right));
};

/** @internal Appends a batch, all or nothing, honouring `expected`; an exact retry of an earlier append returns its result. */
export const appendEvents = async (
  context: AppendContext,
  streamId: string,
  events: ReadonlyArray<NewEvent>,
  expected: ExpectedRevision,
): Promise<E.Either<StoreError, AppendResult>> => {
  if (events.length === 0) {
    const actual = await currentRevision(context, streamId);
    if (E.isLeft(actual)) return actual;
    if (!meetsExpectation(expected, actual.right)) return E.left(wrongExpectedRevision(streamId, expected, actual.right));
    return E.right({ nextExpectedRevision: actual.right ?? -1n, recorded: [] });
  }
  const repeated = repeatedId(events);
  if (repeated !== undefined) return E.left(storeFailure(`the batch holds event id ${JSON.stringify(repeated)} more than once`));
  // An exact revision no bigint column can hold: no stream is there; judged without writing.
  const reachable = expected._tag !== "Exact" || (expected.revision >= 0n && expected.revision <= MAX_BIGINT);
  for (let attempt = 1; ; attempt++) {
    const written: Written = reachable ? await context.queue.write({ streamId, events, expected }) : { _tag: "Rows", rows: [] };
    if (written._tag === "Failed") {
      const code = errorCode(written.error);
      if (code === "23505") {
        const judged = await judgeRefused(context, streamId, events, expected);
        if (judged !== "Retry") return judged;
        if (attempt >= ATTEMPTS) return E.left(toStoreError(written.error, `appending to stream "${streamId}"`, context.redact));
        continue;
      }
      if ((code === "40001" || code === "40P01") && attempt < ATTEMPTS) continue;
      return E.left(toStoreError(written.error, `appending to stream "${streamId}"`, context.redact));
    }
    const [row] = written.rows;
    if (row !== undefined) {
      const recorded = recordedOf(streamId, events, row);
      context.wrote();
      return E.right({ nextExpectedRevision: (recorded.at(-1) as RecordedEvent).streamRevision, recorded: Object.freeze(recorded) });
    }
    const judged = await judgeRefused(context, streamId, events, expected);
    if (judged !== "Retry") return judged;
    if (attempt >= ATTEMPTS) {
      const actual = await currentRevision(context, streamId);
      return E.isLeft(actual) ? actual : E.left(wrongExpectedRevision(streamId, expected, actual.right));
    }
  }
};
