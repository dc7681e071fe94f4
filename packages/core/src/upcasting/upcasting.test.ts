import { fc, test } from "@fast-check/vitest";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { formatDecodeError } from "../decoding/DecodeError.js";
import { parseHistoryLine } from "../interchange/HistoryLine.js";
import { SCHEMA_VERSION } from "../store/RecordedEvent.js";
import { eventJsonArb } from "../testing-support/arbitraries.js";
import { visited } from "../testing-support/events.js";
import { TENFOLD_UPCASTERS, visitPhotosUpcaster } from "./schemaHistory.js";
import { upcastEvent, upcasterRegistry } from "./Upcaster.js";

const visit = visited("v1", "g1", ["k1"], { peopleMet: 4, occurredOn: "2013-03-10" });
const withoutPhotos = (): Record<string, unknown> => {
  const { photos: _photos, ...rest } = visit.data as unknown as Record<string, unknown>;
  return rest;
};

describe("upcasting", () => {
  it("reads a version-0 VisitConducted, which had no photos, as a visit with photos 0", () => {
    const line = parseHistoryLine(JSON.stringify({ type: "VisitConducted", data: withoutPhotos(), schemaVersion: 0 }));
    expect(line).toEqual(E.right({ event: { ...visit, data: { ...visit.data, photos: 0 } }, envelope: { schemaVersion: 0 } }));
  });

  it("leaves the other types of version 0 as they are: their data did not change", () => {
    const line = { type: "GroupFormed", data: { campaignId: "c", groupId: "g1", name: "G", formedOn: "2013-03-02" } };
    expect(upcastEvent(TENFOLD_UPCASTERS, line, 0)).toEqual(E.right(line));
  });

  it("still judges the upcast data by today's codec", () => {
    const line = parseHistoryLine(JSON.stringify({ type: "VisitConducted", data: { ...withoutPhotos(), peopleMet: -1 }, schemaVersion: 0 }));
    expect(E.isLeft(line) ? formatDecodeError(line.left) : []).toEqual(["data.peopleMet: expected a whole number ≥ 0, got -1"]);
  });

  it("refuses versions newer than the current one with a clear error, and a version-1 visit without photos", () => {
    const refuse = (text: string): ReadonlyArray<string> => {
      const r = parseHistoryLine(text);
      return E.isLeft(r) ? formatDecodeError(r.left) : [];
    };
    expect(refuse(JSON.stringify({ ...visit, schemaVersion: 7 }))).toEqual(["schemaVersion: schema version 7 is not supported (this version reads 2)"]);
    expect(refuse(JSON.stringify({ ...visit, schemaVersion: -1 }))[0]).toMatch(/^schemaVersion: /);
    expect(refuse(JSON.stringify({ type: "VisitConducted", data: withoutPhotos(), schemaVersion: 1 }))).toEqual(["data.photos: is required"]);
  });

  it("chains steps in order and may rename a type", () => {
    const registry = upcasterRegistry({ oldestVersion: 0, currentVersion: 3 }, [
      { type: "Old", fromVersion: 0, upcast: (data) => ({ type: "New", data: { ...data, a: 1 } }) },
      { type: "New", fromVersion: 2, upcast: (data) => ({ type: "New", data: { ...data, b: 2 } }) },
    ]);
    expect(upcastEvent(registry, { type: "Old", data: {} }, 0)).toEqual(E.right({ type: "New", data: { a: 1, b: 2 } }));
    expect(upcastEvent(registry, { type: "New", data: {} }, 1)).toEqual(E.right({ type: "New", data: { b: 2 } }));
  });

  it("refuses a registry that cannot be right", () => {
    expect(() => upcasterRegistry({ oldestVersion: 0, currentVersion: 1 }, [visitPhotosUpcaster, visitPhotosUpcaster])).toThrow(RangeError);
    expect(() => upcasterRegistry({ oldestVersion: 0, currentVersion: 1 }, [{ ...visitPhotosUpcaster, fromVersion: 1 }])).toThrow(RangeError);
    expect(() => upcasterRegistry({ oldestVersion: 2, currentVersion: 1 }, [])).toThrow(RangeError);
  });

  test.prop([eventJsonArb])("leaves an event of the current version unchanged", (event) => {
    expect(upcastEvent(TENFOLD_UPCASTERS, event, SCHEMA_VERSION)).toEqual(E.right(event));
  });

  test.prop([eventJsonArb.filter((e) => e.type !== "VisitConducted")])("reads any event of version 0 but a visit as its version-1 self", (event) => {
    const line = parseHistoryLine(JSON.stringify({ ...event, schemaVersion: 0 }));
    expect(E.map((l: { event: unknown }) => l.event)(line)).toEqual(E.right(event));
  });

  test.prop([eventJsonArb.filter((e) => e.type === "VisitConducted"), fc.nat(99)])("keeps the photos a version-0 line names", (event, photos) => {
    const line = parseHistoryLine(JSON.stringify({ ...event, data: { ...event.data, photos }, schemaVersion: 0 }));
    expect(E.map((l: { event: { data: unknown } }) => l.event.data)(line)).toEqual(E.right({ ...event.data, photos }));
  });
});
