import { fc, test } from "@fast-check/vitest";
import { type CampaignEvent, type EventOf, type EventType, businessDate, decodeEvent } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { arbitraryHistory } from "./arbitraryHistory.js";
import { checkHistory } from "./checkHistory.js";
import { TRICKY_IDS } from "./ids.js";

const ofType = <T extends EventType>(h: ReadonlyArray<CampaignEvent>, type: T): ReadonlyArray<EventOf<T>> =>
  h.filter((e): e is Extract<CampaignEvent, { type: T }> => e.type === type);

describe("arbitraryHistory", () => {
  test.prop([arbitraryHistory()])("every history decodes and passes every rule, event by event", (history) => {
    for (const event of history) expect(decodeEvent(JSON.parse(JSON.stringify(event)))).toEqual(E.right(event));
    expect(checkHistory(history)).toMatchObject({ _tag: "Right" });
    // Erasures are for arbitraryHistoryWithErasures to add.
    expect(history.filter((e) => e.type === "SubjectErased")).toEqual([]);
  });

  test.prop([
    arbitraryHistory({
      campaignId: "xining-2013",
      launchedOn: { min: "2013-03-01", max: "2013-03-01" },
      checklist: ["village", "research-report"],
      closed: true,
      minGroups: 2,
      maxGroups: 3,
      maxEvents: 40,
      ids: ["tricky"],
    }),
  ])("keeps to its constraints", (history) => {
    const launch = ofType(history, "CampaignLaunched")[0];
    expect(launch?.data).toMatchObject({ campaignId: "xining-2013", launchedOn: "2013-03-01", checklist: ["village", "research-report"] });
    expect(history.length).toBeLessThanOrEqual(40);
    expect(history.at(-1)?.type).toBe("CampaignClosed");
    const groups = ofType(history, "GroupFormed").length;
    expect(groups >= 2 && groups <= 3).toBe(true);
    const ids = ofType(history, "GroupFormed").map((g) => g.data.groupId);
    expect([...ids].sort()).toEqual(TRICKY_IDS.slice(0, ids.length).sort());
    expect(checkHistory(history)._tag).toBe("Right");
  });

  test.prop([arbitraryHistory({ closed: false, maxGroups: 1, maxEvents: 12 })])("never closes when told not to, and bounds sizes", (history) => {
    expect(history.some((e) => e.type === "CampaignClosed")).toBe(false);
    expect(ofType(history, "GroupFormed").length).toBeLessThanOrEqual(1);
    expect(history.length).toBeLessThanOrEqual(12);
  });

  const constraints = fc.record(
    { minGroups: fc.nat({ max: 3 }), extraGroups: fc.nat({ max: 3 }), extraEvents: fc.nat({ max: 60 }), closed: fc.option(fc.boolean(), { nil: undefined }), maxLag: fc.nat({ max: 5 }) },
    { requiredKeys: ["minGroups", "extraGroups", "extraEvents", "maxLag"] },
  );
  test.prop([constraints.chain((c) => arbitraryHistory({ ...c, maxGroups: c.minGroups + c.extraGroups, maxEvents: c.minGroups + 2 + c.extraEvents }).map((h) => [c, h] as const))])(
    "keeps to any constraints it accepts, and stays valid",
    ([c, history]) => {
      const groups = ofType(history, "GroupFormed").length;
      expect(checkHistory(history)._tag).toBe("Right");
      expect(groups >= c.minGroups && groups <= c.minGroups + c.extraGroups).toBe(true);
      expect(history.length).toBeLessThanOrEqual(c.minGroups + 2 + c.extraEvents);
      if (c.closed !== undefined) expect(history.at(-1)?.type === "CampaignClosed").toBe(c.closed);
    },
  );

  test.prop([arbitraryHistory(), fc.nat()])("every prefix by business date is valid too (rule 5)", (history, pick) => {
    const day = businessDate(history[pick % history.length] as CampaignEvent);
    expect(checkHistory(history.filter((e) => businessDate(e) <= day))._tag).toBe("Right");
  });

  it("refuses constraints no history can meet", () => {
    expect(() => arbitraryHistory({ minGroups: 5, maxEvents: 5 })).toThrow(RangeError);
    expect(() => arbitraryHistory({ minGroups: 3, maxGroups: 2 })).toThrow(RangeError);
    expect(() => arbitraryHistory({ checklist: ["village", "village"] })).toThrow(RangeError);
    expect(() => arbitraryHistory({ launchedOn: { max: "9999-12-01" } })).toThrow(RangeError);
  });

  it("has every feature of a campaign, late entries included", () => {
    const histories = fc.sample(arbitraryHistory(), { numRuns: 300 });
    const cadresOf = (h: ReadonlyArray<CampaignEvent>): Map<string, string> => new Map(ofType(h, "CadreEnrolled").map((c) => [c.data.cadreId, c.data.groupId]));
    const features: Record<string, (h: ReadonlyArray<CampaignEvent>) => boolean> = {
      "recorded out of business-date order": (h) => h.some((e, i) => i > 0 && businessDate(e) < businessDate(h[i - 1] as CampaignEvent)),
      "closed": (h) => h.at(-1)?.type === "CampaignClosed",
      "no group at all": (h) => ofType(h, "GroupFormed").length === 0,
      "several groups": (h) => ofType(h, "GroupFormed").length >= 3,
      "a leadership-team cadre visiting another group": (h) =>
        ofType(h, "VisitConducted").some((v) => v.data.cadreIds.some((c) => cadresOf(h).get(c) !== v.data.groupId)),
      "a visit meeting the group's contacts": (h) => ofType(h, "VisitConducted").some((v) => v.data.contactIds.length > 0),
      "a diary tied to a visit": (h) => ofType(h, "DiaryWritten").some((d) => d.data.visitId !== null),
      "a diary tied to no visit": (h) => ofType(h, "DiaryWritten").some((d) => d.data.visitId === null),
      "a problem resolved": (h) => ofType(h, "ProblemResolved").length > 0,
      "a problem left open": (h) => ofType(h, "ProblemRaised").length > ofType(h, "ProblemResolved").length,
      "a problem about a contact": (h) => ofType(h, "ProblemRaised").some((p) => p.data.contactId !== null),
      "a report": (h) => ofType(h, "ReportWritten").length > 0,
      "an inspection": (h) => ofType(h, "InspectionHeld").length > 0,
      "a fund for a group's contact": (h) => ofType(h, "FundDisbursed").some((f) => f.data.groupId !== null && f.data.contactId !== null),
      "a fund for no group": (h) => ofType(h, "FundDisbursed").some((f) => f.data.groupId === null),
      "an activity funded twice": (h) => new Set(ofType(h, "FundDisbursed").map((f) => `${f.data.kind} ${f.data.activityId}`)).size < ofType(h, "FundDisbursed").length,
      "tricky ids": (h) => ofType(h, "GroupFormed").some((g) => g.data.groupId === "__proto__"),
      "ids shared across entity types": (h) => ofType(h, "CadreEnrolled").some((c) => c.data.cadreId === "0"),
      "two events on one day": (h) => new Set(h.map(businessDate)).size < h.length,
    };
    const missing = Object.entries(features).filter(([, has]) => !histories.some(has)).map(([name]) => name);
    expect(missing).toEqual([]);
  });
});

describe("shrinking", () => {
  it.each([1, 2, 3])("keeps every history valid and finds the smallest counterexample (seed %i)", (seed) => {
    const invalid: unknown[] = [];
    const visits = (h: ReadonlyArray<CampaignEvent>): number => h.filter((e) => e.type === "VisitConducted").length;
    const result = fc.check(
      fc.property(arbitraryHistory({ minGroups: 1 }), (h) => {
        if (E.isLeft(checkHistory(h))) invalid.push(h);
        return visits(h) < 3;
      }),
      { seed, numRuns: 1000 },
    );
    expect(result.failed).toBe(true);
    expect(invalid).toEqual([]);
    const [smallest] = result.counterexample ?? [[]];
    expect(checkHistory(smallest)._tag).toBe("Right");
    expect(visits(smallest)).toBe(3);
    // Whole sub-trees go: what is left is the launch, the visits and what they need (a leadership-team
    // cadre of one group may be what visits another, so two groups can remain).
    const kept = smallest.filter((e) => e.type !== "VisitConducted").map((e) => e.type);
    expect(["CampaignLaunched,GroupFormed,CadreEnrolled", "CampaignLaunched,GroupFormed,GroupFormed,CadreEnrolled"]).toContain(kept.join());
  });
});
