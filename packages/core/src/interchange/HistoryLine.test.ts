import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { formatDecodeError } from "../decoding/DecodeError.js";
import { formed } from "../testing-support/events.js";
import { parseHistoryLine, toNewEvent } from "./HistoryLine.js";

const group = formed("g1");
const problems = (text: string): ReadonlyArray<string> => {
  const r = parseHistoryLine(text);
  return E.isLeft(r) ? formatDecodeError(r.left) : [];
};

const envelope = {
  schemaVersion: 1,
  eventId: "3f2b8c1e-0d4a-4f6b-9c2d-1a2b3c4d5e6f",
  streamId: "tenfold-campaign-xining-2013",
  streamRevision: 1,
  recordedAt: "2013-03-02T09:30:00.000Z",
  metadata: { actor: "clerk", correlationId: null, causationId: null },
  previousHash: "0".repeat(64),
  hash: "a".repeat(64),
};

describe("parseHistoryLine", () => {
  it("reads the minimum {type, data}", () => {
    expect(parseHistoryLine(JSON.stringify(group))).toEqual(E.right({ event: group, envelope: {} }));
  });

  it("keeps a full envelope", () => {
    expect(parseHistoryLine(JSON.stringify({ ...group, ...envelope }))).toEqual(E.right({ event: group, envelope }));
  });

  it("reports invalid JSON", () => {
    expect(problems('{"type": "GroupFormed",')[0]).toMatch(/^\(line\): invalid JSON: /);
  });

  it("names bad envelope fields by path", () => {
    expect(problems(JSON.stringify({ ...group, ...envelope, recordedAt: "2013-03-02 09:30" }))).toEqual([
      'recordedAt: expected an ISO-8601 UTC instant (…T…Z), got "2013-03-02 09:30"',
    ]);
    expect(problems(JSON.stringify({ ...group, metadata: { actor: 1, correlationId: null, causationId: null } }))).toEqual([
      "metadata.actor: expected a string or null, got 1",
    ]);
    expect(problems(JSON.stringify({ ...group, hash: "ABC" }))).toEqual(['hash: expected 64 lowercase hex digits, got "ABC"']);
    expect(problems(JSON.stringify({ ...group, eventId: "e1" }))).toEqual(['eventId: expected a UUID, got "e1"']);
  });

  it("refuses fields that are neither event nor envelope, and other schema versions", () => {
    expect(problems(JSON.stringify({ ...group, position: 3 }))).toEqual(["position: is not a field of an event"]);
    expect(problems(JSON.stringify({ ...group, schemaVersion: 3 }))).toEqual(["schemaVersion: schema version 3 is not supported (this version reads 2)"]);
    expect(problems(JSON.stringify({ ...group, schemaVersion: 2 }))).toEqual(["personal: is required of a schemaVersion 2 line (its personal fields, {} when none)"]);
    expect(problems(JSON.stringify({ ...group, schemaVersion: 1, personal: {} }))).toEqual(["personal: is a member of schemaVersion 2 lines, not of version 1"]);
  });
});

describe("toNewEvent", () => {
  const deps = { clock: { now: () => new Date("2014-01-01T00:00:00.000Z") }, ids: { eventId: () => "11111111-1111-4111-8111-111111111111" } };

  it("keeps the line's own envelope", () => {
    const line = parseHistoryLine(JSON.stringify({ ...group, ...envelope }));
    expect(E.map((l: Parameters<typeof toNewEvent>[0]) => toNewEvent(l, deps))(line)).toEqual(
      E.right({ ...group, eventId: envelope.eventId, schemaVersion: 2, recordedAt: envelope.recordedAt, metadata: envelope.metadata }),
    );
  });

  it("fills in what a bare line lacks from the injected clock and ids", () => {
    const line = parseHistoryLine(JSON.stringify(group));
    expect(E.map((l: Parameters<typeof toNewEvent>[0]) => toNewEvent(l, deps))(line)).toEqual(
      E.right({
        ...group,
        eventId: "11111111-1111-4111-8111-111111111111",
        schemaVersion: 2,
        recordedAt: "2014-01-01T00:00:00.000Z",
        metadata: { actor: null, correlationId: null, causationId: null },
      }),
    );
  });
});
