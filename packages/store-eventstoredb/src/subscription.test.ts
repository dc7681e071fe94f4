import { jsonEvent } from "@eventstore/db-client";
import { type EventStore, type RecordedEvent, type SubscriptionMessage, exactRevision, noStream } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulated, emulated } from "./testing-support/emulated.js";
import { take } from "./testing-support/messages.js";
import { newEvents } from "./testing-support/events.js";


const caughtUp = (seen: ReadonlyArray<SubscriptionMessage>): boolean => seen.some((m) => m._tag === "CaughtUp");
const ids = (messages: ReadonlyArray<SubscriptionMessage>): string[] => messages.flatMap((m) => (m._tag === "Event" ? [m.event.eventId] : []));

const recorded = async (store: EventStore, stream: string, n: number, expected = noStream): Promise<ReadonlyArray<RecordedEvent>> => {
  const result = await store.append(stream, newEvents(n), expected)();
  if (E.isLeft(result)) throw new Error(result.left._tag);
  return result.right.recorded;
};

let namespaces = 0;

describe("subscribeToAll on the emulator", () => {
  let env: Emulated;
  const fresh = (): EventStore => env.store({ namespace: `sub-${++namespaces}` });
  beforeAll(async () => {
    env = await emulated(true);
  });
  afterAll(async () => {
    await env.dispose();
  });

  it("says CaughtUp (position null) at once on an empty store, then delivers live events", async () => {
    const store = fresh();
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    expect(await take(iterator, caughtUp)).toEqual([{ _tag: "CaughtUp", position: null }]);
    const live = await recorded(store, "s", 2);
    expect(await take(iterator, (seen) => seen.length === 2)).toEqual(live.map((event) => ({ _tag: "Event", event })));
    await subscription.close();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it("catches up in global order over this store's streams only, says CaughtUp at the last position, then goes live", async () => {
    const store = fresh();
    const a = await recorded(store, "a", 3);
    await env.client.appendToStream("tenfold-elsewhere", jsonEvent({ type: "Other", data: {} }));
    const b = await recorded(store, "b", 2);
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    const catchUp = await take(iterator, caughtUp);
    expect(catchUp).toEqual([...a, ...b].map((event) => ({ _tag: "Event", event })).concat([{ _tag: "CaughtUp", position: b[1]!.position } as never]));
    const a2 = await recorded(store, "a", 1, exactRevision(2n));
    await env.client.appendToStream("tenfold-elsewhere", jsonEvent({ type: "Other", data: {} }));
    const b2 = await recorded(store, "b", 1, exactRevision(1n));
    expect(ids(await take(iterator, (seen) => seen.length === 2))).toEqual([...a2, ...b2].map((e) => e.eventId));
    await subscription.close();
  });

  it("resumes from a stored checkpoint: no gap, no duplicate", async () => {
    const store = fresh();
    const first = await recorded(store, "s", 3);
    const checkpoint = first[1]!.position;
    const more = await recorded(store, "s", 2, exactRevision(2n));
    const subscription = store.subscribeToAll({ after: checkpoint });
    const iterator = subscription[Symbol.asyncIterator]();
    const seen = await take(iterator, caughtUp);
    expect(ids(seen)).toEqual([first[2]!, ...more].map((e) => e.eventId));
    expect(seen.at(-1)).toEqual({ _tag: "CaughtUp", position: more[1]!.position });
    await subscription.close();
    const atHead = store.subscribeToAll({ after: more[1]!.position });
    expect(await take(atHead[Symbol.asyncIterator](), caughtUp)).toEqual([{ _tag: "CaughtUp", position: more[1]!.position }]);
    await atHead.close();
  });

  it("close wakes a pending next, and break ends the subscription", async () => {
    const store = fresh();
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    await take(iterator, caughtUp);
    const pending = iterator.next();
    await subscription.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    await recorded(store, "s", 1);
    let delivered = 0;
    for await (const message of store.subscribeToAll()) {
      if (message._tag === "Event") delivered++;
      break;
    }
    expect(delivered).toBe(1);
  });

  it("stops with SubscriptionFailed on a stored event that does not decode", async () => {
    const store = env.store({ namespace: "sub-invalid" });
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    await take(iterator, caughtUp);
    await env.client.appendToStream("tenfold-sub-invalid:s", jsonEvent({ type: "GroupFormed", data: { nonsense: true } }));
    const [failed] = await take(iterator, (seen) => seen.length === 1);
    expect(failed).toMatchObject({ _tag: "SubscriptionFailed", error: { _tag: "InvalidStoredEvent", streamId: "s", streamRevision: 0n } });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });
});

describe("subscribeToAll without a server", () => {
  it("stops with SubscriptionFailed (StoreUnavailable) after the configured attempts", async () => {
    const env = await emulated(true);
    const store = env.store({ reconnect: { initialDelayMs: 5, maxDelayMs: 10, maxAttempts: 3 } });
    await env.emulator.stop();
    const messages = await take(store.subscribeToAll()[Symbol.asyncIterator](), () => false);
    expect(messages).toMatchObject([{ _tag: "SubscriptionFailed", error: { _tag: "StoreUnavailable" } }]);
    await env.client.dispose();
  });
});
