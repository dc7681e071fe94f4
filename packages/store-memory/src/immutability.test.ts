import { type NewEvent, type RecordedEvent, anyRevision, noStream } from "@tenfold/core";
import { describe, expect, it } from "vitest";
import { createMemoryEventStore, createUnsealedMemoryEventStore } from "./index.js";
import { groupFormed, logOf, right, streamOf, visitConducted } from "./store.fixtures.js";

/** Every object reachable from `value`, itself included. */
const objectsIn = (value: unknown): object[] =>
  typeof value === "object" && value !== null ? [value, ...Object.values(value).flatMap(objectsIn)] : [];

type Mutable = Record<string, unknown> & { data: Record<string, unknown> & { cadreIds: string[] }; metadata: Record<string, unknown> };

const mutableCopy = (event: NewEvent): Mutable => structuredClone(event) as unknown as Mutable;

const STORES = [
  ["bare", createUnsealedMemoryEventStore],
  ["sealed", createMemoryEventStore],
] as const;

describe("recorded events cannot be changed", () => {
  it.each(STORES)("are frozen at every level: the envelope, its data, nested arrays and metadata (%s store)", async (_, makeStore) => {
    const store = makeStore();
    const { recorded } = await right(store.append("s", [visitConducted(1), groupFormed(2)], noStream));
    for (const event of [...recorded, ...(await logOf(store))]) {
      const objects = objectsIn(event);
      expect(objects.length).toBeGreaterThan(2);
      for (const object of objects) expect(Object.isFrozen(object)).toBe(true);
    }
  });

  it("throws on mutation attempts (modules run in strict mode) and keeps the stored data", async () => {
    const store = createUnsealedMemoryEventStore();
    await right(store.append("s", [visitConducted(1)], noStream));
    const [event] = (await right(store.readStream("s"))).events;
    const target = event as unknown as Mutable;
    expect(() => (target["type"] = "GroupFormed")).toThrow(TypeError);
    expect(() => (target["streamRevision"] = 5n)).toThrow(TypeError);
    expect(() => (target.data["groupId"] = "g-2")).toThrow(TypeError);
    expect(() => target.data.cadreIds.push("cadre-3")).toThrow(TypeError);
    expect(() => (target.data.cadreIds[0] = "cadre-9")).toThrow(TypeError);
    expect(() => (target.metadata["actor"] = "intruder")).toThrow(TypeError);
    expect(() => delete target.data["visitId"]).toThrow(TypeError);
    expect(await streamOf(store, "s")).toEqual([{ ...visitConducted(1), streamId: "s", streamRevision: 0n, position: 0n }]);
  });

  it("are copies: changing what was appended, after the append, changes nothing stored", async () => {
    const store = createUnsealedMemoryEventStore();
    const input = mutableCopy(visitConducted(1));
    const { recorded } = await right(store.append("s", [input as unknown as NewEvent], noStream));
    input["type"] = "GroupFormed";
    input.data["groupId"] = "g-changed";
    input.data.cadreIds.push("cadre-3");
    input.metadata["actor"] = "someone-else";
    expect(Object.isFrozen(input) || Object.isFrozen(input.data)).toBe(false);
    const expected = { ...visitConducted(1), streamId: "s", streamRevision: 0n, position: 0n };
    expect(recorded).toEqual([expected]);
    expect(await streamOf(store, "s")).toEqual([expected]);
  });

  it.each(STORES)("share nothing mutable with the caller's input (%s store)", async (_, makeStore) => {
    const store = makeStore();
    const input = mutableCopy(visitConducted(1));
    const [event] = (await right(store.append("s", [input as unknown as NewEvent], anyRevision))).recorded;
    const theirs = new Set(objectsIn(input));
    expect(objectsIn(event).filter((o) => theirs.has(o))).toEqual([]);
  });

  it("copy the batch when append is called, so later changes to the batch do not leak in", async () => {
    const store = createUnsealedMemoryEventStore();
    const input = mutableCopy(groupFormed(1));
    const batch = [input as unknown as NewEvent];
    const task = store.append("s", batch, noStream);
    input.data["name"] = "Changed before the task ran";
    batch.push(groupFormed(2));
    expect(await right(task)).toMatchObject({ recorded: [{ eventId: "evt-1", data: { name: "Group 1" } }] });
  });

  it.each(STORES)("copy data objects of any size into plain objects: same keys in the same order, Object's prototype (%s store)", async (_, makeStore) => {
    const store = makeStore();
    const sizes = [0, 1, 4, 5, 9, 10, 11, 25];
    const inputs = sizes.map((n) => Object.fromEntries(Array.from({ length: n }, (_, k) => [`field${(k * 7) % n}-${k}`, k % 2 === 0 ? k : [`v${k}`]])));
    const batch = inputs.map((data, i) => ({ ...groupFormed(i + 1), data }) as unknown as NewEvent);
    const { recorded } = await right(store.append("s", batch, noStream));
    recorded.forEach((event, i) => {
      const input = inputs[i];
      expect(event.data).not.toBe(input);
      expect(event.data).toStrictEqual(input);
      expect(Object.keys(event.data)).toEqual(Object.keys(input ?? {}));
      expect(JSON.stringify(event.data)).toBe(JSON.stringify(input));
      expect(Object.getPrototypeOf(event.data)).toBe(Object.prototype);
      expect((event.data as { constructor?: unknown }).constructor).toBe(Object);
      expect(Object.isFrozen(event.data)).toBe(true);
    });
  });

  it("keep an own __proto__ key (as JSON.parse makes) as a key, never as a prototype", async () => {
    const store = createUnsealedMemoryEventStore();
    const parsed = JSON.parse('{"campaignId":"c-1","__proto__":{"polluted":true}}') as NewEvent["data"];
    const [event] = (await right(store.append("s", [{ ...groupFormed(1), data: parsed } as NewEvent], noStream))).recorded;
    expect(Object.getPrototypeOf(event!.data)).toBe(Object.prototype);
    expect(Object.keys(event!.data)).toEqual(["campaignId", "__proto__"]);
    expect((event!.data as unknown as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(event!.data, "__proto__")?.value).toEqual({ polluted: true });
  });

  it("come back in frozen pages and results", async () => {
    const store = createUnsealedMemoryEventStore();
    const result = await right(store.append("s", [groupFormed(1)], noStream));
    const pages = [result, result.recorded, await right(store.readStream("s")), await right(store.readAll())];
    for (const page of pages) expect(Object.isFrozen(page)).toBe(true);
    expect(() => (result.recorded as RecordedEvent[]).push(result.recorded[0]!)).toThrow(TypeError);
  });

  it("hand each reader a page array of its own: changing it changes no later read", async () => {
    const store = createUnsealedMemoryEventStore();
    await right(store.append("s", [groupFormed(1), groupFormed(2)], noStream));
    const streamPage = (await right(store.readStream("s"))).events as RecordedEvent[];
    const allPage = (await right(store.readAll())).events as RecordedEvent[];
    streamPage.reverse();
    allPage.length = 0;
    expect((await right(store.readStream("s"))).events.map((e) => e.eventId)).toEqual(["evt-1", "evt-2"]);
    expect((await right(store.readAll())).events.map((e) => e.eventId)).toEqual(["evt-1", "evt-2"]);
    expect(await streamOf(store, "s")).toHaveLength(2);
  });
});
