import { createHash } from "node:crypto";
import { fc, test } from "@fast-check/vitest";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { nodeSha256 } from "../node/index.js";
import { anyRevision, exactRevision, noStream, streamExists } from "../store/ExpectedRevision.js";
import { noMetadata, type NewEvent } from "../store/RecordedEvent.js";
import { readWholeStream } from "../store/reading.js";
import { eventJsonArb } from "../testing-support/arbitraries.js";
import { formed, launched } from "../testing-support/events.js";
import { scriptedStore } from "../testing-support/scriptedStore.js";
import { canonicalJson } from "./canonical.js";
import { GENESIS_HASH, hashEnvelope, sealedText } from "./seal.js";
import { sealEvents, withSeal } from "./withSeal.js";

const envelope = (event: ReturnType<typeof formed>, n: number): NewEvent => ({
  ...event,
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  schemaVersion: 1,
  recordedAt: "2013-03-01T08:00:00.000Z",
  metadata: noMetadata,
});

/** The contract's recipe, written out independently of the code under test. */
const independentHash = (previousHash: string, e: NewEvent, streamId: string, streamRevision: number): string => {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sortKeys) : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])) : v;
  const { type, data, schemaVersion, eventId, recordedAt, metadata } = e;
  const text = JSON.stringify(sortKeys({ type, data, schemaVersion, eventId, streamId, streamRevision, recordedAt, metadata }));
  return createHash("sha256").update(`${previousHash}\n${text}`, "utf8").digest("hex");
};

describe("canonicalJson", () => {
  it("sorts keys by UTF-16 code units and writes no white space", () => {
    expect(canonicalJson({ b: 1, a: [true, null, "x"], B: { d: 1, c: 2 } })).toBe('{"B":{"c":2,"d":1},"a":[true,null,"x"],"b":1}');
    expect(canonicalJson({ "é": 1, z: 2, "😀": 3, "\uffff": 4 })).toBe('{"z":2,"é":1,"😀":3,"\uffff":4}');
    expect(canonicalJson({ n: 10n, s: "a\"b\n" })).toBe('{"n":10,"s":"a\\"b\\n"}');
  });

  test.prop([eventJsonArb])("parses back to the same value", (json) => {
    expect(JSON.parse(canonicalJson(json))).toEqual(json);
  });
});

describe("withSeal", () => {
  const STREAM = "tenfold-campaign-xining-2013";

  it("chains every appended event as the contract says", async () => {
    const store = withSeal(scriptedStore(), nodeSha256);
    const events = [envelope(launched(), 1), envelope(formed("g1"), 2), envelope(formed("g2"), 3)];
    await store.append(STREAM, events.slice(0, 1), noStream)();
    await store.append(STREAM, events.slice(1), anyRevision)();
    const stored = await readWholeStream(store, STREAM)();
    const recorded = E.isRight(stored) ? stored.right : [];
    let previous = GENESIS_HASH;
    recorded.forEach((e, i) => {
      expect(e.previousHash).toBe(previous);
      expect(e.hash).toBe(independentHash(previous, events[i]!, STREAM, i));
      expect(e.hash).toBe(hashEnvelope(nodeSha256, previous, e));
      previous = e.hash!;
    });
    expect(recorded).toHaveLength(3);
  });

  it("refuses a stale expected revision instead of chaining it", async () => {
    const inner = scriptedStore();
    const a = withSeal(inner, nodeSha256);
    const b = withSeal(inner, nodeSha256);
    await a.append(STREAM, [envelope(launched(), 1)], noStream)();
    await b.append(STREAM, [envelope(formed("g1"), 2)], exactRevision(0n))();
    const stale = await a.append(STREAM, [envelope(formed("g2"), 3)], exactRevision(0n))();
    expect(stale).toEqual(E.left({ _tag: "WrongExpectedRevision", streamId: STREAM, expected: exactRevision(0n), actual: 1n }));
    const viaAny = await a.append(STREAM, [envelope(formed("g3"), 4)], anyRevision)();
    expect(E.isRight(viaAny)).toBe(true);
    const stored = await readWholeStream(inner, STREAM)();
    const chain = E.isRight(stored) ? stored.right : [];
    expect(chain.map((e) => e.streamRevision)).toEqual([0n, 1n, 2n]);
    chain.forEach((e, i) => {
      expect(e.previousHash).toBe(i === 0 ? GENESIS_HASH : chain[i - 1]!.hash);
    });
  });

  it("honours every expectation before sealing", async () => {
    const store = withSeal(scriptedStore(), nodeSha256);
    expect(E.isLeft(await store.append(STREAM, [envelope(launched(), 1)], streamExists)())).toBe(true);
    expect(E.isRight(await store.append(STREAM, [envelope(launched(), 1)], noStream)())).toBe(true);
    expect(E.isLeft(await store.append(STREAM, [envelope(formed("g1"), 2)], noStream)())).toBe(true);
    expect(E.isRight(await store.append(STREAM, [envelope(formed("g1"), 2)], streamExists)())).toBe(true);
  });

  test.prop([fc.array(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 20 })])("keeps one valid chain per stream whatever the interleaving", async (streams) => {
    const inner = scriptedStore();
    const store = withSeal(inner, nodeSha256);
    for (const [i, s] of streams.entries()) await store.append(s, [envelope(formed(`g${i}`), i)], anyRevision)();
    for (const s of new Set(streams)) {
      const stored = await readWholeStream(inner, s)();
      const chain = E.isRight(stored) ? stored.right : [];
      let previous = GENESIS_HASH;
      for (const e of chain) {
        expect(e.hash).toBe(hashEnvelope(nodeSha256, previous, e));
        previous = e.hash!;
      }
    }
  });
});

