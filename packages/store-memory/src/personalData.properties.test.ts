import { fc, test } from "@fast-check/vitest";
import { type CampaignEvent, type RecordedEvent, campaignStreamId, computeStatistics, createCommandHandler, eventToCommand, readWholeLog, readWholeStream } from "@tenfold/core";
import { withSeal } from "@tenfold/core/adapter";
import { nodePersonalCipher, nodeSha256 } from "@tenfold/core/node";
import { createMemoryKeyStore, withPersonalData } from "@tenfold/core/personal";
import { arbitraryErasures, arbitraryHistory, withPersonalMarkers } from "@tenfold/testing";
import { tracesIn } from "@tenfold/testing/personal";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect } from "vitest";
import { createUnsealedMemoryEventStore } from "./MemoryEventStore.js";

/*
 * DOMAIN.md's personal data as a property of the memory store: for any valid history whose every
 * personal field holds a unique marker, and any set of its subjects erased in any order, every hash
 * before the erasures is the same after them, the statistics are the same, each erased subject's
 * values read as null (named in `erased`) while every other value reads back, and no marker is in
 * what the store holds.
 */

const right = async <A>(task: () => Promise<E.Either<unknown, A>>): Promise<A> => {
  const r = await task();
  if (E.isLeft(r)) throw new Error(`expected right, got ${JSON.stringify(r.left)}`);
  return r.right;
};

const story = arbitraryHistory({ size: "small" }).chain((history) => {
  const marked = withPersonalMarkers(history);
  return arbitraryErasures(marked.history).map((erasures) => ({ marked, erasures }));
});

describe("personal data on the memory store, for any history and any erasures", () => {
  test.prop([story], { numRuns: 40 })("keeps every hash and statistic, reads erased values as null, and holds no marker", async ({ marked, erasures }) => {
    const held = createUnsealedMemoryEventStore();
    const store = withPersonalData(withSeal(held, nodeSha256), { keys: createMemoryKeyStore(nodePersonalCipher), cipher: nodePersonalCipher, sha256: nodeSha256 });
    const handler = createCommandHandler({ store });
    const record = async (events: ReadonlyArray<CampaignEvent>): Promise<void> => {
      for (const event of events) await right(handler.handle(eventToCommand(event)));
    };
    await record(marked.history);
    const stream = campaignStreamId(marked.history[0]?.data.campaignId ?? "");
    const before = await right(readWholeStream(store, stream));
    await record(erasures);
    const after = await right(readWholeStream(store, stream));

    expect(after.slice(0, before.length).map((e) => e.hash)).toEqual(before.map((e) => e.hash));
    expect(computeStatistics(after)).toEqual(computeStatistics(before));
    const erased = new Set<string>(erasures.map((e) => e.data.subject));
    for (const event of after.slice(0, before.length) as ReadonlyArray<RecordedEvent>) {
      const data = event.data as unknown as Record<string, unknown>;
      const gone = Object.entries(event.personal ?? {}).filter(([, entry]) => erased.has(entry.subject)).map(([field]) => field);
      expect(event.erased ?? []).toEqual(gone);
      for (const [field, entry] of Object.entries(event.personal ?? {})) {
        if (erased.has(entry.subject)) expect(data[field]).toBeNull();
        else expect(marked.bySubject.get(entry.subject)).toContain(data[field]);
      }
    }
    const log = await right(readWholeLog(held));
    const text = JSON.stringify(log, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    expect(tracesIn([{ where: "the memory log", bytes: Buffer.from(text) }], marked.markers)).toEqual([]);
  });
});

describe("the stories", () => {
  test("erase someone, and hold personal values, in most runs (the property is not vacuous)", () => {
    const sample = fc.sample(story, { numRuns: 100, seed: 20130301 });
    expect(sample.filter((s) => s.erasures.length > 0 && s.marked.markers.length > 0).length).toBeGreaterThan(50);
  });
});
