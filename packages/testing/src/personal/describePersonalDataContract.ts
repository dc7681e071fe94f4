import { createHash } from "node:crypto";
import { type EventStore, type RecordedEvent, type SubscriptionMessage, campaignStreamId, computeStatistics, createCommandHandler, readWholeStream } from "@tenfold/core";
import { envelopeLine, eventLeafHash, merkleRoot, sealedEnvelopeOf, verifyChain } from "@tenfold/core/audit";
import { nodeSha256, nodeSha256Digest } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CanaryCampaign, canaryCampaign, tracesIn } from "./canaryHistory.js";

/** A store under test, and the bytes it keeps (files of a data directory, stored records), to search for markers. */
export interface PersonalDataFixture {
  readonly store: EventStore;
  /** Everything the store has written, as bytes with where each came from (after any flush the store needs). */
  readonly storedBytes: () => Promise<ReadonlyArray<{ readonly where: string; readonly bytes: Uint8Array }>>;
  readonly close: () => Promise<void>;
}

const right = async <A>(task: () => Promise<E.Either<unknown, A>>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected right, got ${JSON.stringify(result.left, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))}`);
  return result.right;
};

const rootOf = (events: ReadonlyArray<RecordedEvent>): string => Buffer.from(merkleRoot(nodeSha256Digest, events.map((e) => eventLeafHash(nodeSha256Digest, e)))).toString("hex");

/** The chain problems of lines, as a verifier finds them. */
const chainProblems = (lines: ReadonlyArray<string>): ReadonlyArray<unknown> => {
  const verifier = verifyChain({ sha256: nodeSha256 });
  const problems = lines.flatMap((text, i): ReadonlyArray<unknown> => {
    const sealed = sealedEnvelopeOf(JSON.parse(text));
    return E.isRight(sealed) && sealed.right !== null ? verifier.sealed(i + 1, sealed.right) : [`line ${i + 1} unreadable`];
  });
  return [...problems, ...verifier.end().problems];
};

/** The events of `streamId` a subscription delivers, until `count` of them. */
const collect = async (store: EventStore, streamId: string, count: number): Promise<ReadonlyArray<RecordedEvent>> => {
  const subscription = store.subscribeToAll();
  const events: RecordedEvent[] = [];
  for await (const message of subscription as AsyncIterable<SubscriptionMessage>) {
    if (message._tag === "SubscriptionFailed") throw new Error(`the subscription failed: ${message.error._tag}`);
    if (message._tag === "Event" && message.event.streamId === streamId) events.push(message.event);
    if (events.length >= count) break;
  }
  await subscription.close();
  return events;
};

/** An event without its personal values: what erasure may change (values, salts, the erased list). */
const masked = (event: RecordedEvent): unknown => {
  const data = { ...(event.data as unknown as Record<string, unknown>) };
  const personal: Record<string, unknown> = {};
  for (const [field, entry] of Object.entries(event.personal ?? {})) {
    data[field] = null;
    personal[field] = { subject: entry.subject, commitment: entry.commitment };
  }
  const { erased: _, position: __, ...rest } = event;
  return { ...rest, data, personal };
};

/**
 * The acceptance of DOMAIN.md's personal data on one store, as one vitest suite: a campaign whose
 * every personal field holds a unique marker is recorded, read, exported, and every subject erased;
 * then no marker appears in what the store keeps (UTF-8, UTF-16, base64, hex, unsalted SHA-256), in
 * any export or in the SubjectErased events; every hash and the Merkle root are unchanged and the
 * chain verifies; statistics before, after and rebuilt are equal; erased values read as null, named
 * in `erased`; a dictionary holding the markers opens no commitment, while it opens an unsalted hash.
 */
export const describePersonalDataContract = (name: string, open: () => Promise<PersonalDataFixture>): void => {
  describe(`personal data: ${name}`, () => {
    let fixture: PersonalDataFixture;
    let canary: CanaryCampaign;
    let before: ReadonlyArray<RecordedEvent>;
    let after: ReadonlyArray<RecordedEvent>;
    let exportedBefore: ReadonlyArray<string>;
    let live: Promise<ReadonlyArray<RecordedEvent>>;

    beforeAll(async () => {
      fixture = await open();
      canary = canaryCampaign(globalThis.crypto.randomUUID().slice(0, 8));
      const handler = createCommandHandler({ store: fixture.store });
      // A projection kept live through the whole story: subscribed before the first command.
      live = collect(fixture.store, campaignStreamId(canary.campaignId), canary.commands.length + canary.erasures.length);
      for (const command of canary.commands) await right(handler.handle(command));
      before = await right(readWholeStream(fixture.store, campaignStreamId(canary.campaignId)));
      exportedBefore = before.map((e) => envelopeLine(e, "include"));
      for (const command of canary.erasures) await right(handler.handle(command));
      after = await right(readWholeStream(fixture.store, campaignStreamId(canary.campaignId)));
    }, 120_000);
    afterAll(async () => fixture.close());

    it("reads every value back before the erasure, each with its salt", () => {
      const text = exportedBefore.join("\n");
      for (const { marker } of canary.markers) expect(text).toContain(JSON.stringify(marker));
      expect(before.every((e) => e.schemaVersion === 2 && e.erased === undefined)).toBe(true);
    });

    it("leaves no marker, in any encoding, in what the store keeps, in an export after erasure, or in a SubjectErased", async () => {
      const places = [
        ...(await fixture.storedBytes()),
        { where: "export after erasure (include)", bytes: Buffer.from(after.map((e) => envelopeLine(e, "include")).join("\n")) },
        { where: "export after erasure (omit)", bytes: Buffer.from(after.map((e) => envelopeLine(e)).join("\n")) },
        { where: "the SubjectErased events", bytes: Buffer.from(JSON.stringify(after.slice(before.length), (_, v: unknown) => (typeof v === "bigint" ? String(v) : v))) },
      ];
      expect(places.length).toBeGreaterThan(3);
      expect(tracesIn(places, canary.markers)).toEqual([]);
    });

    it("changes no hash and no Merkle root, and the chain still verifies; a flipped commitment byte does not", () => {
      expect(after.slice(0, before.length).map((e) => e.hash)).toEqual(before.map((e) => e.hash));
      expect(rootOf(after.slice(0, before.length))).toBe(rootOf(before));
      const lines = after.map((e) => envelopeLine(e));
      expect(chainProblems(lines)).toEqual([]);
      expect(chainProblems(exportedBefore)).toEqual([]);
      const victim = lines.findIndex((l) => l.includes('"commitment"'));
      const flipped = lines.map((l, i) => (i === victim ? l.replace(/"commitment":"(.)/, (_, c: string) => `"commitment":"${c === "0" ? "1" : "0"}`) : l));
      expect(chainProblems(flipped).length).toBeGreaterThan(0);
    });

    it("reads each erased value as null, named in erased, and never throws", () => {
      const personal = after.filter((e) => Object.keys(e.personal ?? {}).length > 0);
      expect(personal.length).toBe(canary.markers.length);
      for (const event of personal) {
        const fields = Object.keys(event.personal ?? {});
        expect(event.erased).toEqual(fields);
        for (const field of fields) expect((event.data as unknown as Record<string, unknown>)[field]).toBeNull();
      }
    });

    it("keeps the statistics: before the erasure, after it, and rebuilt from the store", async () => {
      const rebuilt = await right(readWholeStream(fixture.store, campaignStreamId(canary.campaignId)));
      const stats = (events: ReadonlyArray<RecordedEvent>) => computeStatistics(events);
      expect(stats(after)).toEqual(stats(before));
      expect(stats(rebuilt)).toEqual(stats(before));
    });

    it("rebuilds after the erasure what a live subscription kept through it, but for the erased values", async () => {
      const kept = await live;
      expect(kept.map(masked)).toEqual(after.map(masked));
      expect(computeStatistics(kept)).toEqual(computeStatistics(after));
    });

    it("opens no commitment with a dictionary holding every marker, where an unsalted hash falls to it (the negative control)", () => {
      const dictionary = [...canary.markers.map((m) => m.marker), "Zhang Wei", "王小明", "Li Na"];
      const sha = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");
      const commitments = after.flatMap((e) => Object.values(e.personal ?? {}).map((p) => p.commitment ?? "(none)"));
      expect(commitments.length).toBe(canary.markers.length);
      const guesses = new Set(dictionary.flatMap((word) => [sha(word), sha(JSON.stringify(word)), sha(`\n${JSON.stringify(word)}`)]));
      expect(commitments.filter((c) => guesses.has(c))).toEqual([]);
      const unsalted = canary.markers.map((m) => sha(JSON.stringify(m.marker)));
      expect(unsalted.filter((h) => guesses.has(h))).toEqual(unsalted);
    });
  });
};