describe("sealEvents", () => {
  const metadataArb = fc.constantFrom(noMetadata, { actor: "cadre-1", correlationId: null, causationId: "cmd-1" }, { actor: "a\"b", correlationId: "c", causationId: null });
  const instantArb = fc.constantFrom("2013-03-01T08:00:00.000Z", "2013-03-02T09:30:00.000Z");

  test.prop([fc.array(fc.tuple(metadataArb, instantArb, fc.boolean()), { minLength: 1, maxLength: 12 }), fc.nat({ max: 5 })])(
    "gives every event of a batch the contract's hash, whether its members are shared with the previous event or not",
    (shape, firstRevision) => {
      // Some events share one metadata object with the one before, others carry an equal copy or another value.
      const events = shape.map(([metadata, recordedAt, copied], i): NewEvent => ({ ...envelope(formed(`g${i}`), i + 1), recordedAt, metadata: copied ? { ...metadata } : metadata }));
      const head = { revision: firstRevision === 0 ? null : BigInt(firstRevision - 1), hash: firstRevision === 0 ? GENESIS_HASH : "ab".repeat(32) };
      const sealed = sealEvents(nodeSha256, "tenfold-campaign-c", head, events);
      let previous = head.hash;
      sealed.forEach((e, i) => {
        expect(e.previousHash).toBe(previous);
        expect(e.hash).toBe(independentHash(previous, events[i]!, "tenfold-campaign-c", firstRevision + i));
        previous = e.hash!;
      });
    },
  );
});

describe("withSeal and retries", () => {
  it("answers a retried append (same ids, same place) with the original result, writing nothing", async () => {
    const inner = scriptedStore();
    const store = withSeal(inner, nodeSha256);
    const first = [envelope(launched(), 1)];
    const second = [envelope(formed("g1"), 2), envelope(formed("g2"), 3)];
    await store.append("s", first, noStream)();
    const original = await store.append("s", second, exactRevision(0n))();
    expect(await store.append("s", second, exactRevision(0n))()).toEqual(original);
    expect(await withSeal(inner, nodeSha256).append("s", first, noStream)()).toEqual(E.right({ nextExpectedRevision: 0n, recorded: inner.streams.get("s")!.slice(0, 1) }));
    expect(inner.streams.get("s")).toHaveLength(3);
    const other = await store.append("s", [envelope(formed("g9"), 9)], exactRevision(0n))();
    expect(other).toEqual(E.left({ _tag: "WrongExpectedRevision", streamId: "s", expected: exactRevision(0n), actual: 2n }));
  });
});

describe("the sealed form of a schema-2 event", () => {
  it("is canonical JSON of the envelope with each personal value null and personal as subject and commitment", () => {
    const fields = {
      type: "CadreEnrolled",
      data: { campaignId: "c", cadreId: "k1", name: "王小明", groupId: "g1", role: "member", leadershipTeam: false, enrolledOn: "2013-03-03" },
      schemaVersion: 2,
      eventId: "00000000-0000-4000-8000-000000000001",
      streamId: "tenfold-campaign-c",
      streamRevision: 2n,
      recordedAt: "2013-03-03T08:00:00.000Z",
      metadata: { actor: null, correlationId: null, causationId: null },
      personal: { name: { subject: "cadre:k1", commitment: "a".repeat(64), salt: "b".repeat(32), encrypted: { algorithm: "AES-256-GCM" as const, nonce: "bm9uY2U=", ciphertext: "Y2lwaGVy" } } },
    };
    const expected = canonicalJson({ ...fields, streamRevision: 2n, data: { ...fields.data, name: null }, personal: { name: { subject: "cadre:k1", commitment: "a".repeat(64) } } });
    expect(sealedText(fields)).toBe(expected);
    expect(sealedText({ ...fields, personal: {} })).toBe(canonicalJson({ ...fields, streamRevision: 2n, personal: {} }));
    const { personal: _, ...version1 } = { ...fields, schemaVersion: 1 };
    expect(sealedText(version1)).toBe(canonicalJson({ ...version1, streamRevision: 2n }));
  });
});
