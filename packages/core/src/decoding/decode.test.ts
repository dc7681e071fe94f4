import { fc, test } from "@fast-check/vitest";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { COMMAND_FOR_EVENT } from "../commands/catalog.js";
import { EVENT_DATA } from "../events/catalog.js";
import { eventJsonArb } from "../testing-support/arbitraries.js";
import { decodeCommand, decodeEvent } from "./decode.js";
import { formatDecodeError } from "./DecodeError.js";

const issues = (r: E.Either<{ readonly issues: ReadonlyArray<{ path: string; message: string }> }, unknown>): ReadonlyArray<string> =>
  E.isLeft(r) ? r.left.issues.map((i) => `${i.path}: ${i.message}`) : [];

const visit = {
  campaignId: "xining-2013",
  visitId: "visit-1",
  groupId: "g1",
  cadreIds: ["c1", "c2"],
  contactIds: [],
  setting: "village",
  purposes: ["talk", "household-survey"],
  peopleMet: 12,
  photos: 3,
  occurredOn: "2013-04-02",
};

describe("decodeEvent", () => {
  it("decodes a catalog event", () => {
    expect(decodeEvent({ type: "VisitConducted", data: visit })).toEqual(E.right({ type: "VisitConducted", data: visit }));
  });

  it("names every bad field by its path, with what was expected", () => {
    const bad = { ...visit, cadreIds: ["c1", "c 2"], peopleMet: -3, occurredOn: "2013-02-30", extra: true };
    expect(issues(decodeEvent({ type: "VisitConducted", data: bad }))).toEqual(["data.extra: is not a field of VisitConducted"]);
    const { extra: _extra, ...known } = bad;
    expect(issues(decodeEvent({ type: "VisitConducted", data: known }))).toEqual([
      'data.cadreIds[1]: expected an Id (1–64 characters from A–Z a–z 0–9 . _ -), got "c 2"',
      "data.peopleMet: expected a whole number ≥ 0, got -3",
      "data.occurredOn: 2013-02-30 is not a calendar date",
    ]);
  });

  it("reports missing fields and wrong list contents", () => {
    const { photos: _photos, ...noPhotos } = visit;
    expect(issues(decodeEvent({ type: "VisitConducted", data: { ...noPhotos, purposes: [] } }))).toEqual([
      "data.purposes: expected at least one element, got an empty list",
      "data.photos: is required",
    ]);
  });

  it("refuses unknown types, unknown top-level fields and non-objects", () => {
    expect(issues(decodeEvent({ type: "VisitPlanned", data: visit }))[0]).toMatch(/^type: expected an event type \(CampaignLaunched, .*\), got "VisitPlanned"$/);
    expect(issues(decodeEvent({ type: "VisitConducted", data: visit, when: 1 }))).toEqual(["when: is not a field of an event"]);
    expect(issues(decodeEvent([]))).toEqual(['(the value): expected an event {"type", "data"}, got a list']);
    expect(issues(decodeEvent({ type: "VisitConducted" }))).toEqual(["data: expected VisitConducted as an object, got nothing"]);
  });

  test.prop([eventJsonArb])("decodes every well-formed event and encodes it back unchanged", (json) => {
    const decoded = decodeEvent(json);
    expect(decoded).toEqual(E.right(json));
    if (E.isRight(decoded)) expect(EVENT_DATA[decoded.right.type].encode(decoded.right.data as never)).toEqual(json.data);
  });

  const mutation = fc.constantFrom("unknown field", "missing field", "wrong type", "object");
  test.prop([eventJsonArb, mutation, fc.nat()])("refuses a mutated event, naming the mutated field", (json, how, pick) => {
    const fields = Object.keys(json.data);
    const field = fields[pick % fields.length]!;
    const data: Record<string, unknown> =
      how === "missing field" ? Object.fromEntries(Object.entries(json.data).filter(([k]) => k !== field)) : { ...json.data };
    if (how === "unknown field") data["notInCatalog"] = 1;
    else if (how === "wrong type") data[field] = typeof data[field] === "number" ? "12" : 12;
    else data[field] = { nested: true };
    const result = decodeEvent({ type: json.type, data });
    expect(E.isLeft(result)).toBe(true);
    const expectedPath = how === "unknown field" ? "data.notInCatalog" : `data.${field}`;
    expect(issues(result).map((line) => line.split(":")[0])).toContain(expectedPath);
  });
});

describe("decodeCommand", () => {
  it("decodes a command into the data of the event it records", () => {
    expect(decodeCommand({ type: "ConductVisit", data: visit })).toEqual(E.right({ type: "ConductVisit", data: visit }));
  });

  it("refuses event names as commands, and reports data errors by path", () => {
    expect(issues(decodeCommand({ type: "VisitConducted", data: visit }))[0]).toMatch(/^type: expected a command \(LaunchCampaign, .*\), got "VisitConducted"$/);
    const r = decodeCommand({ type: "ConductVisit", data: { ...visit, setting: "farm" } });
    expect(E.isLeft(r) && formatDecodeError(r.left)).toEqual(['data.setting: expected one of village | community | enterprise | other, got "farm"']);
  });

  test.prop([eventJsonArb])("every event's data decodes as its command", (json) => {
    expect(decodeCommand({ type: COMMAND_FOR_EVENT[json.type], data: json.data })).toEqual(
      E.right({ type: COMMAND_FOR_EVENT[json.type], data: json.data }),
    );
  });
});

describe("a command where an event belongs", () => {
  it("says which event the command records", () => {
    const r = decodeEvent({ type: "FormGroup", data: {} });
    expect(E.isLeft(r) && r.left.issues[0]?.message).toMatch(/, got "FormGroup" \(a command: the event it records is GroupFormed\)$/);
  });
});

describe("decoding a personal field", () => {
  it("says what is wrong without quoting the value", () => {
    const base = { type: "MakeAssignment", data: { campaignId: "c", groupId: "g1", contactId: "h1", contactKind: "poor-household", assignedOn: "2013-03-04" } };
    const problems = (contactName: unknown): ReadonlyArray<string> => {
      const r = decodeCommand({ ...base, data: { ...base.data, contactName } });
      return E.isLeft(r) ? formatDecodeError(r.left) : [];
    };
    expect(problems(" 王小明 ")).toEqual(["data.contactName: expected trimmed text, got leading or trailing white space"]);
    expect(problems({ family: "王小明" })).toEqual(["data.contactName: expected text, got an object (not shown: it is personal data)"]);
    expect(problems(["王小明"])).toEqual(["data.contactName: expected text, got a list (not shown: it is personal data)"]);
    expect(problems("王".repeat(501))).toEqual(["data.contactName: expected at most 500 characters, got 501"]);
    const other = decodeCommand({ ...base, data: { ...base.data, contactName: "ok", groupId: "bad id" } });
    expect(E.isLeft(other) ? formatDecodeError(other.left) : []).toEqual(['data.groupId: expected an Id (1–64 characters from A–Z a–z 0–9 . _ -), got "bad id"']);
  });
});
