import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { createCommandHandler } from "../handler/CommandHandler.js";
import { sequentialIds, steppingClock } from "../handler/platform.js";
import { eventToCommand } from "../commands/convert.js";
import type { CampaignEvent } from "../events/catalog.js";
import { newEvent } from "../store/envelope.js";
import { nodeSha256 } from "../node/index.js";
import { exactRevision, noStream } from "../store/ExpectedRevision.js";
import { type NewEvent, campaignStreamId, noMetadata } from "../store/RecordedEvent.js";
import { CAMPAIGN, formed, launched } from "../testing-support/events.js";
import { scriptedStore } from "../testing-support/scriptedStore.js";
import { withSeal } from "./withSeal.js";

const STREAM = campaignStreamId(CAMPAIGN);
const envelope = (event: CampaignEvent, n: number): NewEvent =>
  newEvent({ ...event, eventId: `evt-${n}`, schemaVersion: 1, recordedAt: "2013-03-01T08:00:00.000Z", metadata: noMetadata });

describe("a sealing store told the stream's head", () => {
  it("chains onto the head it is told instead of reading the stream again", async () => {
    const inner = scriptedStore();
    const first = await withSeal(inner, nodeSha256).append(STREAM, [envelope(launched(), 1)], noStream)();
    const head = E.isRight(first) ? first.right.recorded[0] : undefined;
    inner.reads.length = 0;
    const fresh = withSeal(inner, nodeSha256); // knows no head of its own
    const second = await fresh.append(STREAM, [envelope(formed("g1"), 2)], exactRevision(0n), { head: { revision: 0n, hash: head?.hash ?? "" } })();
    expect(E.isRight(second)).toBe(true);
    expect(inner.reads).toEqual([]);
    // The same two appends through a store that reads the head itself seal the same bytes.
    const reference = scriptedStore();
    await withSeal(reference, nodeSha256).append(STREAM, [envelope(launched(), 1)], noStream)();
    await withSeal(reference, nodeSha256).append(STREAM, [envelope(formed("g1"), 2)], exactRevision(0n))();
    expect(inner.streams.get(STREAM)?.map((e) => [e.previousHash, e.hash])).toEqual(reference.streams.get(STREAM)?.map((e) => [e.previousHash, e.hash]));
  });

  it("reads the stream when the head it is told is not the expected revision", async () => {
    const inner = scriptedStore();
    await withSeal(inner, nodeSha256).append(STREAM, [envelope(launched(), 1)], noStream)();
    inner.reads.length = 0;
    const result = await withSeal(inner, nodeSha256).append(STREAM, [envelope(formed("g1"), 2)], exactRevision(0n), { head: { revision: 5n, hash: "a".repeat(64) } })();
    expect(E.isRight(result)).toBe(true);
    expect(inner.reads.length).toBeGreaterThan(0);
  });

  it("refuses a malformed head at the call", () => {
    const store = withSeal(scriptedStore(), nodeSha256);
    expect(() => store.append(STREAM, [envelope(launched(), 1)], exactRevision(0n), { head: { revision: 0n, hash: "nope" } })).toThrow(RangeError);
  });

  it("is told the head by the command handler, which then costs one read of the stream's new events per command", async () => {
    const inner = scriptedStore();
    const handler = createCommandHandler({ store: withSeal(inner, nodeSha256), clock: steppingClock(new Date("2013-03-01T08:00:00Z")), ids: sequentialIds() });
    await handler.handle(eventToCommand(launched()))();
    inner.reads.length = 0;
    await handler.handle(eventToCommand(formed("g1")))();
    await handler.handle(eventToCommand(formed("g2")))();
    expect(inner.reads.map((r) => r.fromRevision)).toEqual([1n, 2n]);
  });
});
