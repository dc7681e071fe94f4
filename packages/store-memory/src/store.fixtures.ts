import {
  type Count,
  type Day,
  type EventMetadata,
  type EventStore,
  type Id,
  type NewEvent,
  type RecordedEvent,
  type StoreError,
  type StreamPage,
  type SubscriptionMessage,
  type Text,
  describeStoreError,
  noMetadata,
} from "@tenfold/core";
import { SCHEMA_VERSION } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";

/* Test helpers shared by this package's tests; not built, not published. */

/** A GroupFormed event with id `evt-<n>` (n also names the group). */
export const groupFormed = (n: number | string, metadata: EventMetadata = noMetadata): NewEvent => ({
  type: "GroupFormed",
  data: { campaignId: "c-1" as Id, groupId: `g-${n}` as Id, name: `Group ${n}` as Text, formedOn: "2013-03-01" as Day },
  eventId: `evt-${n}`,
  schemaVersion: SCHEMA_VERSION,
  recordedAt: "2013-03-01T08:00:00.000Z",
  metadata,
});

/** A VisitConducted event (nested arrays), with id `visit-evt-<n>`. */
export const visitConducted = (n: number): NewEvent => ({
  type: "VisitConducted",
  data: {
    campaignId: "c-1" as Id,
    visitId: `v-${n}` as Id,
    groupId: "g-1" as Id,
    cadreIds: ["cadre-1" as Id, "cadre-2" as Id],
    contactIds: ["contact-1" as Id],
    setting: "village",
    purposes: ["talk", "household-survey"],
    peopleMet: 12 as Count,
    photos: 3 as Count,
    occurredOn: "2013-03-05" as Day,
  },
  eventId: `visit-evt-${n}`,
  schemaVersion: SCHEMA_VERSION,
  recordedAt: "2013-03-05T08:00:00.000Z",
  metadata: { actor: "cadre-1", correlationId: "corr-1", causationId: null },
});

/** `count` GroupFormed events numbered from `from`. */
export const groupsFormed = (from: number, count: number): NewEvent[] => Array.from({ length: count }, (_, i) => groupFormed(from + i));

/** Runs a task that must succeed; fails the test with the error's description otherwise. */
export const right = async <A>(task: TE.TaskEither<StoreError, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected success, got ${describeStoreError(result.left)}`);
  return result.right;
};

/** Runs a task that must fail, and returns its error. */
export const left = async <A>(task: TE.TaskEither<StoreError, A>): Promise<StoreError> => {
  const result = await task();
  if (E.isRight(result)) throw new Error("expected a StoreError, got success");
  return result.left;
};

/** Every event of a stream, read page by page. */
export const streamOf = async (store: EventStore, streamId: string, maxCount = 1000): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let next: bigint | null = 0n; next !== null; ) {
    const page: StreamPage = await right(store.readStream(streamId, { fromRevision: next, maxCount }));
    events.push(...page.events);
    next = page.next;
  }
  return events;
};

/** Every event of the store in global order, read page by page. */
export const logOf = async (store: EventStore, maxCount = 1000): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  let after: bigint | undefined;
  for (;;) {
    const page = await right(store.readAll(after === undefined ? { maxCount } : { after, maxCount }));
    events.push(...page.events);
    if (page.next === null) return events;
    after = page.next;
  }
};

/** Messages of an iterator until `stop` says so (inclusive). */
export const takeUntil = async (
  iterator: AsyncIterator<SubscriptionMessage>,
  stop: (message: SubscriptionMessage, taken: ReadonlyArray<SubscriptionMessage>) => boolean,
): Promise<SubscriptionMessage[]> => {
  const taken: SubscriptionMessage[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) return taken;
    taken.push(next.value);
    if (stop(next.value, taken)) return taken;
  }
};

/** The event ids of events, in order. */
export const idsOf = (events: ReadonlyArray<RecordedEvent>): string[] => events.map((e) => e.eventId);

/** Lets every pending promise callback and timer of this turn run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
