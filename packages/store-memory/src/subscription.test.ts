import {
  type EventStore,
  type RecordedEvent,
  type SubscriptionMessage,
  anyRevision,
  exactRevision,
  expectRevision,
  noStream,
} from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { emptyLog } from "./EventLog.js";
import { createMemoryEventStore } from "./index.js";
import { groupFormed, groupsFormed, idsOf, logOf, right, settle, takeUntil } from "./store.fixtures.js";
import { subscribe } from "./subscription.js";

const caughtUp = (position: bigint | null): SubscriptionMessage => ({ _tag: "CaughtUp", position });
const ids = (messages: ReadonlyArray<SubscriptionMessage>): string[] =>
  messages.map((m) => (m._tag === "Event" ? m.event.eventId : m._tag));
const eventsIn = (messages: ReadonlyArray<SubscriptionMessage>): RecordedEvent[] =>
  messages.flatMap((m) => (m._tag === "Event" ? [m.event] : []));
const done = { done: true, value: undefined };

describe("subscribeToAll: catch-up, then live", () => {
  it("delivers what is recorded, one CaughtUp at the head, then events as they are appended", async () => {
    const store = createMemoryEventStore();
    await right(store.append("a", groupsFormed(1, 2), noStream));
    await right(store.append("b", groupsFormed(3, 1), noStream));
    const it = store.subscribeToAll()[Symbol.asyncIterator]();
    expect(ids(await takeUntil(it, (m) => m._tag === "CaughtUp"))).toEqual(["evt-1", "evt-2", "evt-3", "CaughtUp"]);
    const live = takeUntil(it, (_, taken) => taken.length === 2);
    await settle();
    await right(store.append("a", groupsFormed(4, 1), exactRevision(1n)));
    await right(store.append("c", groupsFormed(5, 1), noStream));
    const messages = await live;
    expect(ids(messages)).toEqual(["evt-4", "evt-5"]);
    expect(eventsIn(messages)).toEqual((await logOf(store)).slice(3));
  });

  it("says CaughtUp at once on an empty store, with no position", async () => {
    const it = createMemoryEventStore().subscribeToAll()[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: caughtUp(null) });
  });

  it("says CaughtUp where it first reaches the head, even if the head moved during catch-up", async () => {
    const store = createMemoryEventStore();
    await right(store.append("s", groupsFormed(0, 3), noStream));
    const it = store.subscribeToAll()[Symbol.asyncIterator]();
    const start = await takeUntil(it, (_, taken) => taken.length === 2);
    await right(store.append("s", groupsFormed(3, 2), exactRevision(2n)));
    const rest = await takeUntil(it, (m) => m._tag === "CaughtUp");
    expect(ids([...start, ...rest])).toEqual(["evt-0", "evt-1", "evt-2", "evt-3", "evt-4", "CaughtUp"]);
    expect(rest.at(-1)).toEqual(caughtUp(4n));
  });

  it("starts after a checkpoint", async () => {
    const store = createMemoryEventStore();
    await right(store.append("s", groupsFormed(0, 5), noStream));
    const it = store.subscribeToAll({ after: 2n })[Symbol.asyncIterator]();
    expect(ids(await takeUntil(it, (m) => m._tag === "CaughtUp"))).toEqual(["evt-3", "evt-4", "CaughtUp"]);
    const atHead = store.subscribeToAll({ after: 4n })[Symbol.asyncIterator]();
    expect(await atHead.next()).toEqual({ done: false, value: caughtUp(4n) });
  });

  it("from a checkpoint beyond the head, delivers only events after the checkpoint", async () => {
    const store = createMemoryEventStore();
    await right(store.append("s", groupsFormed(0, 2), noStream));
    const it = store.subscribeToAll({ after: 3n })[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: caughtUp(3n) });
    const live = it.next();
    await right(store.append("s", groupsFormed(2, 3), exactRevision(1n)));
    expect(await live).toMatchObject({ value: { _tag: "Event", event: { eventId: "evt-4", position: 4n } } });
  });
});

/** Appends `count` events one by one with Exact expectations, re-reading and retrying on conflict. */
const writer = async (store: EventStore, streamId: string, first: number, count: number, pause: () => Promise<void>): Promise<number> => {
  let conflicts = 0;
  for (let n = first; n < first + count; ) {
    const page = await right(store.readStream(streamId, { fromRevision: 0n, maxCount: 100_000 }));
    await pause();
    const last = page.events.at(-1)?.streamRevision ?? null;
    const result = await store.append(streamId, [groupFormed(n)], expectRevision(last))();
    if (E.isRight(result)) n++;
    else if (result.left._tag === "WrongExpectedRevision") conflicts++;
    else throw new Error(result.left._tag);
  }
  return conflicts;
};

/** Continues `taken` until it holds `count` events and CaughtUp, pausing a macrotask every `slowEvery` messages. */
const consumer = async (
  it: AsyncIterator<SubscriptionMessage>,
  taken: SubscriptionMessage[],
  count: number,
  slowEvery: number,
): Promise<SubscriptionMessage[]> => {
  let events = eventsIn(taken).length;
  let caughtUpSeen = taken.some((m) => m._tag === "CaughtUp");
  while (events < count || !caughtUpSeen) {
    const next = await it.next();
    if (next.done === true) break;
    taken.push(next.value);
    if (next.value._tag === "Event") events++;
    else caughtUpSeen = true;
    if (taken.length % slowEvery === 0) await settle();
  }
  return taken;
};

