import {
  type CampaignEvent,
  type EventStore,
  type NewEvent,
  type PersonalEntries,
  type Projection,
  type RecordedEvent,
  type Subscription,
  anyRevision,
  campaignStreamId,
  describeStoreError,
  evolve,
  expectRevision,
  foldStream,
  initialCampaignState,
  noMetadata,
  project,
} from "@tenfold/core";
import { SCHEMA_VERSION, toCampaignEvent } from "@tenfold/core/adapter";
import { personalFieldsOf } from "@tenfold/core/personal";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { expect } from "vitest";
import { event } from "../events/build.js";
import { type LawOptions, frozenCopy, withDefaults } from "./options.js";

/** Makes an event store for one run of a law or one test of the contract: a new, empty one is best. */
export type StoreFactory = () => EventStore | Promise<EventStore>;

/**
 * Each event's personal fields with their subjects, as the command handler writes them (schema 2):
 * a store that protects personal data commits to and encrypts them, and erases them on SubjectErased.
 */
const personalEntriesOf = (events: ReadonlyArray<CampaignEvent>): ReadonlyArray<PersonalEntries> => {
  let state = initialCampaignState();
  return events.map((e) => {
    const entries = Object.fromEntries(personalFieldsOf(state, e).map(({ field, subject }) => [field, { subject }]));
    state = evolve(state, e);
    return entries;
  });
};

const envelope = (events: ReadonlyArray<CampaignEvent>, from: number, personal: ReadonlyArray<PersonalEntries> = []): NewEvent[] =>
  events.map((e, i) => ({
    ...e,
    eventId: globalThis.crypto.randomUUID(),
    schemaVersion: SCHEMA_VERSION,
    recordedAt: new Date(Date.UTC(2013, 2, 1) + (from + i) * 1000).toISOString(),
    metadata: noMetadata,
    personal: personal[from + i] ?? {},
  }));

/**
 * Appended to marker streams before and after the history: the subscription starts after the
 * first (so a shared store is not read from its beginning), and a live fold stops at the second
 * at the latest (so a store that loses events cannot make it wait for ever).
 */
const MARKER = event("CampaignClosed", { campaignId: "law-marker", summary: "Marks where a history starts or ends", closedOn: "2013-03-01" });

/** Appends a marker to its own stream: its position. */
const mark = async (store: EventStore, streamId: string): Promise<bigint> => {
  const marked = await store.append(streamId, envelope([MARKER], 0), anyRevision)();
  if (E.isLeft(marked)) throw new Error(`append failed: ${describeStoreError(marked.left)}`);
  const position = marked.right.recorded[0]?.position;
  if (position === undefined) throw new Error(`append to ${streamId} recorded nothing`);
  return position;
};

const chunks = <A>(xs: ReadonlyArray<A>, sizes: ReadonlyArray<number>): A[][] => {
  const out: A[][] = [];
  for (let i = 0, k = 0; i < xs.length; k++) {
    const size = sizes[k % sizes.length] ?? 1;
    out.push(xs.slice(i, i + size));
    i += size;
  }
  return out;
};

/** Where a live fold stands, and where it may stop: at the end marker's position, once written. */
interface Progress {
  last: bigint | null;
  target: bigint | null;
}

/** Folds the stream's events as a subscription delivers them, until all are seen or the last one written is passed. */
const consume = async <S>(subscription: Subscription, streamId: string, projection: Projection<S>, count: number, progress: Progress) => {
  let state = projection.initialState();
  let seen = 0;
  if (count === 0) return { state, seen };
  for await (const message of subscription) {
    if (message._tag === "SubscriptionFailed") throw new Error(`the subscription failed: ${describeStoreError(message.error)}`);
    if (message._tag !== "Event") continue;
    progress.last = message.event.position;
    if (message.event.streamId === streamId) {
      state = projection.evolve(state, toCampaignEvent(message.event));
      seen++;
    }
    if (seen === count || (progress.target !== null && progress.last >= progress.target)) break;
  }
  return { state, seen };
};

/**
 * Runs the consumer and the writer together; the writer returns the end marker's position, where
 * the consumer stops at the latest. A failing writer ends the subscription; both outcomes are awaited.
 */
