import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type DomainError, type DomainErrorTag, describeDomainError, RULE_OF } from "./DomainError.js";

describe("DomainError", () => {
  it("is documented in docs/concepts.md with the rule each case enforces", () => {
    const doc = readFileSync(new URL("../../../../docs/concepts.md", import.meta.url), "utf8");
    const documented = new Map([...doc.matchAll(/^\| `(\w+)` \| (\d) \|/gm)].map((m) => [m[1], Number(m[2])]));
    expect(Object.fromEntries(documented)).toEqual(RULE_OF);
  });

  it("describes every case in a sentence naming its ids", () => {
    const samples: { readonly [T in DomainErrorTag]: Extract<DomainError, { _tag: T }> } = {
      CampaignNotLaunched: { _tag: "CampaignNotLaunched", campaignId: "c1", eventType: "GroupFormed" },
      CampaignAlreadyLaunched: { _tag: "CampaignAlreadyLaunched", campaignId: "c1" },
      CampaignAlreadyClosed: { _tag: "CampaignAlreadyClosed", campaignId: "c1", closedOn: "2013-12-31" },
      CampaignMismatch: { _tag: "CampaignMismatch", campaignId: "c1", commandCampaignId: "c2" },
      DuplicateId: { _tag: "DuplicateId", entity: "visit", id: "v1" },
      GroupNotFound: { _tag: "GroupNotFound", groupId: "g9" },
      CadreNotEnrolled: { _tag: "CadreNotEnrolled", cadreId: "k9" },
      CadreNotInGroup: { _tag: "CadreNotInGroup", cadreId: "k1", groupId: "g2" },
      ContactNotAssigned: { _tag: "ContactNotAssigned", contactId: "x1", groupId: null },
      VisitNotFound: { _tag: "VisitNotFound", visitId: "v9" },
      CadreNotOnVisit: { _tag: "CadreNotOnVisit", cadreId: "k1", visitId: "v1" },
      ProblemNotFound: { _tag: "ProblemNotFound", problemId: "p9" },
      ProblemAlreadyResolved: { _tag: "ProblemAlreadyResolved", problemId: "p1" },
      InspectorNotOnLeadershipTeam: { _tag: "InspectorNotOnLeadershipTeam", cadreId: "k1" },
      DateBeforeLaunch: { _tag: "DateBeforeLaunch", date: "2013-02-01", launchedOn: "2013-03-01" },
      ClosedBeforeRecordedDate: { _tag: "ClosedBeforeRecordedDate", closedOn: "2013-06-01", latestDate: "2013-07-01" },
      DateBeforeReference: { _tag: "DateBeforeReference", date: "2013-03-01", entity: "group", id: "g1", referenceDate: "2013-03-02" },
      SubjectAlreadyErased: { _tag: "SubjectAlreadyErased", subject: "contact:h1", erasedOn: "2014-01-05" },
      PersonalDataOfErasedSubject: { _tag: "PersonalDataOfErasedSubject", subject: "cadre:k1", field: "title", erasedOn: "2014-01-05" },
    };
    const sentences = Object.values(samples).map((e) => describeDomainError(e));
    expect(sentences).toEqual([
      'campaign "c1" is not launched: its first event must be CampaignLaunched, not GroupFormed',
      'campaign "c1" is already launched',
      'campaign "c1" was closed on 2013-12-31; nothing more can be recorded',
      'this history is of campaign "c1", not "c2"',
      'visit "v1" already exists',
      'group "g9" has not been formed',
      'cadre "k9" is not enrolled',
      'cadre "k1" is neither enrolled in group "g2" nor on the leadership team',
      'contact "x1" is not assigned to any group',
      'visit "v9" has not been conducted',
      'cadre "k1" did not take part in visit "v1"',
      'problem "p9" has not been raised',
      'problem "p1" is already resolved',
      'inspector "k1" is not on the leadership team',
      "2013-02-01 is before the campaign's launch on 2013-03-01",
      "closing on 2013-06-01 is before 2013-07-01, a date already recorded",
      '2013-03-01 is before 2013-03-02, the date of group "g1" it refers to',
      'subject "contact:h1" was already erased on 2014-01-05',
      'title is personal data of subject "cadre:k1", erased on 2014-01-05: it can no longer be recorded',
    ]);
  });
});
