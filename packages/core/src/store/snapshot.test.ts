import { fc, test } from "@fast-check/vitest";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { nodeSha256 } from "../node/index.js";
import { hashEnvelope } from "../seal/seal.js";
import { withSeal } from "../seal/withSeal.js";
import { formed } from "../testing-support/events.js";
import { scriptedStore } from "../testing-support/scriptedStore.js";
import { noStream } from "./ExpectedRevision.js";
import { type NewEvent, noMetadata } from "./RecordedEvent.js";
import { frozenCopy } from "./frozenCopy.js";
import { snapshotNewEvents } from "./snapshot.js";

/** Every object reachable from `value`, itself included. */
const objectsIn = (value: unknown): object[] => (typeof value === "object" && value !== null ? [value, ...Object.values(value).flatMap(objectsIn)] : []);

const event = (data: unknown, n = 1): NewEvent =>
  ({ ...formed(`g${n}`), data, eventId: `evt-${n}`, schemaVersion: 1, recordedAt: "2013-03-01T08:00:00.000Z", metadata: noMetadata }) as NewEvent;

describe("frozenCopy", () => {
  test.prop([fc.jsonValue()])("copies JSON values: equal, frozen at every level, sharing nothing", (value) => {
    const copy = frozenCopy(value, "value");
    expect(copy).toEqual(value);
    const theirs = new Set(objectsIn(value));
    for (const object of objectsIn(copy)) expect([Object.isFrozen(object), theirs.has(object)]).toEqual([true, false]);
  });

  const refused: ReadonlyArray<[string, unknown, string]> = [
    ["a function", { a: { f: () => 1 } }, "data.a.f is a function"],
    ["a symbol", [1, Symbol("s")], "data[1] is a symbol"],
    ["a Date", { on: new Date(0) }, "data.on is a Date"],
    ["NaN", { n: [1, Number.NaN] }, "data.n[1] is NaN, a number JSON cannot write"],
    ["Infinity", { n: Number.POSITIVE_INFINITY }, "data.n is Infinity, a number JSON cannot write"],
    ["undefined in an array", { list: ["a", undefined] }, "data.list[1] is undefined (an array element JSON cannot write)"],
  ];
  it.each(refused)("refuses %s, naming where", (_, value, message) => {
    expect(() => frozenCopy(value, "data")).toThrow(RangeError);
    expect(() => frozenCopy(value, "data")).toThrow(message);
  });
});

describe("snapshotNewEvents", () => {
  it("checks every event and names the first thing wrong", () => {
    const cases: ReadonlyArray<[unknown, string]> = [
      [event(1), "events must be an array of events"],
      [[event({}), null], "events[1] must be an event object, got null"],
      [[{ ...event({}), eventId: "" }], 'events[0].eventId must be a non-empty string, got ""'],
      [[{ ...event({}), type: 7 }], "events[0].type must be a string, got 7"],
      [[{ ...event({}), metadata: null }], "events[0].metadata must be an object, got null"],
      [[event({}), event({ when: new Date(0) }, 2)], "events[1].data.when is a Date"],
    ];
    for (const [events, message] of cases) {
      expect(() => snapshotNewEvents(events)).toThrow(RangeError);
      expect(() => snapshotNewEvents(events)).toThrow(message);
    }
  });

  it("copies data and metadata, freezes the events, and copies a shared metadata object once", () => {
    const metadata = { actor: "cadre-1", correlationId: null, causationId: null };
    const events = [{ ...event({ cadreIds: ["c1"] }, 1), metadata }, { ...event({ cadreIds: ["c2"] }, 2), metadata }];
    const snapshot = snapshotNewEvents(events);
    expect(snapshot).toEqual(events);
    expect(snapshot[0]?.metadata).toBe(snapshot[1]?.metadata);
    expect(snapshot[0]?.metadata).not.toBe(metadata);
    const theirs = new Set(objectsIn(events));
    for (const object of snapshot.flatMap(objectsIn)) expect([Object.isFrozen(object), theirs.has(object)]).toEqual([true, false]);
  });

  it("leaves out seal fields: a sealed store computes its own", () => {
    const [copy] = snapshotNewEvents([{ ...event({}), previousHash: "0".repeat(64), hash: "f".repeat(64) }]);
    expect(copy).not.toHaveProperty("hash");
    expect(copy).not.toHaveProperty("previousHash");
  });
});

describe("withSeal takes the append when it is called", () => {
  const STREAM = "tenfold-campaign-c";

  it("throws a RangeError at the call for a bad argument, before any task runs", () => {
    const store = withSeal(scriptedStore(), nodeSha256);
    expect(() => store.append("", [event({})], noStream)).toThrow('streamId must be a non-empty string, got ""');
    expect(() => store.append(STREAM, [event({})], { _tag: "Exact", revision: 1 } as never)).toThrow("an Exact expected revision needs a bigint revision, got 1");
    expect(() => store.append(STREAM, [event({ f: () => 1 })], noStream)).toThrow("events[0].data.f is a function");
    expect(() => store.append(STREAM, [event({ n: Number.NaN })], noStream)).toThrow("events[0].data.n is NaN");
  });

  it("runs an adapter's own checks at the call", () => {
    const store = withSeal(scriptedStore(), nodeSha256, {
      checkAppend: (_, events) => {
        if (events.some((e) => !e.eventId.startsWith("uuid-"))) throw new RangeError("event ids must be UUIDs");
      },
    });
    expect(() => store.append(STREAM, [event({})], noStream)).toThrow("event ids must be UUIDs");
  });

  it("stores and seals what was passed at the call, whatever the caller changes before the task runs", async () => {
    const store = withSeal(scriptedStore(), nodeSha256);
    const data = { campaignId: "c", groupId: "g1", name: "before", formedOn: "2013-03-01" };
    const metadata = { actor: "cadre-1", correlationId: null, causationId: null };
    const batch: NewEvent[] = [{ ...event(data), metadata }];
    const task = store.append(STREAM, batch, noStream);
    data.name = "after";
    metadata.actor = "someone else";
    batch.push(event({}, 2));
    const result = await task();
    if (E.isLeft(result)) throw new Error(result.left._tag);
    const [recorded] = result.right.recorded;
    expect(result.right.recorded).toHaveLength(1);
    expect(recorded?.data).toMatchObject({ name: "before" });
    expect(recorded?.metadata).toEqual({ actor: "cadre-1", correlationId: null, causationId: null });
    expect(recorded?.hash).toBe(hashEnvelope(nodeSha256, recorded?.previousHash ?? "", { ...recorded!, streamRevision: 0n }));
  });
});
