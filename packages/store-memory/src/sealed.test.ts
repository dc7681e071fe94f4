import { createHash } from "node:crypto";
import { anyRevision, exactRevision, GENESIS_HASH, hashEnvelope, noMetadata, readWholeStream, type NewEvent } from "@tenfold/core";
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
