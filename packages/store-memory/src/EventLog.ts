import { type AppendResult, type ExpectedRevision, type RecordedEvent, type StoreError } from "@tenfold/core";
import { meetsExpectation, recordedEvent, storeFailure, wrongExpectedRevision } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";
import { type EventIdIndex, addEventId, emptyEventIdIndex, findEventId } from "./EventIdIndex.js";
import type { Prepared } from "./prepare.js";

// model

/**
 * @internal One stream: its id (shared by all its events) and its events, by revision. The stream
 * holds the events themselves (as the log does), not their log indices: reading a stream then
 * touches each event once instead of going through the log too, which costs a cache miss an event.
 */
export interface Stream {
  readonly id: string;
  readonly events: RecordedEvent[];
}

/**
 * @internal Everything the store holds. An event's position is its index in `events`, so reading
 * after a checkpoint, or a stream from a revision, is an index computation, never a scan.
 */
export interface EventLog {
  readonly events: RecordedEvent[];
  readonly streams: Map<string, Stream>;
  /** Log index of every event id, for idempotent re-appends. */
  readonly ids: EventIdIndex;
  /** `revisions[r]` is `BigInt(r)`: revisions repeat across streams, so their bigints are shared. */
  readonly revisions: bigint[];
  /** Woken, then forgotten, after every append that writes. */
  readonly waiters: Set<() => void>;
}

// constructors

/** @internal An empty log. */
export const emptyLog = (): EventLog => ({
  events: [],
  streams: new Map(),
  ids: emptyEventIdIndex(),
  revisions: [],
  waiters: new Set(),
});

// utils

/** @internal The last revision of a stream, null when it was never written. */
export const lastRevisionOf = (stream: Stream | undefined): bigint | null =>
  stream === undefined ? null : BigInt(stream.events.length - 1);

/** @internal The event at an index the log handed out (so always present). */
export const eventAt = (log: EventLog, index: number): RecordedEvent => log.events[index] as RecordedEvent;

const result = (recorded: ReadonlyArray<RecordedEvent>, next: bigint): AppendResult => Object.freeze({ nextExpectedRevision: next, recorded: Object.freeze(recorded) });

/** How a batch relates to what the stream holds: all new, a retry of a run from `from`, or a conflict. */
type Overlap = { readonly _tag: "New" } | { readonly _tag: "Retry"; readonly from: number } | { readonly _tag: "Conflict"; readonly reason: string };

const overlapOf = (log: EventLog, streamId: string, batch: ReadonlyArray<Prepared>): Overlap => {
  let found = 0;
  let from = -1;
  let contiguous = true;
  let i = -1;
  for (const { eventId, idHash } of batch) {
    i++;
    const index = findEventId(log.ids, log.events, eventId, idHash);
    if (index === undefined) continue;
    const earlier = eventAt(log, index);
    if (earlier.streamId !== streamId) {
      return { _tag: "Conflict", reason: `event id ${JSON.stringify(eventId)} is already recorded in another stream, "${earlier.streamId}"` };
    }
    const revision = Number(earlier.streamRevision);
    if (found === 0) from = revision - i;
    else if (revision !== from + i) contiguous = false;
    found++;
  }
  if (found === 0) return duplicateIn(batch) ?? { _tag: "New" };
  if (found === batch.length && contiguous) return { _tag: "Retry", from };
  return {
    _tag: "Conflict",
    reason:
      found < batch.length
        ? `the batch partly overlaps stream "${streamId}": ${found} of its ${batch.length} event ids are already recorded there; an append must be wholly new or an exact retry of an earlier one`
        : `the batch's event ids are recorded in stream "${streamId}" but not as one contiguous run in this order, so it is not a retry of an earlier append`,
  };
};

/** Batches up to this size are checked for repeated ids pair by pair, on their id hashes. */
const PAIRWISE_LIMIT = 32;

const duplicateIn = (batch: ReadonlyArray<Prepared>): Overlap | undefined => {
  if (batch.length < 2) return undefined;
  const repeated = (eventId: string): Overlap => ({ _tag: "Conflict", reason: `the batch holds event id ${JSON.stringify(eventId)} more than once` });
  if (batch.length <= PAIRWISE_LIMIT) {
    // No Set for the usual small batch: compare id hashes (numbers), and ids only when they match.
    for (let i = 1; i < batch.length; i++) {
      const { eventId, idHash } = batch[i] as Prepared;
      for (let j = 0; j < i; j++) {
        const earlier = batch[j] as Prepared;
        if (earlier.idHash === idHash && earlier.eventId === eventId) return repeated(eventId);
      }
    }
    return undefined;
  }
  const seen = new Set<string>();
  for (const { eventId } of batch) {
    if (seen.has(eventId)) return repeated(eventId);
    seen.add(eventId);
  }
  return undefined;
};

const revisionAt = (log: EventLog, revision: number): bigint => {
  while (log.revisions.length <= revision) log.revisions.push(BigInt(log.revisions.length));
  return log.revisions[revision] as bigint;
};

const write = (log: EventLog, streamId: string, stream: Stream | undefined, batch: ReadonlyArray<Prepared>): AppendResult => {
  const target: Stream = stream ?? { id: streamId, events: [] };
  if (stream === undefined) log.streams.set(streamId, target);
  const recorded: RecordedEvent[] = [];
  for (const event of batch) {
    const index = log.events.length;
    const recorded1 = recordedEvent(event, { streamId: target.id, streamRevision: revisionAt(log, target.events.length), position: BigInt(index) });
    log.events.push(recorded1);
    target.events.push(recorded1);
    addEventId(log.ids, event.idHash);
    recorded.push(recorded1);
  }
  for (const wake of log.waiters) wake();
  log.waiters.clear();
  return result(recorded, BigInt(target.events.length - 1));
};

/**
 * @internal Appends a prepared batch, all or nothing, synchronously. An exact retry of an earlier
 * append (the same event ids, recorded as one run, under an expectation the stream met then)
 * returns what that append recorded and writes nothing.
 */
export const appendBatch = (
  log: EventLog,
  streamId: string,
  batch: ReadonlyArray<Prepared>,
  expected: ExpectedRevision,
): E.Either<StoreError, AppendResult> => {
  const stream = log.streams.get(streamId);
  const actual = lastRevisionOf(stream);
  const overlap = overlapOf(log, streamId, batch);
  switch (overlap._tag) {
    case "Conflict":
      return E.left(storeFailure(overlap.reason));
    case "Retry": {
      const before = overlap.from === 0 ? null : BigInt(overlap.from - 1);
      if (stream === undefined || !meetsExpectation(expected, before)) return E.left(wrongExpectedRevision(streamId, expected, actual));
      const run = stream.events.slice(overlap.from, overlap.from + batch.length);
      return E.right(result(run, BigInt(overlap.from + batch.length - 1)));
    }
    case "New":
      if (!meetsExpectation(expected, actual)) return E.left(wrongExpectedRevision(streamId, expected, actual));
      // An empty batch writes nothing; -1n stands for "no stream" when there is none (as in EventStoreDB).
      if (batch.length === 0) return E.right(result([], actual ?? -1n));
      return E.right(write(log, streamId, stream, batch));
  }
};
