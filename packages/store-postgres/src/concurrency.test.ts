import { randomUUID } from "node:crypto";
import {
  type AppendResult,
  type EventStore,
  type NewEvent,
  type StoreError,
  type RecordedEvent,
  type Subscription,
  describeStoreError,
  expectRevision,
} from "@tenfold/core";
import { fc, test } from "@fast-check/vitest";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { PostgresEventStore } from "./PostgresEventStore.js";
import { groups, orFail } from "./testing-support/events.js";
import { openTestStore } from "./testing-support/testDatabase.js";

/*
 * Concurrency on the real server, as a property over writer counts, batch sizes and stream
 * layouts: writers share a pool of 10 connections; a live subscriber runs from the start and a
 * second one starts mid-run from the first one's checkpoint. Each must get every event after its
 * start exactly once, positions increasing, each stream's events in revision order.
 */

let store: PostgresEventStore;
beforeAll(async () => {
  store = await openTestStore({ poolSize: 10, pollIntervalMs: 100 });
});
afterAll(() => store.close());

/** Appends every batch to its stream in order, retrying on conflicts with the actual revision. */
const writer = async (s: EventStore, streamId: string, batches: ReadonlyArray<ReadonlyArray<NewEvent>>): Promise<void> => {
  let last: bigint | null = null;
  for (const batch of batches) {
    for (let attempt = 0; ; attempt++) {
      const result: E.Either<StoreError, AppendResult> = await s.append(streamId, batch, expectRevision(last))();
      if (E.isRight(result)) {
        last = result.right.nextExpectedRevision;
        break;
      }
      if (result.left._tag !== "WrongExpectedRevision" || attempt > 500) throw new Error(describeStoreError(result.left));
      last = result.left.actual;
    }
  }
};

/** Collects a subscription's events until `until` says stop. */
const collect = (subscription: Subscription, until: (events: ReadonlyArray<RecordedEvent>) => boolean): { readonly events: RecordedEvent[]; readonly done: Promise<void> } => {
  const events: RecordedEvent[] = [];
  const done = (async () => {
    for await (const message of subscription) {
      if (message._tag === "SubscriptionFailed") throw new Error(describeStoreError(message.error));
      if (message._tag === "Event") events.push(message.event);
      if (until(events)) return;
    }
  })();
  return { events, done };
};

const checkDelivery = (delivered: ReadonlyArray<RecordedEvent>, expected: ReadonlyArray<RecordedEvent>): void => {
  expect(delivered.map((e) => e.eventId)).toEqual(expected.map((e) => e.eventId));
  const byStream = new Map<string, bigint>();
  delivered.forEach((e, i) => {
    if (i > 0) expect(e.position > (delivered[i - 1] as RecordedEvent).position).toBe(true);
    const previous = byStream.get(e.streamId);
    if (previous !== undefined) expect(e.streamRevision).toBe(previous + 1n);
    byStream.set(e.streamId, e.streamRevision);
  });
};

describe("concurrent writers and subscribers on the server", () => {
  test.prop(
    {
      writers: fc.oneof(fc.constant(50), fc.integer({ min: 2, max: 50 })),
      batchSize: fc.integer({ min: 1, max: 10 }),
      appendsPerWriter: fc.integer({ min: 1, max: 3 }),
      oneStream: fc.boolean(),
    },
    { numRuns: 8 },
  )("every event is delivered exactly once, in one order consistent with every stream's order", async ({ writers, batchSize, appendsPerWriter, oneStream }) => {
    const run = randomUUID().slice(0, 8);
    const total = writers * batchSize * appendsPerWriter;
    const start = await lastPosition(store);
    const ours = (e: RecordedEvent): boolean => e.streamId.includes(run);
    const first = collect(store.subscribeToAll(start === undefined ? {} : { after: start }), (events) => events.filter(ours).length >= total);
    let second: { readonly events: RecordedEvent[]; readonly done: Promise<void> } | undefined;
    let checkpoint: bigint | undefined;
    const work = Array.from({ length: writers }, (_, w) => {
      const streamId = oneStream ? `tenfold-campaign-${run}` : `tenfold-campaign-${run}-${w}`;
      const batches = Array.from({ length: appendsPerWriter }, (_, a) => groups(`${run}-${w}-${a}`, batchSize));
      return writer(store, streamId, batches).then(() => {
        // The second subscriber starts mid-run, from what the first has delivered so far.
        if (second === undefined && w >= writers / 2) {
          checkpoint = first.events.at(-1)?.position ?? start;
          second = collect(store.subscribeToAll(checkpoint === undefined ? {} : { after: checkpoint }), (events) => events.filter(ours).length >= total - countUpTo(first.events, checkpoint, ours));
        }
      });
    });
    await Promise.all(work);
    await first.done;
    await second?.done;
    const all = await readAllAfter(store, start);
    const expected = all.filter(ours);
    expect(expected).toHaveLength(total);
    checkDelivery(first.events.filter(ours), expected);
    if (second !== undefined) checkDelivery(second.events.filter(ours), expected.filter((e) => checkpoint === undefined || e.position > checkpoint));
  }, 120_000);
});

const countUpTo = (events: ReadonlyArray<RecordedEvent>, checkpoint: bigint | undefined, ours: (e: RecordedEvent) => boolean): number =>
  checkpoint === undefined ? 0 : events.filter((e) => ours(e) && e.position <= checkpoint).length;

const lastPosition = async (s: EventStore): Promise<bigint | undefined> => (await readAllAfter(s, undefined)).at(-1)?.position;

const readAllAfter = async (s: EventStore, after: bigint | undefined): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let checkpoint = after; ; ) {
    const page = await orFail(s.readAll(checkpoint === undefined ? { maxCount: 1000 } : { after: checkpoint, maxCount: 1000 }));
    events.push(...page.events);
    if (page.next === null) return events;
    checkpoint = page.next;
  }
};
