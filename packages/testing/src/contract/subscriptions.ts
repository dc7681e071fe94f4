import { type EventStore, type RecordedEvent, type Subscription, anyRevision, describeStoreError } from "@tenfold/core";
import { expect, it } from "vitest";
import { SLOW_ADAPTER_TIMEOUT } from "./concurrency.js";
import { type ContractContext, appendWithRetry, newEvents, orFail, readAllFully } from "./fixtures.js";

interface Collected {
  readonly events: RecordedEvent[];
  /** How many events had been delivered at each CaughtUp. */
  readonly caughtUp: number[];
  last: bigint | null;
}

/** Collects a subscription's messages until it delivers the target position (once known) or ends. */
const collect = async (subscription: Subscription, target: { position: bigint | null }, collected: Collected, onCaughtUp: () => void): Promise<Collected> => {
  for await (const message of subscription) {
    if (message._tag === "SubscriptionFailed") throw new Error(`the subscription failed: ${describeStoreError(message.error)}`);
    if (message._tag === "CaughtUp") {
      collected.caughtUp.push(collected.events.length);
      onCaughtUp();
    } else {
      collected.events.push(message.event);
      collected.last = message.event.position;
    }
    if (target.position !== null && collected.last !== null && collected.last >= target.position) break;
  }
  return collected;
};

const writeLive = async (ctx: ContractContext, store: EventStore, writers: number): Promise<void> => {
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const guess = { last: null as bigint | null };
      for (let b = 0; b < 3; b++) await appendWithRetry(store, ctx.stream(`live-${w}`), newEvents(ctx, `live-${w}-${b}`, 1 + (b % 2)), guess, 4);
    }),
  );
};

/** @internal Catch-up then live subscriptions while writers run; closing. */
export const subscriptionContract = (ctx: ContractContext, { writers }: { readonly writers: number }): void => {
  it(
    `subscriptions catch up, then go live, with no gap or duplicate while ${writers} writers run (one caught up first, one racing them)`,
    ctx.withStore(async (store) => {
      for (let i = 0; i < 20; i++) await orFail(store.append(ctx.stream(`pre-${i % 2}`), newEvents(ctx, `pre-${i}`, 1), anyRevision), "append");
      const before = (await readAllFully(store, undefined)).filter((e) => ctx.ours(e.streamId));
      const checkpoint = (before[9] as RecordedEvent).position;
      const target = { position: null as bigint | null };
      const subscriptions = [store.subscribeToAll(), store.subscribeToAll({ after: checkpoint })];
      const progress = subscriptions.map((): Collected => ({ events: [], caughtUp: [], last: null }));
      let caughtUp = (): void => undefined;
      const firstCaughtUp = new Promise<void>((resolve) => (caughtUp = resolve));
      const consumers = subscriptions.map((s, i) => collect(s, target, progress[i] as Collected, i === 0 ? caughtUp : () => undefined).finally(() => s.close()));
      try {
        // The subscription from the start goes live before the writers start; the one from the checkpoint races them.
        await firstCaughtUp;
        await writeLive(ctx, store, writers);
        const after = (await readAllFully(store, undefined)).filter((e) => ctx.ours(e.streamId));
        target.position = after.at(-1)?.position ?? null;
        // A consumer already past the target waits for events that will not come: closing ends its iteration.
        await Promise.all(subscriptions.map((s, i) => (target.position !== null && (progress[i]?.last ?? -1n) >= target.position ? s.close() : Promise.resolve())));
        const [fromStart, fromCheckpoint] = await Promise.all(consumers);
        const ids = (events: ReadonlyArray<RecordedEvent>): string[] => events.filter((e) => ctx.ours(e.streamId)).map((e) => e.eventId);
        expect(ids(fromStart?.events ?? [])).toEqual(ids(after));
        expect(ids(fromCheckpoint?.events ?? [])).toEqual(ids(after.filter((e) => e.position > checkpoint)));
        for (const c of [fromStart, fromCheckpoint]) {
          const positions = (c?.events ?? []).map((e) => e.position);
          expect(positions.every((p, i) => i === 0 || p > (positions[i - 1] as bigint))).toBe(true);
          expect(c?.caughtUp.length).toBeLessThanOrEqual(1);
        }
        expect(fromStart?.caughtUp).toHaveLength(1);
        expect(fromStart?.caughtUp[0]).toBeGreaterThanOrEqual(before.length);
        expect(fromCheckpoint?.caughtUp.every((n) => n >= before.length - 10)).toBe(true);
      } finally {
        await Promise.all(subscriptions.map((s) => s.close()));
      }
    }),
    SLOW_ADAPTER_TIMEOUT,
  );

  it(
    "close ends a subscription, even one waiting for events",
    ctx.withStore(async (store) => {
      await orFail(store.append(ctx.stream("close"), newEvents(ctx, "close", 2), anyRevision), "append");
      const subscription = store.subscribeToAll();
      const iterator = subscription[Symbol.asyncIterator]();
      for (let seen = 0; seen < 1000; seen++) {
        const next = await iterator.next();
        if (next.done === true || next.value._tag === "CaughtUp") break;
      }
      const waiting = iterator.next();
      await subscription.close();
      expect((await waiting).done).toBe(true);
      expect((await iterator.next()).done).toBe(true);
    }),
  );
};
