import { type Id, type NewEvent, type PersonalEntries, type RecordedEvent, type SubscriptionMessage, type Text, noStream } from "@tenfold/core";
import { describe, expect, it } from "vitest";
import { createUnsealedMemoryEventStore } from "./index.js";
import { groupFormed, logOf, right, streamOf, takeUntil } from "./store.fixtures.js";

/* Schema 2: an event's `personal` entries are kept verbatim and given back on every read path. */

const PERSONAL: PersonalEntries = {
  name: {
    subject: "cadre:cadre-1",
    commitment: "a".repeat(64),
    encrypted: { algorithm: "AES-256-GCM", nonce: "bm9uY2Utbm9uY2U=", ciphertext: "Y2lwaGVydGV4dA==" },
  },
};

/** A CadreEnrolled event of schema 2 whose name is committed to (its value `null` in data, as stored). */
const cadreEnrolled = (n: number, personal: PersonalEntries = PERSONAL): NewEvent =>
  ({
    type: "CadreEnrolled",
    data: {
      campaignId: "c-1" as Id,
      cadreId: `cadre-${n}` as Id,
      name: null as unknown as Text,
      groupId: "g-1" as Id,
      role: "member",
      leadershipTeam: false,
      enrolledOn: "2013-03-01",
    },
    eventId: `cadre-evt-${n}`,
    schemaVersion: 2,
    recordedAt: "2013-03-01T08:00:00.000Z",
    metadata: { actor: null, correlationId: null, causationId: null },
    personal,
  }) as unknown as NewEvent;

/** Every object reachable from `value`, itself included. */
const objectsIn = (value: unknown): object[] =>
  typeof value === "object" && value !== null ? [value, ...Object.values(value).flatMap(objectsIn)] : [];

const eventsOf = (messages: ReadonlyArray<SubscriptionMessage>): RecordedEvent[] =>
  messages.flatMap((m) => (m._tag === "Event" ? [m.event] : []));

/** What every read path gives back, for one store holding what `append` put there. */
const everyReadPath = async (append: (store: ReturnType<typeof createUnsealedMemoryEventStore>) => Promise<ReadonlyArray<RecordedEvent>>) => {
  const store = createUnsealedMemoryEventStore();
  const recorded = await append(store);
  const subscription = store.subscribeToAll();
  const delivered = eventsOf(await takeUntil(subscription[Symbol.asyncIterator](), (m) => m._tag === "CaughtUp"));
  await subscription.close();
  return { recorded, stream: await streamOf(store, "s"), log: await logOf(store), delivered };
};

describe("personal entries (schema 2)", () => {
  it("are kept verbatim and given back by the append, readStream, readAll and subscribeToAll", async () => {
    const reads = await everyReadPath(async (store) => (await right(store.append("s", [cadreEnrolled(1), groupFormed(2)], noStream))).recorded);
    for (const events of Object.values(reads)) {
      expect(events.map((e) => e.personal)).toEqual([PERSONAL, undefined]);
      expect(events[0]).toEqual({ ...cadreEnrolled(1), streamId: "s", streamRevision: 0n, position: 0n });
    }
  });

  it("are frozen deep copies: changing the appended entries afterwards changes nothing stored", async () => {
    const personal = structuredClone(PERSONAL) as unknown as { name: { subject: string; encrypted: { nonce: string } } };
    const store = createUnsealedMemoryEventStore();
    const { recorded } = await right(store.append("s", [cadreEnrolled(1, personal as unknown as PersonalEntries)], noStream));
    personal.name.subject = "cadre:someone-else";
    personal.name.encrypted.nonce = "changed";
    const [read] = await streamOf(store, "s");
    for (const event of [recorded[0], read]) {
      expect(event?.personal).toEqual(PERSONAL);
      for (const object of objectsIn(event?.personal)) expect(Object.isFrozen(object)).toBe(true);
    }
  });

  it("keep an empty object as an empty object", async () => {
    const reads = await everyReadPath(async (store) => (await right(store.append("s", [cadreEnrolled(1, {})], noStream))).recorded);
    for (const events of Object.values(reads)) expect(events[0]?.personal).toEqual({});
  });

  it("a version-1 event (no personal) reads exactly as before: no personal key, no erased key", async () => {
    const v1 = { ...groupFormed(1), schemaVersion: 1 };
    const reads = await everyReadPath(async (store) => (await right(store.append("s", [v1], noStream))).recorded);
    for (const events of Object.values(reads)) {
      expect(Object.keys(events[0] ?? {})).toEqual(["type", "data", "eventId", "schemaVersion", "recordedAt", "metadata", "streamId", "streamRevision", "position"]);
    }
  });

  it("never stores `erased`: it is computed when read, by core", async () => {
    const withErased = { ...cadreEnrolled(1), erased: ["name"] } as NewEvent;
    const reads = await everyReadPath(async (store) => (await right(store.append("s", [withErased], noStream))).recorded);
    for (const events of Object.values(reads)) {
      expect("erased" in (events[0] ?? {})).toBe(false);
      expect(events[0]?.personal).toEqual(PERSONAL);
    }
  });

  it("an exact retry returns the recorded events with their personal entries", async () => {
    const store = createUnsealedMemoryEventStore();
    const first = await right(store.append("s", [cadreEnrolled(1)], noStream));
    const retry = await right(store.append("s", [cadreEnrolled(1)], noStream));
    expect(retry.recorded).toEqual(first.recorded);
    expect(retry.recorded[0]?.personal).toEqual(PERSONAL);
  });

  it.each([["a string", "name"], ["null", null], ["an array", []]])("refuses personal that is %s, naming the event, when append is called", (_, personal) => {
    const store = createUnsealedMemoryEventStore();
    const bad = { ...cadreEnrolled(1), personal } as unknown as NewEvent;
    expect(() => store.append("s", [groupFormed(0), bad], noStream)).toThrow(/events\[1\]\.personal must be an object/);
  });
});
