import {
  type AllPage,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  type StoreError,
  type StreamPage,
  describeStoreError,
  expectRevision,
} from "@tenfold/core";
import { SCHEMA_VERSION } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";
import { event } from "../events/build.js";
import type { StoreFactory } from "../laws/liveLaw.js";

/** What every test of the contract gets: a store for the test, and names unique to this run. */
export interface ContractContext {
  /** Runs `test` with a store from the factory, releasing it afterwards. */
  readonly withStore: (test: (store: EventStore) => Promise<void>) => () => Promise<void>;
  /** A stream id unique to this run of the suite. */
  readonly stream: (label: string) => string;
  /** Whether a stream is one of this run's. */
  readonly ours: (streamId: string) => boolean;
  /** An event id (a UUID) unique to this run of the suite. */
  readonly eventId: () => string;
}

/** @internal Builds the context of a suite. */
export const contractContext = (makeStore: StoreFactory, release: (store: EventStore) => void | Promise<void>): ContractContext => {
  const run = globalThis.crypto.randomUUID().slice(0, 8);
  let serial = 0;
  return {
    withStore: (test) => async () => {
      const store = await makeStore();
      try {
        await test(store);
      } finally {
        await release(store);
      }
    },
    stream: (label) => `tenfold-contract-${run}-${label}`,
    ours: (streamId) => streamId.startsWith(`tenfold-contract-${run}-`),
    eventId: () => `${run}-0000-4000-8000-${(serial++).toString(16).padStart(12, "0")}`,
  };
};

/** @internal A well-formed event to append: a group named after `label`, with metadata that round-trips. */
export const newEvent = (ctx: ContractContext, label: string): NewEvent => ({
  ...event("GroupFormed", { campaignId: "contract", groupId: label.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 64) || "g", name: `Group ${label}`, formedOn: "2013-03-01" }),
  eventId: ctx.eventId(),
  schemaVersion: SCHEMA_VERSION,
  recordedAt: "2013-03-01T08:00:00.000Z",
  metadata: { actor: "contract-suite", correlationId: label, causationId: null },
  personal: {},
});

/** @internal `n` new events labelled `label-0` … */
export const newEvents = (ctx: ContractContext, label: string, n: number): NewEvent[] => Array.from({ length: n }, (_, i) => newEvent(ctx, `${label}-${i}`));

/** @internal The right value, or a thrown Error describing the store error (a test failure). */
export const orFail = async <A>(task: () => Promise<E.Either<StoreError, A>>, what: string): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`${what}: ${describeStoreError(result.left)}`);
  return result.right;
};

/** @internal Every event of a stream, page by page. */
export const readStreamFully = async (store: EventStore, streamId: string, maxCount = 100): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let next: bigint | null = 0n; next !== null; ) {
    const page: StreamPage = await orFail(store.readStream(streamId, { fromRevision: next, maxCount }), `readStream ${streamId}`);
    events.push(...page.events);
    next = page.events.length === 0 ? null : page.next;
  }
  return events;
};

/** @internal Every event of the store after `after` (from the start when undefined), page by page. */
export const readAllFully = async (store: EventStore, after: bigint | undefined, maxCount = 100): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  let checkpoint = after;
  for (;;) {
    const page: AllPage = await orFail(store.readAll(checkpoint === undefined ? { maxCount } : { after: checkpoint, maxCount }), "readAll");
    events.push(...page.events);
    if (page.next === null || page.events.length === 0) return events;
    checkpoint = page.next;
  }
};

/**
 * @internal Appends a batch the way a careful writer does: expecting the revision it last saw,
 * and on WrongExpectedRevision retrying with the actual revision the store reported. Every
 * refusal means another append succeeded, so `maxAttempts` (the appends that can happen) bounds it.
 */
export const appendWithRetry = async (
  store: EventStore,
  streamId: string,
  batch: ReadonlyArray<NewEvent>,
  guess: { last: bigint | null },
  maxAttempts: number,
): Promise<ReadonlyArray<RecordedEvent>> => {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const expected: ExpectedRevision = expectRevision(guess.last);
    const result = await store.append(streamId, batch, expected)();
    if (E.isRight(result)) {
      guess.last = result.right.nextExpectedRevision;
      return result.right.recorded;
    }
    if (result.left._tag !== "WrongExpectedRevision") throw new Error(`append to ${streamId}: ${describeStoreError(result.left)}`);
    guess.last = result.left.actual;
  }
  throw new Error(`append to ${streamId} still conflicted after ${maxAttempts} attempts`);
};

/** @internal The fields of an event as appended, to compare with what is read back. */
export const asAppended = (e: NewEvent | RecordedEvent): NewEvent => ({
  type: e.type,
  data: e.data,
  eventId: e.eventId,
  schemaVersion: e.schemaVersion,
  recordedAt: e.recordedAt,
  metadata: e.metadata,
}) as NewEvent;
