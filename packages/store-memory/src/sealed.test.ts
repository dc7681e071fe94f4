import { createHash } from "node:crypto";
import { anyRevision, exactRevision, noMetadata, noStream, readWholeStream, type NewEvent } from "@tenfold/core";
import { GENESIS_HASH, hashEnvelope } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { createMemoryEventStore } from "./MemoryEventStore.js";

const event = (n: number): NewEvent =>
  ({
    type: "GroupFormed",
    data: { campaignId: "c", groupId: `g${n}`, name: `Group ${n}`, formedOn: "2013-03-02" },
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    schemaVersion: 1,
    recordedAt: "2013-03-02T08:00:00.000Z",
    metadata: noMetadata,
  }) as NewEvent;

describe("createMemoryEventStore seals what it records", () => {
  it("chains each stream from 64 zeros, as DOMAIN.md defines the hash", async () => {
    const store = createMemoryEventStore();
    await store.append("s", [event(1), event(2)], anyRevision)();
    await store.append("s", [event(3)], exactRevision(1n))();
    const stored = await readWholeStream(store, "s")();
    const chain = E.isRight(stored) ? stored.right : [];
    expect(chain).toHaveLength(3);
    let previous = GENESIS_HASH;
    for (const e of chain) {
      expect(e.previousHash).toBe(previous);
      expect(e.hash).toBe(hashEnvelope(nodeSha256, previous, e));
      previous = e.hash ?? "";
    }
    const first = chain[0]!;
    const text = `${GENESIS_HASH}\n{"data":{"campaignId":"c","formedOn":"2013-03-02","groupId":"g1","name":"Group 1"},"eventId":"${first.eventId}","metadata":{"actor":null,"causationId":null,"correlationId":null},"recordedAt":"2013-03-02T08:00:00.000Z","schemaVersion":1,"streamId":"s","streamRevision":0,"type":"GroupFormed"}`;
    expect(first.hash).toBe(createHash("sha256").update(text).digest("hex"));
  });

  it("takes another SHA-256 by injection", async () => {
    const calls: string[] = [];
    const store = createMemoryEventStore({ sha256: { hex: (t) => (calls.push(t), "f".repeat(64)) } });
    await store.append("s", [event(1)], anyRevision)();
    expect(calls).toHaveLength(1);
  });
});

describe("createMemoryEventStore takes an append when it is called", () => {
  it("throws a RangeError naming the place at the call, for the sealed store as for the bare one", () => {
    const store = createMemoryEventStore();
    const cases: ReadonlyArray<[() => unknown, string]> = [
      [() => store.append("", [event(1)], anyRevision), 'streamId must be a non-empty string, got ""'],
      [() => store.append("s", [{ ...event(1), eventId: "" }], anyRevision), "events[0].eventId must be a non-empty string"],
      [() => store.append("s", [event(1), { ...event(2), data: { on: new Date(0) } } as never], anyRevision), "events[1].data.on is a Date"],
      [() => store.append("s", [{ ...event(1), data: { peopleMet: Number.NaN } } as never], anyRevision), "events[0].data.peopleMet is NaN"],
      [() => store.append("s", [event(1)], { _tag: "Exact", revision: 0 } as never), "needs a bigint revision, got 0"],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(RangeError);
      expect(call).toThrow(message);
    }
  });

  it("records and seals the events as they were at the call, whatever the caller changes before the task runs", async () => {
    const store = createMemoryEventStore();
    const data = { campaignId: "c", groupId: "g1", name: "Group 1", formedOn: "2013-03-02" };
    const metadata = { actor: "cadre-1", correlationId: null, causationId: null };
    const batch: NewEvent[] = [{ ...event(1), data, metadata } as NewEvent];
    const task = store.append("s", batch, noStream);
    data.name = "Changed before the task ran";
    metadata.actor = "someone else";
    batch.push(event(2));
    const appended = await task();
    const recorded = E.isRight(appended) ? appended.right.recorded : [];
    expect(recorded.map((e) => [e.data, e.metadata])).toEqual([[{ ...data, name: "Group 1" }, { ...metadata, actor: "cadre-1" }]]);
    expect(recorded[0]?.hash).toBe(hashEnvelope(nodeSha256, GENESIS_HASH, recorded[0]!));
    data.name = "Changed after";
    const stored = await readWholeStream(store, "s")();
    expect(E.isRight(stored) && stored.right.map((e) => (e.data as { name: string }).name)).toEqual(["Group 1"]);
  });
});

