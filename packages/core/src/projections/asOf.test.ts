import * as O from "fp-ts/lib/Option.js";
import { describe, expect, it } from "vitest";
import type { CampaignEvent } from "../events/catalog.js";
import { noMetadata, type RecordedEvent } from "../store/RecordedEvent.js";
import * as ev from "../testing-support/events.js";
import type { Day } from "../values/Day.js";
import { eventsInView, statisticsAsOfDay, statisticsInView, statisticsRecordedBefore } from "./asOf.js";

const recorded = (events: ReadonlyArray<[CampaignEvent, string]>): ReadonlyArray<RecordedEvent> =>
  events.map(([e, recordedAt], i) => ({
    ...e,
    eventId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    schemaVersion: 1,
    recordedAt,
    metadata: noMetadata,
    streamId: "tenfold-campaign-xining-2013",
    streamRevision: BigInt(i),
    position: BigInt(i),
  }));

/* A diary dated in March but entered in June: the two views disagree about it. */
const history = recorded([
  [ev.launched(), "2013-03-01T08:00:00.000Z"],
  [ev.formed("g1"), "2013-03-02T08:00:00.000Z"],
  [ev.enrolled("a", "g1"), "2013-03-03T08:00:00.000Z"],
  [ev.diary("d1", "a", null, "2013-06-01"), "2013-06-01T08:00:00.000Z"],
  [ev.diary("d2", "a", null, "2013-03-20"), "2013-06-02T08:00:00.000Z"],
]);

describe("as-of views", () => {
  it("as of a business day counts what is dated on or before it, whenever it was recorded", () => {
    expect(O.map((s: { diaries: number }) => s.diaries)(statisticsAsOfDay(history, "2013-03-31" as Day))).toEqual(O.some(1));
    expect(O.map((s: { diaries: number }) => s.diaries)(statisticsAsOfDay(history, "2013-06-01" as Day))).toEqual(O.some(2));
  });

  it("recorded before an instant counts what the system knew then", () => {
    const at = (instant: string) => O.map((s: { diaries: number }) => s.diaries)(statisticsRecordedBefore(history, new Date(instant)));
    expect(at("2013-06-01T08:00:00.000Z")).toEqual(O.some(0));
    expect(at("2013-06-01T08:00:00.001Z")).toEqual(O.some(1));
    expect(at("2014-01-01T00:00:00.000Z")).toEqual(O.some(2));
    expect(statisticsRecordedBefore(history, new Date("2013-03-01T08:00:00.000Z"))).toEqual(O.none);
  });

  it("a view of both counts what is dated on or before the day and was recorded before the instant", () => {
    const ids = (view: Parameters<typeof eventsInView>[1]) => [...eventsInView(history, view)].map((e) => e.streamRevision);
    expect(ids({})).toEqual([0n, 1n, 2n, 3n, 4n]);
    expect(ids({ asOf: "2013-03-31" as Day })).toEqual([0n, 1n, 2n, 4n]);
    expect(ids({ recordedBefore: new Date("2013-06-02T00:00:00.000Z") })).toEqual([0n, 1n, 2n, 3n]);
    expect(ids({ asOf: "2013-03-31" as Day, recordedBefore: new Date("2013-06-02T00:00:00.000Z") })).toEqual([0n, 1n, 2n]);
  });

  it("statisticsInView is each single view's function, and none when the launch is outside the view", () => {
    for (const day of ["2013-02-28", "2013-03-02", "2013-03-31", "2013-06-01"].map((d) => d as Day)) {
      expect(statisticsInView(history, { asOf: day })).toEqual(statisticsAsOfDay(history, day));
    }
    for (const instant of ["2013-03-01T08:00:00.000Z", "2013-06-01T08:00:00.001Z", "2014-01-01T00:00:00.000Z"]) {
      expect(statisticsInView(history, { recordedBefore: new Date(instant) })).toEqual(statisticsRecordedBefore(history, new Date(instant)));
    }
    const both = statisticsInView(history, { asOf: "2013-03-31" as Day, recordedBefore: new Date("2013-06-02T00:00:00.000Z") });
    expect(O.map((s: { diaries: number; cadres: { enrolled: number } }) => [s.diaries, s.cadres.enrolled])(both)).toEqual(O.some([0, 1]));
    expect(statisticsInView(history, { asOf: "2013-02-28" as Day, recordedBefore: new Date("2014-01-01T00:00:00.000Z") })).toEqual(O.none);
  });
});