const together = async <A>(subscription: Subscription, consumer: Promise<A>, progress: Progress, write: () => Promise<bigint | null>): Promise<A> => {
  const writing = write().then(
    async (target) => {
      progress.target = target;
      if (target === null || (progress.last !== null && progress.last >= target)) await subscription.close();
    },
    async (error: unknown) => {
      await subscription.close();
      throw error;
    },
  );
  const [consumed, wrote] = await Promise.allSettled([consumer.finally(() => subscription.close()), writing]);
  if (wrote.status === "rejected") throw wrote.reason;
  if (consumed.status === "rejected") throw consumed.reason;
  return consumed.value;
};

/** Options of {@link assertLiveEqualsReplay}. */
export interface LiveLawOptions<S> extends LawOptions<S> {
  /** Called with each run's store when the run ends (to close connections). @defaultValue nothing */
  readonly release?: (store: EventStore) => void | Promise<void>;
}

/** How one run writes and reads: batch sizes, how many batches precede the subscription, the replay's page size. */
interface Shape {
  readonly sizes: ReadonlyArray<number>;
  readonly early: number;
  readonly pageSize: number;
}

/** One run of the law: write the history around a live subscription, replay it, compare. */
const runOnce = async <S>(store: EventStore, projection: Projection<S>, view: (state: S) => unknown, events: ReadonlyArray<CampaignEvent>, shape: Shape): Promise<void> => {
  const streamId = campaignStreamId(`law-${globalThis.crypto.randomUUID()}`);
  const batches = chunks(events, shape.sizes);
  const before = shape.early % (batches.length + 1);
  const personal = personalEntriesOf(events);
  let last: bigint | null = null;
  let written = 0;
  const append = async (batch: ReadonlyArray<CampaignEvent>): Promise<void> => {
    const appended = await store.append(streamId, envelope(batch, written, personal), expectRevision(last))();
    if (E.isLeft(appended)) throw new Error(`append failed: ${describeStoreError(appended.left)}`);
    last = appended.right.nextExpectedRevision;
    written += batch.length;
  };
  const start = await mark(store, `${streamId}-start`);
  for (const batch of batches.slice(0, before)) await append(batch);
  const subscription = store.subscribeToAll({ after: start });
  const progress: Progress = { last: null, target: null };
  const live = await together(subscription, consume(subscription, streamId, projection, events.length, progress), progress, async () => {
    for (const batch of batches.slice(before)) await append(batch);
    return mark(store, `${streamId}-end`);
  });
  const step = (state: S, e: RecordedEvent): S => projection.evolve(state, toCampaignEvent(e));
  const replayed = await foldStream(store, streamId, { state: projection.initialState(), lastRevision: null }, step, shape.pageSize)();
  if (E.isLeft(replayed)) throw new Error(`replay failed: ${describeStoreError(replayed.left)}`);
  expect(live.seen).toBe(events.length);
  expect(view(live.state)).toEqual(view(replayed.right.state));
  expect(view(replayed.right.state)).toEqual(view(project(projection, events)));
};

/**
 * Law: a projection run live, through a store's catch-up-then-live subscription (from a marker
 * appended just before the history) while a writer appends the history in batches, equals the
 * same projection run by replaying the stream page by page, and the fold of the history in memory.
 * `makeStore` is called once per run; a shared store works too, as stream ids are unique. Events
 * are appended in schema version 2 with their personal fields' subjects, as the command handler
 * writes them; after a SubjectErased a store that protects personal data reads that subject's
 * values back as null, so over histories with erasures compare views without personal values.
 * @example
 * it("runs live as by replay", () => assertLiveEqualsReplay(diariesPerCadrePerWeek, createMemoryEventStore));
 */
export const assertLiveEqualsReplay = async <S>(projection: Projection<S>, makeStore: StoreFactory, options: LiveLawOptions<S> = {}): Promise<void> => {
  const { histories, view, parameters } = withDefaults(options);
  const release = options.release ?? (() => undefined);
  const shapes = fc.record({ sizes: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 8 }), early: fc.nat(), pageSize: fc.integer({ min: 1, max: 50 }) });
  await fc.assert(
    fc.asyncProperty(histories, shapes, async (history, shape) => {
      const store = await makeStore();
      try {
        await runOnce(store, projection, view, frozenCopy(history), shape);
      } finally {
        await release(store);
      }
    }),
    parameters,
  );
};
