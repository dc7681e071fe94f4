import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { type RecordedEvent, type Subscription, type SubscriptionMessage, anyRevision, describeStoreError, noStream } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { type PostgresEventStore, createPgliteEventStore, describeOpenError } from "./PostgresEventStore.js";
import { groups, orFail } from "./testing-support/events.js";
import { freshSchema, openTestStore, withClient } from "./testing-support/testDatabase.js";

/*
 * How subscriptions go live. Two stores on one schema stand for two processes: what one appends
 * reaches the other's subscription through NOTIFY alone (its poll interval is a minute), also
 * after its listening connection was killed; with listen off, polling alone; and on PGlite.
 */

const A_MINUTE = 60_000;

/** The subscription's one iterator (leaving a for-await loop would close the subscription). */
const iterators = new WeakMap<Subscription, AsyncIterator<SubscriptionMessage>>();
const next = async (subscription: Subscription): Promise<SubscriptionMessage | undefined> => {
  const iterator = iterators.get(subscription) ?? subscription[Symbol.asyncIterator]();
  iterators.set(subscription, iterator);
  const result = await iterator.next();
  return result.done === true ? undefined : result.value;
};

/** The next `n` events the subscription delivers, or a failure after `ms`. */
const take = (subscription: Subscription, n: number, ms = 15_000): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  const reading = (async () => {
    for (let message = await next(subscription); message !== undefined; message = await next(subscription)) {
      if (message._tag === "SubscriptionFailed") throw new Error(describeStoreError(message.error));
      if (message._tag === "Event") events.push(message.event);
      if (events.length >= n) return events;
    }
    return events;
  })();
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`only ${events.length} of ${n} events in ${ms} ms`)), ms).unref());
  return Promise.race([reading, timeout]);
};

/** Resolves when the subscription said CaughtUp (the events before it are dropped). */
const caughtUp = async (subscription: Subscription): Promise<void> => {
  for (let message = await next(subscription); message !== undefined; message = await next(subscription)) if (message._tag === "CaughtUp") return;
};

describe("live subscriptions on the server", () => {
  it("hear another process's append through NOTIFY, and again after their listening connection is killed", async () => {
    const schema = freshSchema("live");
    const listener = await openTestStore({ schema, pollIntervalMs: A_MINUTE });
    const writer = await openTestStore({ schema, listen: false });
    const subscription = listener.subscribeToAll();
    await caughtUp(subscription);
    const first = groups("n", 2);
    const firstDelivered = take(subscription, 2);
    await orFail(writer.append("tenfold-campaign-live", first, noStream));
    expect((await firstDelivered).map((e) => e.eventId)).toEqual(first.map((e) => e.eventId));

    const killed = await withClient(async (c) => {
      const { rows } = await c.query<{ n: string }>(`SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE query = $1`, [`LISTEN "${schema}.events"`]);
      return Number(rows[0]?.n);
    });
    expect(killed).toBe(1);
    const second = groups("m", 3);
    const secondDelivered = take(subscription, 3);
    await orFail(writer.append("tenfold-campaign-live", second, anyRevision));
    expect((await secondDelivered).map((e) => e.eventId)).toEqual(second.map((e) => e.eventId));
    await subscription.close();
    await Promise.all([listener.close(), writer.close()]);
  });

  it("poll alone with listen off (behind a transaction-mode pooler)", async () => {
    const schema = freshSchema("poll");
    const reader = await openTestStore({ schema, listen: false, pollIntervalMs: 50 });
    const writer = await openTestStore({ schema, listen: false });
    const subscription = reader.subscribeToAll();
    await caughtUp(subscription);
    const batch = groups("p", 2);
    const delivered = take(subscription, 2);
    await orFail(writer.append("tenfold-campaign-poll", batch, noStream));
    expect((await delivered).map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
    await subscription.close();
    await Promise.all([reader.close(), writer.close()]);
  });
});

describe("the store embedded on PGlite", () => {
  const openPglite = async (dataDir: string): Promise<PostgresEventStore> => {
    const opened = await createPgliteEventStore({ dataDir })();
    if (E.isLeft(opened)) throw new Error(describeOpenError(opened.left));
    return opened.right;
  };

  it("keeps its events in its data directory across close and reopen, with bigint positions and the same seal", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tenfold-pglite-"));
    try {
      const streamId = `tenfold-campaign-${randomUUID()}`;
      const first = await openPglite(dir);
      const written = await orFail(first.append(streamId, groups("d", 5), noStream));
      await first.close();
      const again = await openPglite(dir);
      const read = await orFail(again.readStream(streamId));
      expect(read.events).toEqual(written.recorded);
      expect(read.events.map((e) => typeof e.position)).toEqual(Array(5).fill("bigint"));
      const more = await orFail(again.append(streamId, groups("e", 1), anyRevision));
      expect(more.recorded[0]?.previousHash).toBe(written.recorded[4]?.hash);
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("goes live: a caught-up subscription gets the next append", async () => {
    const store = await openPglite(await mkdtemp(join(tmpdir(), "tenfold-pglite-")));
    const subscription = store.subscribeToAll();
    await caughtUp(subscription);
    const batch = groups("l", 3);
    const delivered = take(subscription, 3);
    await orFail(store.append("tenfold-campaign-pglite", batch, noStream));
    expect((await delivered).map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
    await subscription.close();
    await store.close();
  });
});
