import { test } from "@fast-check/vitest";
import { type CampaignEvent, EVENT_TYPES, decodeEvent } from "@tenfold/core";
import type fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect } from "vitest";
import {
  arbitraryAssignmentMade,
  arbitraryCadreEnrolled,
  arbitraryCampaignClosed,
  arbitraryCampaignEvent,
  arbitraryCampaignLaunched,
  arbitraryDiaryWritten,
  arbitraryFundDisbursed,
  arbitraryGroupFormed,
  arbitraryInspectionHeld,
  arbitraryProblemRaised,
  arbitraryProblemResolved,
  arbitraryReportWritten,
  arbitrarySubjectErased,
  arbitraryVisitConducted,
} from "./arbitraryEvents.js";

const ARBITRARIES: ReadonlyArray<readonly [string, fc.Arbitrary<CampaignEvent>]> = [
  ["CampaignLaunched", arbitraryCampaignLaunched()],
  ["GroupFormed", arbitraryGroupFormed()],
  ["CadreEnrolled", arbitraryCadreEnrolled()],
  ["AssignmentMade", arbitraryAssignmentMade()],
  ["VisitConducted", arbitraryVisitConducted()],
  ["DiaryWritten", arbitraryDiaryWritten()],
  ["ReportWritten", arbitraryReportWritten()],
  ["ProblemRaised", arbitraryProblemRaised()],
  ["ProblemResolved", arbitraryProblemResolved()],
  ["FundDisbursed", arbitraryFundDisbursed()],
  ["InspectionHeld", arbitraryInspectionHeld()],
  ["CampaignClosed", arbitraryCampaignClosed()],
  ["SubjectErased", arbitrarySubjectErased()],
];

describe("event arbitraries", () => {
  test("cover the catalog, one per event type", () => {
    expect(ARBITRARIES.map(([type]) => type)).toEqual(EVENT_TYPES);
  });

  describe.each(ARBITRARIES)("%s", (type, arbitrary) => {
    test.prop([arbitrary])("is well-formed: its JSON decodes back to it", (event) => {
      expect(event.type).toBe(type);
      expect(decodeEvent(JSON.parse(JSON.stringify(event)))).toEqual(E.right(event));
    });
  });

  test.prop([arbitraryVisitConducted({ campaignId: "xining-2013", days: { min: "2013-03-01", max: "2013-03-31" }, data: { groupId: "g1", peopleMet: 0 } })])(
    "keep what the constraints fix",
    (visit) => {
      expect(visit.data.campaignId).toBe("xining-2013");
      expect(visit.data.groupId).toBe("g1");
      expect(visit.data.peopleMet).toBe(0);
      expect(visit.data.occurredOn >= "2013-03-01" && visit.data.occurredOn <= "2013-03-31").toBe(true);
    },
  );

  test.prop([arbitraryCampaignEvent({ types: ["DiaryWritten", "CampaignClosed"], campaignId: "c" })])("any event, of the types asked for", (event) => {
    expect(["DiaryWritten", "CampaignClosed"]).toContain(event.type);
    expect(event.data.campaignId).toBe("c");
    expect(E.isRight(decodeEvent(event))).toBe(true);
  });
});
