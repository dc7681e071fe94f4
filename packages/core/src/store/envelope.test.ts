import { describe, expect, expectTypeOf, it } from "vitest";
import { type EnvelopeInput, type RecordedPlace, newEvent, recordedEvent } from "./envelope.js";
import { type NewEvent, type RecordedEvent, noMetadata } from "./RecordedEvent.js";

type KeysOf<T> = T extends unknown ? keyof T : never;

const fields = {
  type: "CampaignClosed",
  data: { campaignId: "c", summary: "done", closedOn: "2013-12-31" },
  eventId: "e-1",
  schemaVersion: 1,
  recordedAt: "2013-12-31T00:00:00.000Z",
  metadata: noMetadata,
} as unknown as EnvelopeInput;
const place: RecordedPlace = { streamId: "tenfold-campaign-c", streamRevision: 3n, position: 7n };

describe("the envelope constructors", () => {
  it("take exactly the envelope's fields, and the recorded event's are those and its place", () => {
    expectTypeOf<keyof EnvelopeInput>().toEqualTypeOf<KeysOf<NewEvent>>();
    expectTypeOf<keyof EnvelopeInput | keyof RecordedPlace>().toEqualTypeOf<KeysOf<RecordedEvent>>();
  });

  it("build an unsealed envelope without seal fields, in the envelope's order", () => {
    const event = newEvent({ ...fields, previousHash: undefined, hash: "h" });
    expect(Object.keys(event)).toEqual(["type", "data", "eventId", "schemaVersion", "recordedAt", "metadata"]);
    expect(event).toStrictEqual({ ...fields });
  });

  it("keep the seal when both of its fields are given", () => {
    const event = newEvent({ ...fields, previousHash: "0".repeat(64), hash: "a".repeat(64) });
    expect(Object.keys(event)).toEqual(["type", "data", "eventId", "schemaVersion", "recordedAt", "metadata", "previousHash", "hash"]);
  });

  it("record an event with its place, frozen, without copying its data", () => {
    const sealed = newEvent({ ...fields, previousHash: "0".repeat(64), hash: "a".repeat(64) });
    const recorded = recordedEvent(sealed, place);
    expect(Object.isFrozen(recorded)).toBe(true);
    expect(recorded.data).toBe(sealed.data);
    expect(Object.keys(recorded)).toEqual([...Object.keys(sealed), "streamId", "streamRevision", "position"]);
    expect(Object.keys(recordedEvent(fields, place))).toEqual([...Object.keys(fields), "streamId", "streamRevision", "position"]);
  });
});
