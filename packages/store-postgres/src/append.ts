import {
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  type StoreError,
  meetsExpectation,
  storeFailure,
  wrongExpectedRevision,
} from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import type { Database, Queryable } from "./database.js";
import { errorCode, toStoreError } from "./errors.js";
import { readStreamPage } from "./reading.js";
import type { Names } from "./schema.js";
import { toColumns } from "./storedFormat.js";
import { type Overlap, overlapOf, repeatedId } from "./overlap.js";

/*
 * An append is one READ COMMITTED transaction of two statements: lock the stream's row and read
 * its revision; then, in one statement, move the stream's revision, take the next positions from
 * the one-row counter and insert the events. The counter is taken in the last statement, so it is
 * held only across the insert and the commit: transactions that append commit in position order,
 * so a reader that sees a position sees every smaller one (no gap for a catch-up reader). A
 * transaction that rolls back gives its positions back: positions are dense.
 */

/** @internal What an append needs besides its arguments. */
export interface AppendContext {
  readonly db: Database;
  readonly names: Names;
  readonly redact: (text: string) => string;
  /** Called after every append that wrote, to wake this process's subscriptions. */
  readonly wrote: () => void;
}

/** Attempts of an append that the server aborted as a serialization failure or deadlock. */
const ATTEMPTS = 3;

/** What the transaction found. */
type Outcome =
  | { readonly _tag: "Written"; readonly recorded: ReadonlyArray<RecordedEvent>; readonly last: bigint }
  | { readonly _tag: "Mismatch"; readonly actual: bigint | null };

const parseRevision = (value: unknown): bigint | null => (typeof value === "string" || typeof value === "number" ? BigInt(value) : null);

const lockStream = async (sql: Queryable, names: Names, streamId: string): Promise<bigint | null> => {
  const [row] = await sql.query(`SELECT revision::text AS revision FROM ${names.streams} WHERE stream_id = $1 FOR UPDATE`, [streamId]);
  return parseRevision(row?.["revision"]);
};

const insertStatement = (names: Names, streamIsNew: boolean): string => `
  WITH stream AS (
    ${streamIsNew ? `INSERT INTO ${names.streams} (stream_id, revision) VALUES ($1, $2::bigint)` : `UPDATE ${names.streams} SET revision = $2::bigint WHERE stream_id = $1`}
  ), counter AS (
    UPDATE ${names.positions} SET last = last + $3::bigint WHERE id RETURNING last - $3::bigint AS base
  ), notified AS (
    SELECT pg_notify($4, '')
  )
  INSERT INTO ${names.events} (position, stream_id, stream_revision, event_id, type, data, schema_version, recorded_at, metadata, previous_hash, hash)
  SELECT counter.base + e.ord, $1, $5::bigint + e.ord - 1, e.event_id, e.type, e.data, e.schema_version, e.recorded_at, e.metadata, e.previous_hash, e.hash
  FROM counter, notified,
    unnest($6::uuid[], $7::text[], $8::text[], $9::integer[], $10::text[], $11::text[], $12::text[], $13::text[])
      WITH ORDINALITY AS e(event_id, type, data, schema_version, recorded_at, metadata, previous_hash, hash, ord)
  RETURNING position::text AS position, stream_revision::text AS stream_revision`;

const recordedOf = (streamId: string, events: ReadonlyArray<NewEvent>, first: bigint, rows: ReadonlyArray<Readonly<Record<string, unknown>>>): RecordedEvent[] => {
  const positions = new Map<bigint, bigint>();
  for (const row of rows) positions.set(BigInt(String(row["stream_revision"])), BigInt(String(row["position"])));
  return events.map((event, i) => {
    const streamRevision = first + BigInt(i);
    const position = positions.get(streamRevision);
    if (position === undefined) throw new Error(`the insert returned no position for revision ${streamRevision}`);
    const { type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash } = event;
    const seal = previousHash === undefined || hash === undefined ? {} : { previousHash, hash };
    return Object.freeze({ type, data, eventId, schemaVersion, recordedAt, metadata, ...seal, streamId, streamRevision, position }) as RecordedEvent;
  });
};

const write = (context: AppendContext, streamId: string, events: ReadonlyArray<NewEvent>, expected: ExpectedRevision): Promise<Outcome> =>
  context.db.transaction(async (sql) => {
    const actual = await lockStream(sql, context.names, streamId);
    if (!meetsExpectation(expected, actual)) return { _tag: "Mismatch", actual };
    const first = actual === null ? 0n : actual + 1n;
    const last = first + BigInt(events.length) - 1n;
    const c = toColumns(events);
    const rows = await sql.query(insertStatement(context.names, actual === null), [
      streamId,
      last.toString(),
      String(events.length),
      context.names.channel,
      first.toString(),
      c.eventIds,
      c.types,
      c.data,
      c.schemaVersions,
      c.recordedAts,
      c.metadata,
      c.previousHashes,
      c.hashes,
    ]);
    return { _tag: "Written", recorded: recordedOf(streamId, events, first, rows), last };
  });

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
  for (let attempt = 1; ; attempt++) {
    let outcome: Outcome;
    try {
      outcome = await write(context, streamId, events, expected);
    } catch (error) {
      const code = errorCode(error);
      if (code === "23505") {
        const judged = await judgeRefused(context, streamId, events, expected);
        if (judged !== "Retry" || attempt >= ATTEMPTS) return judged === "Retry" ? E.left(toStoreError(error, `appending to stream "${streamId}"`, context.redact)) : judged;
        continue;
      }
      if ((code === "40001" || code === "40P01") && attempt < ATTEMPTS) continue;
      return E.left(toStoreError(error, `appending to stream "${streamId}"`, context.redact));
    }
    if (outcome._tag === "Written") {
      context.wrote();
      return E.right({ nextExpectedRevision: outcome.last, recorded: Object.freeze(outcome.recorded) });
    }
    const judged = await judgeRefused(context, streamId, events, expected);
    if (judged !== "Retry") return judged;
    if (attempt >= ATTEMPTS) return E.left(wrongExpectedRevision(streamId, expected, outcome.actual));
  }
};
