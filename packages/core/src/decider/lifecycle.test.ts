import { campaignSpecification } from "@tenfold/testing";
import { describe, it } from "vitest";
import { CAMPAIGN, closedEvent, enrolled, event, formed, launched, smallHistory, commandFor } from "../testing-support/events.js";

const { given } = campaignSpecification;

describe("rule 1: launched first and once, nothing after closing", () => {
  it("accepts a launch as the first event", () => given([]).when(commandFor(launched())).then([launched()]));

  it("refuses anything before the launch", () =>
    given([]).when(commandFor(formed("g1"))).thenRefused({ _tag: "CampaignNotLaunched", campaignId: CAMPAIGN, eventType: "GroupFormed" }));

  it("refuses a second launch", () =>
    given([launched()]).when(commandFor(launched({ launchedOn: "2013-03-05" }))).thenRefused({ _tag: "CampaignAlreadyLaunched", campaignId: CAMPAIGN }));

  it("accepts a closing, then refuses everything after it", () => {
    given(smallHistory()).when(commandFor(closedEvent())).then([closedEvent()]);
    const closed = [...smallHistory(), closedEvent("2013-12-31")];
    const refusal = { _tag: "CampaignAlreadyClosed", campaignId: CAMPAIGN, closedOn: "2013-12-31" } as const;
    given(closed).when(commandFor(formed("g2", "2014-01-02"))).thenRefused(refusal);
    given(closed).when(commandFor(closedEvent("2014-01-01"))).thenRefused(refusal);
    given(closed).when(commandFor(launched())).thenRefused(refusal);
  });

  it("refuses an event of another campaign", () =>
    given([launched()])
      .when(commandFor(event("GroupFormed", { campaignId: "other", groupId: "g1", name: "G", formedOn: "2013-03-02" })))
      .thenRefused({ _tag: "CampaignMismatch", campaignId: CAMPAIGN, commandCampaignId: "other" }));
});

describe("rule 2: ids are unique per entity type", () => {
  const history = smallHistory();

  it("refuses a group id used twice", () =>
    given(history).when(commandFor(formed("g1"))).thenRefused({ _tag: "DuplicateId", entity: "group", id: "g1" }));

  it("enrols a cadre once", () =>
    given(history).when(commandFor(enrolled("m1", "g1"))).thenRefused({ _tag: "DuplicateId", entity: "cadre", id: "m1" }));

  it("allows the same id in different entity types", () =>
    given(history).when(commandFor(formed("m1"))).then([formed("m1")]));
});

describe("rules are judged in order", () => {
  it("a closed campaign refuses before any other rule is looked at", () => {
    const closed = [...smallHistory(), closedEvent("2013-12-31")];
    given(closed).when(commandFor(formed("g1", "2013-01-01"))).thenRefused({ _tag: "CampaignAlreadyClosed", campaignId: CAMPAIGN, closedOn: "2013-12-31" });
  });

  it("uniqueness comes before references and dates", () =>
    given(smallHistory()).when(commandFor(enrolled("m1", "g9", { enrolledOn: "2013-01-01" }))).thenRefused({ _tag: "DuplicateId", entity: "cadre", id: "m1" }));

  it("references come before dates", () =>
    given(smallHistory()).when(commandFor(enrolled("c2", "g9", { enrolledOn: "2013-01-01" }))).thenRefused({ _tag: "GroupNotFound", groupId: "g9" }));
});
