import { binaryEvent, jsonEvent } from "@eventstore/db-client";
import {
  type EventStore,
  anyRevision,
  campaignStreamId,
  exactRevision,
  noStream,
  readWholeLog,
  readWholeStream,
  streamExists,
} from "@tenfold/core";
import { SCHEMA_VERSION } from "@tenfold/core/adapter";
import { GENESIS_HASH, hashEnvelope } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulated, emulated } from "./testing-support/emulated.js";
import { appended, metadata, newEvents } from "./testing-support/events.js";

const right = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected right, got ${JSON.stringify(result.left, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))}`);
  return result.right;
};

let streams = 0;
const freshStream = (): string => campaignStreamId(`c-${++streams}`);

describe.each([false, true])("EventStoreDB store on the emulator (batchAppend %s)", (batchAppend) => {
  let env: Emulated;
  let store: EventStore;
  beforeAll(async () => {
    env = await emulated(batchAppend);
    store = env.store();
  });
  afterAll(async () => {
    await env.dispose();
  });

  it("stores the envelope as JSON data and metadata, and reads it back whole, with bigint revisions and positions", async () => {
    const stream = freshStream();
    const events = newEvents(3);
    const result = right(await store.append(stream, events, noStream)());
    expect(result.nextExpectedRevision).toBe(2n);
    expect(result.recorded.map(appended)).toEqual(events);
    expect(result.recorded.map((e) => [e.streamId, e.streamRevision])).toEqual([[stream, 0n], [stream, 1n], [stream, 2n]]);
    for (const e of result.recorded) expect(typeof e.position).toBe("bigint");
    const stored = env.emulator.data.stream(stream);
    expect(stored.map((e) => [e.id, e.type, e.isJson])).toEqual(events.map((e) => [e.eventId, e.type, true]));
    expect(JSON.parse(Buffer.from(stored[0]!.data).toString("utf8"))).toEqual(events[0]!.data);
    expect(JSON.parse(Buffer.from(stored[0]!.metadata).toString("utf8"))).toEqual({
      schemaVersion: SCHEMA_VERSION,
      recordedAt: events[0]!.recordedAt,
      metadata,
      previousHash: GENESIS_HASH,
      hash: result.recorded[0]!.hash,
      personal: {},
    });
    let previous = GENESIS_HASH;
    for (const e of result.recorded) {
      expect(e.previousHash).toBe(previous);
      expect(e.hash).toBe(hashEnvelope(nodeSha256, previous, e));
      previous = e.hash!;
    }
    expect(stored.map((e) => e.position)).toEqual(result.recorded.map((e) => e.position));
    expect(right(await readWholeStream(store, stream)())).toEqual(result.recorded);
  });

  it("maps each expected revision to the client's and each conflict to WrongExpectedRevision with the actual revision", async () => {
    const stream = freshStream();
    const conflict = (expected: Parameters<EventStore["append"]>[2], actual: bigint | null): unknown =>
      E.left({ _tag: "WrongExpectedRevision", streamId: stream, expected, actual });
    expect(await store.append(stream, newEvents(1), streamExists)()).toEqual(conflict(streamExists, null));
    expect(await store.append(stream, newEvents(1), exactRevision(0n))()).toEqual(conflict(exactRevision(0n), null));
    expect(right(await store.append(stream, newEvents(2), noStream)()).nextExpectedRevision).toBe(1n);
    expect(await store.append(stream, newEvents(1), noStream)()).toEqual(conflict(noStream, 1n));
    expect(await store.append(stream, newEvents(1), exactRevision(0n))()).toEqual(conflict(exactRevision(0n), 1n));
    expect(await store.append(stream, newEvents(1), exactRevision(-1n))()).toEqual(conflict(exactRevision(-1n), 1n));
    expect(right(await store.append(stream, newEvents(1), exactRevision(1n))()).nextExpectedRevision).toBe(2n);
    expect(right(await store.append(stream, newEvents(1), streamExists)()).nextExpectedRevision).toBe(3n);
    expect(right(await store.append(stream, newEvents(1), anyRevision)()).nextExpectedRevision).toBe(4n);
    expect(right(await readWholeStream(store, stream)()).length).toBe(5);
  });

  it("a retried append (same ids, same expectation) writes nothing new and returns the events as first recorded", async () => {
    const stream = freshStream();
    const events = newEvents(3);
    const first = right(await store.append(stream, events, noStream)());
    expect(right(await store.append(stream, events, noStream)())).toEqual(first);
    const more = newEvents(2);
    const second = right(await store.append(stream, more, exactRevision(2n))());
    expect(right(await store.append(stream, more, exactRevision(2n))())).toEqual(second);
    expect(env.emulator.data.stream(stream).length).toBe(5);
  });

  it("refuses a batch that holds one event id twice, writing nothing", async () => {
    const stream = freshStream();
    const [event] = newEvents(1);
    const result = await store.append(stream, [event!, { ...event!, eventId: event!.eventId.toUpperCase() }], noStream)();
    expect(E.isLeft(result) && result.left).toMatchObject({ _tag: "StoreFailure", reason: expect.stringContaining("more than once") as unknown });
    expect(env.emulator.data.stream(stream).length).toBe(0);
  });

  it("reads a stream never written as empty", async () => {
    expect(right(await store.readStream(freshStream())())).toEqual({ events: [], next: null });
    expect(right(await store.readStream(freshStream(), { fromRevision: 2n ** 70n })())).toEqual({ events: [], next: null });
  });

  it("reads a stream page by page", async () => {
    const stream = freshStream();
    const events = newEvents(25);
    right(await store.append(stream, events, noStream)());
    const first = right(await store.readStream(stream, { maxCount: 10 })());
    expect([first.events.length, first.next]).toEqual([10, 10n]);
    const second = right(await store.readStream(stream, { fromRevision: 10n, maxCount: 10 })());
    expect([second.events[0]?.streamRevision, second.next]).toEqual([10n, 20n]);
    const last = right(await store.readStream(stream, { fromRevision: 20n, maxCount: 10 })());
    expect([last.events.length, last.next]).toEqual([5, null]);
    const exact = right(await store.readStream(stream, { fromRevision: 15n, maxCount: 10 })());
    expect([exact.events.length, exact.next]).toEqual([10, null]);
    expect(right(await readWholeStream(store, stream)()).map(appended)).toEqual(events);
    expect(right(await store.readStream(stream, { fromRevision: 25n })())).toEqual({ events: [], next: null });
  });

  it("readAll pages through this store's streams in global order, after a checkpoint, skipping other streams", async () => {
    const own = env.store({ namespace: `all-${batchAppend}` });
    await env.client.appendToStream("other-stream", jsonEvent({ type: "Other", data: { x: 1 } }));
    const a = right(await own.append("a", newEvents(3), noStream)()).recorded;
    await env.client.appendToStream("$system-like", jsonEvent({ type: "Other", data: { x: 2 } }));
    const b = right(await own.append("b", newEvents(4), noStream)()).recorded;
    const a2 = right(await own.append("a", newEvents(2), exactRevision(2n))()).recorded;
    const all = right(await readWholeLog(own, 2)());
    expect(all).toEqual([...a, ...b, ...a2]);
    expect(all.map((e) => e.streamId)).toEqual(["a", "a", "a", "b", "b", "b", "b", "a", "a"]);
    const positions = all.map((e) => e.position);
    expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
    const page = right(await own.readAll({ after: a[2]!.position, maxCount: 3 })());
    expect(page.events).toEqual(b.slice(0, 3));
    expect(page.next).toBe(b[2]!.position);
    expect(right(await own.readAll({ after: a2[1]!.position })())).toEqual({ events: [], next: null });
    expect(right(await own.readAll({ after: a2[0]!.position, maxCount: 1 })())).toEqual({ events: [a2[1]], next: null });
    // Without a namespace, the store sees every `tenfold-` stream, and only those.
    const everything = right(await readWholeLog(store)());
    expect(everything.every((e) => e.streamId.startsWith("tenfold-"))).toBe(true);
    expect(everything.map((e) => e.streamId)).toContain(`tenfold-all-${batchAppend}:a`);
  });

  it("readAll finds this store's events across long runs of other streams' events", async () => {
    const own = env.store({ namespace: `sparse-${batchAppend}` });
    const other = env.store({ namespace: `dense-${batchAppend}` });
    const first = right(await own.append("s", newEvents(1), noStream)()).recorded;
    right(await other.append("s", newEvents(150), noStream)());
    await env.client.appendToStream("not-tenfold", Array.from({ length: 70 }, () => jsonEvent({ type: "Other", data: {} })));
    const second = right(await own.append("s", newEvents(1), exactRevision(0n))()).recorded;
    expect(right(await own.readAll({ maxCount: 1 })())).toEqual({ events: first, next: first[0]!.position });
    expect(right(await own.readAll({ after: first[0]!.position, maxCount: 1 })())).toEqual({ events: second, next: null });
    expect(right(await readWholeLog(own, 1)())).toEqual([...first, ...second]);
  });

  it("a stored event that does not decode is InvalidStoredEvent, with its stream and revision", async () => {
    const stream = freshStream();
    right(await store.append(stream, newEvents(1), noStream)());
    const bad = { campaignId: "xining-2013", groupId: "g 1", name: "Group", formedOn: "2013-02-30" };
    await env.client.appendToStream(stream, jsonEvent({ type: "GroupFormed", data: bad, metadata: { schemaVersion: 1, recordedAt: "2013-03-01T08:00:00.000Z", metadata } }));
    await env.client.appendToStream(stream, jsonEvent({ type: "GroupFormed", data: { ...bad, groupId: "g2", formedOn: "2013-03-02" }, metadata: { schemaVersion: 2 } }));
    await env.client.appendToStream(stream, binaryEvent({ type: "GroupFormed", data: new Uint8Array([1, 2]) }));
    const first = await store.readStream(stream, { maxCount: 1, fromRevision: 1n })();
    expect(first).toEqual(
      E.left({
        _tag: "InvalidStoredEvent",
        streamId: stream,
        streamRevision: 1n,
        issues: [
          { path: "data.groupId", message: expect.stringContaining("expected an Id") as unknown },
          { path: "data.formedOn", message: "2013-02-30 is not a calendar date" },
        ],
      }),
    );
    const second = await store.readStream(stream, { fromRevision: 2n })();
    expect(E.isLeft(second) && second.left).toMatchObject({ _tag: "InvalidStoredEvent", streamRevision: 2n, issues: [{ path: "recordedAt", message: "is required" }, { path: "metadata", message: "is required" }] });
    const third = await store.readStream(stream, { fromRevision: 3n })();
    expect(E.isLeft(third) && third.left).toMatchObject({ _tag: "InvalidStoredEvent", streamRevision: 3n });
    expect(E.isLeft(await store.readAll()())).toBe(true);
  });

  it("throws a RangeError for bad arguments when the method is called, an append's too", () => {
    expect(() => store.append("", newEvents(1), noStream)).toThrow(RangeError);
    expect(() => store.append("s", [{ ...newEvents(1)[0]!, eventId: "not-a-uuid" }], noStream)).toThrow(/UUID/);
    expect(() => store.append("s", [{ ...newEvents(1)[0]!, data: { at: new Date(0) } } as never], noStream)).toThrow("events[0].data.at is a Date");
    expect(() => store.readStream("s", { maxCount: 0 })).toThrow(RangeError);
    expect(() => store.readStream("s", { fromRevision: -1n })).toThrow(RangeError);
    expect(() => store.readAll({ after: -1n })).toThrow(RangeError);
    expect(() => env.store({ namespace: "no spaces" })).toThrow(RangeError);
  });
});
