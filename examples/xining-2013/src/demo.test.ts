import {
  type CampaignEvent,
  type RecordedEvent,
  campaignStreamId,
  commandToEvent,
  computeStatistics,
  readWholeStream,
  sequentialIds,
  steppingClock,
} from "@tenfold/core";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import * as O from "fp-ts/lib/Option.js";
import { describe, expect, it } from "vitest";
import { XINING_CAMPAIGN_ID, XINING_DEMO_METADATA, readXiningStatistics, runXiningDemo, xiningCommands } from "./index.js";

const STREAM = campaignStreamId(XINING_CAMPAIGN_ID);

const expected = computeStatistics(xiningCommands().map(commandToEvent));

/** Runs the demo on a fresh memory store; the statistics it returned and the events the store holds. */
/** Bytes counting up from 0: salts that are the same on every run (a real store's are random). */
const countingBytes = (): ((length: number) => Uint8Array) => {
  let next = 0;
  return (length) => Uint8Array.from({ length }, () => next++ & 0xff);
};

const runOnFreshStore = async (): Promise<{ statistics: unknown; events: ReadonlyArray<RecordedEvent> }> => {
  // The salts of personal values are random; with the same salts, the same history is the same bytes.
  const store = createMemoryEventStore({ randomBytes: countingBytes() });
  const statistics = await runXiningDemo(store)();
  const events = await readWholeStream(store, STREAM)();
  if (E.isLeft(events)) throw new Error(`reading back failed: ${events.left._tag}`);
  return { statistics, events: events.right };
};

describe("runXiningDemo on a memory store", () => {
  it("records every command and returns the statistics read back from the store", async () => {
    const { statistics, events } = await runOnFreshStore();
    expect(statistics).toEqual(E.right(O.toUndefined(expected)));
    expect(events).toHaveLength(xiningCommands().length);
    expect(events.map((e): CampaignEvent => ({ type: e.type, data: e.data }) as CampaignEvent)).toEqual(
      xiningCommands().map(commandToEvent),
    );
  });

  it("stamps deterministic ids, instants and metadata", async () => {
    const { events } = await runOnFreshStore();
    const first = events[0]!;
    expect(first.eventId).toBe("00000000-0000-4000-8000-000000000001");
    expect(first.recordedAt).toBe("2013-03-01T08:00:00.000Z");
    expect(first.metadata).toEqual(XINING_DEMO_METADATA);
    expect(events.map((e) => e.streamRevision)).toEqual(events.map((_, i) => BigInt(i)));
  });

  it("records exactly the same history on every run", async () => {
    const one = await runOnFreshStore();
    const two = await runOnFreshStore();
    expect(two.statistics).toEqual(one.statistics);
    expect(two.events).toEqual(one.events);
  });

  it("takes a clock and ids instead of its defaults", async () => {
    const store = createMemoryEventStore();
    const ran = await runXiningDemo(store, { clock: steppingClock(new Date("2020-01-01T00:00:00Z"), 60_000), ids: sequentialIds() })();
    expect(E.isRight(ran)).toBe(true);
    const events = await readWholeStream(store, STREAM)();
    expect(E.map((es: ReadonlyArray<RecordedEvent>) => es[1]?.recordedAt)(events)).toEqual(E.right("2020-01-01T00:01:00.000Z"));
  });

  it("refuses to record the campaign twice in one store, writing nothing more", async () => {
    const store = createMemoryEventStore();
    await runXiningDemo(store)();
    const again = await runXiningDemo(store)();
    // The campaign is closed by then, and rule 1 says so before it says it is already launched.
    expect(E.mapLeft((e: { readonly _tag: string }) => e._tag)(again)).toEqual(E.left("CampaignAlreadyClosed"));
    expect(await readXiningStatistics(store)()).toEqual(E.right(O.toUndefined(expected)));
  });

  it("reads no statistics from a store without the campaign", async () => {
    const read = await readXiningStatistics(createMemoryEventStore())();
    expect(E.mapLeft((e: { readonly _tag: string }) => e._tag)(read)).toEqual(E.left("StoreFailure"));
  });
});