describe("subscribeToAll with concurrent writers", () => {
  it("delivers every event exactly once, in global order, to fast, slow and late subscribers", async () => {
    const store = createMemoryEventStore();
    await right(store.append("seed", groupsFormed(100_000, 20), noStream));
    const total = 20 + 50 * 10;
    const subscriptions = [store.subscribeToAll(), store.subscribeToAll()];
    const [fastIt, slowIt] = subscriptions.map((s) => s[Symbol.asyncIterator]()) as [AsyncIterator<SubscriptionMessage>, AsyncIterator<SubscriptionMessage>];
    const fastStart = await takeUntil(fastIt, (m) => m._tag === "CaughtUp");
    const slowStart = await takeUntil(slowIt, (m) => m._tag === "CaughtUp");
    // Writers pause between reading and appending: none, a macrotask, or a timer, so that consumers wait for live events.
    const pauses = [() => Promise.resolve(), settle, () => new Promise<void>((resolve) => setTimeout(resolve, 1))];
    const writers = Array.from({ length: 50 }, (_, w) => writer(store, `s-${w % 5}`, w * 10, 10, pauses[w % 3]!));
    const fast = consumer(fastIt, fastStart, total, Infinity);
    const slow = consumer(slowIt, slowStart, total, 3);
    await settle();
    const late = store.subscribeToAll({ after: 9n });
    subscriptions.push(late);
    const fromCheckpoint = consumer(late[Symbol.asyncIterator](), [], total - 10, 7);
    const conflicts = (await Promise.all(writers)).reduce((a, b) => a + b, 0);
    const log = await logOf(store);
    expect(log).toHaveLength(total);
    expect(conflicts).toBeGreaterThan(0);
    const received = [[await fast, 0], [await slow, 0], [await fromCheckpoint, 10]] as const;
    for (const [messages, skip] of received) {
      expect(eventsIn(messages)).toEqual(log.slice(skip));
      const catchUps = messages.filter((m) => m._tag === "CaughtUp");
      expect(catchUps).toHaveLength(1);
      const at = messages.indexOf(catchUps[0]!);
      const position = (catchUps[0] as { position: bigint }).position;
      expect(eventsIn(messages.slice(0, at)).every((e) => e.position <= position)).toBe(true);
      expect(eventsIn(messages.slice(at)).every((e) => e.position > position)).toBe(true);
    }
    // The first two caught up on the seed, so all 500 written events reached them live.
    expect(received.map(([messages]) => messages.findIndex((m) => m._tag === "CaughtUp")).slice(0, 2)).toEqual([20, 20]);
    await Promise.all(subscriptions.map((s) => s.close()));
  });
});

describe("ending a subscription", () => {
  it("close() ends a consumer that is waiting in next(), promptly", async () => {
    const store = createMemoryEventStore();
    const subscription = store.subscribeToAll();
    const it = subscription[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: caughtUp(null) });
    let ended = false;
    const waiting = it.next().then((result) => ((ended = true), result));
    await settle();
    expect(ended).toBe(false);
    await subscription.close();
    expect(await waiting).toEqual(done);
    await right(store.append("s", [groupFormed(1)], anyRevision));
    expect(await it.next()).toEqual(done);
  });

  it("close() before iterating ends at once; closing twice is harmless", async () => {
    const store = createMemoryEventStore();
    await right(store.append("s", [groupFormed(1)], anyRevision));
    const subscription = store.subscribeToAll();
    await subscription.close();
    await subscription.close();
    expect(await subscription[Symbol.asyncIterator]().next()).toEqual(done);
  });

  it("breaking out of for await releases the subscription", async () => {
    const store = createMemoryEventStore();
    await right(store.append("s", groupsFormed(1, 3), noStream));
    const subscription = store.subscribeToAll();
    const seen: string[] = [];
    for await (const message of subscription) {
      if (message._tag === "Event") seen.push(message.event.eventId);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(["evt-1", "evt-2"]);
    expect(await subscription[Symbol.asyncIterator]().next()).toEqual(done);
  });

  it("leaves no waiter behind after close() or return() (what break calls)", async () => {
    const log = emptyLog();
    for (const end of ["close", "return"] as const) {
      const subscription = subscribe(log, undefined);
      const it = subscription[Symbol.asyncIterator]();
      await it.next();
      const pending = [it.next(), it.next()];
      await settle();
      expect(log.waiters.size).toBe(2);
      await (end === "close" ? subscription.close() : it.return?.());
      expect(await Promise.all(pending)).toEqual([done, done]);
      expect(log.waiters.size).toBe(0);
    }
  });

  it("several subscriptions run independently", async () => {
    const store = createMemoryEventStore();
    const first = store.subscribeToAll()[Symbol.asyncIterator]();
    const second = store.subscribeToAll();
    await right(store.append("s", groupsFormed(1, 2), noStream));
    await second.close();
    expect(ids(await takeUntil(first, (_, taken) => taken.length === 3))).toEqual(["evt-1", "evt-2", "CaughtUp"]);
    expect(await second[Symbol.asyncIterator]().next()).toEqual(done);
    expect(idsOf(await logOf(store))).toEqual(["evt-1", "evt-2"]);
  });
});
