import { describe, it } from "vitest";
import { CAMPAIGN, closedEvent, enrolled, event, formed, launched, smallHistory } from "../testing-support/events.js";
import { given } from "../testing-support/spec.js";

describe("rule 1: launched first and once, nothing after closing", () => {
  it("accepts a launch as the first event", () => given([]).when(launched()).accepted());

  it("refuses anything before the launch", () =>
    given([]).when(formed("g1")).refused({ _tag: "CampaignNotLaunched", campaignId: CAMPAIGN, eventType: "GroupFormed" }));

  it("refuses a second launch", () =>
    given([launched()]).when(launched({ launchedOn: "2013-03-05" })).refused({ _tag: "CampaignAlreadyLaunched", campaignId: CAMPAIGN }));

  it("accepts a closing, then refuses everything after it", () => {
    given(smallHistory()).when(closedEvent()).accepted();
    const closed = [...smallHistory(), closedEvent("2013-12-31")];
    const refusal = { _tag: "CampaignAlreadyClosed", campaignId: CAMPAIGN, closedOn: "2013-12-31" } as const;
    given(closed).when(formed("g2", "2014-01-02")).refused(refusal);
    given(closed).when(closedEvent("2014-01-01")).refused(refusal);
    given(closed).when(launched()).refused(refusal);
  });

  it("refuses an event of another campaign", () =>
    given([launched()])
      .when(event("GroupFormed", { campaignId: "other", groupId: "g1", name: "G", formedOn: "2013-03-02" }))
      .refused({ _tag: "CampaignMismatch", campaignId: CAMPAIGN, commandCampaignId: "other" }));
});

describe("rule 2: ids are unique per entity type", () => {
  const history = smallHistory();

  it("refuses a group id used twice", () =>
    given(history).when(formed("g1")).refused({ _tag: "DuplicateId", entity: "group", id: "g1" }));

  it("enrols a cadre once", () =>
    given(history).when(enrolled("m1", "g1")).refused({ _tag: "DuplicateId", entity: "cadre", id: "m1" }));

  it("allows the same id in different entity types", () =>
    given(history).when(formed("m1")).accepted());
});

describe("rules are judged in order", () => {
  it("a closed campaign refuses before any other rule is looked at", () => {
    const closed = [...smallHistory(), closedEvent("2013-12-31")];
    given(closed).when(formed("g1", "2013-01-01")).refused({ _tag: "CampaignAlreadyClosed", campaignId: CAMPAIGN, closedOn: "2013-12-31" });
  });

  it("uniqueness comes before references and dates", () =>
    given(smallHistory()).when(enrolled("m1", "g9", { enrolledOn: "2013-01-01" })).refused({ _tag: "DuplicateId", entity: "cadre", id: "m1" }));

  it("references come before dates", () =>
    given(smallHistory()).when(enrolled("c2", "g9", { enrolledOn: "2013-01-01" })).refused({ _tag: "GroupNotFound", groupId: "g9" }));
});
