import { fc, test } from "@fast-check/vitest";
import * as O from "fp-ts/lib/Option.js";
import { describe, expect, it } from "vitest";
import { replay } from "../../decider/decide.js";
import { checkEvent } from "../../decider/decide.js";
import { businessDate, type CampaignEvent } from "../../events/catalog.js";
import * as ev from "../../testing-support/events.js";
import { validHistoryArb } from "../../testing-support/history.js";
import { oracleStatistics } from "../../testing-support/oracle.js";
import { DEFAULT_CHECKLIST } from "../../values/ChecklistItem.js";
import type { Day } from "../../values/Day.js";
import { onOrBefore, statisticsAsOfDay } from "../asOf.js";
import { project } from "../Projection.js";
import { campaignStatistics, computeStatistics } from "./statisticsProjection.js";
import { statisticsOf } from "./snapshot.js";

const stats = (events: ReadonlyArray<CampaignEvent>) => O.toUndefined(computeStatistics(events));

/* Group g1 completes all ten ones; g2 does a few. */
const history: ReadonlyArray<CampaignEvent> = [
  ev.launched(),
  ev.formed("g1", "2013-03-02", "First group"),
  ev.formed("g2", "2013-03-02", "Second group"),
  ev.enrolled("lead", "g1", { leadershipTeam: true, role: "leader" }),
  ev.enrolled("a", "g1"),
  ev.enrolled("b", "g2"),
  ev.enrolled("idle", "g2"),
  ...["village", "village-party-secretary", "poor-household", "party-member-in-difficulty", "college-graduate-village-official", "community", "non-public-enterprise-party-organization"].map((kind, i) =>
    ev.assigned(`k${i}`, "g1", kind),
  ),
  ev.assigned("x", "g2", "community"),
  ev.visited("v1", "g1", ["a"], { contactIds: ["k0", "k1", "k2", "k3"], purposes: ["talk", "household-survey"], setting: "village", peopleMet: 30 }),
  ev.visited("v2", "g1", ["a", "lead"], { contactIds: ["k4", "k5", "k6"], purposes: ["condolence"], setting: "enterprise", peopleMet: 12 }),
  ev.visited("v3", "g2", ["b", "lead"], { contactIds: ["x"], purposes: ["condolence", "household-survey"], setting: "community", peopleMet: 7 }),
  ev.diary("d1", "a", "v1"),
  ev.diary("d2", "b", null),
  ev.raised("p1", "g1", "k2"),
  ev.raised("p2", "g2"),
  ev.resolved("p1", ["a"]),
  ev.report("r1", "g1", ["a", "lead"]),
  ev.disbursed("f1", { kind: "special-relief", activityId: "stage", amountFen: 36_000_000 }),
  ev.disbursed("f2", { kind: "condolence", activityId: "spring", amountFen: 1_200_000 }),
  ev.disbursed("f3", { kind: "condolence", activityId: "spring", amountFen: 300_000 }),
  ev.disbursed("f4", { kind: "condolence", activityId: "autumn", amountFen: 600_000 }),
  ev.inspected("i1", "lead", "g2"),
];

describe("CampaignStatistics on a hand-made history", () => {
  it("counts everything DOMAIN.md lists", () => {
    expect(stats(history)).toEqual({
      campaignId: "xining-2013",
      name: "Ten ones",
      launchedOn: "2013-03-01",
      closedOn: null,
      groups: 2,
      cadres: { enrolled: 4, leadershipTeam: 1, active: 3 },
      contacts: {
        total: 8,
        byKind: {
          village: 1,
          "village-party-secretary": 1,
          "poor-household": 1,
          "party-member-in-difficulty": 1,
          "college-graduate-village-official": 1,
          community: 2,
          "non-public-enterprise-party-organization": 1,
        },
      },
      visits: { total: 3, bySetting: { village: 1, community: 1, enterprise: 1, other: 0 }, peopleMet: 49, householdSurveys: 2, condolenceVisits: 2 },
      diaries: 2,
      reports: 1,
      problems: { raised: 2, resolved: 1, open: 1 },
      inspections: 1,
      funds: {
        totalFen: 38_100_000,
        byKind: { "special-relief": 36_000_000, condolence: 2_100_000, other: 0 },
        activities: { "special-relief": 1, condolence: 2, other: 0 },
      },
      checklist: {
        items: [...DEFAULT_CHECKLIST],
        completedGroups: 1,
        groups: [
          { groupId: "g1", name: "First group", done: [...DEFAULT_CHECKLIST], completed: 10, of: 10 },
          { groupId: "g2", name: "Second group", done: ["community", "household-survey"], completed: 2, of: 10 },
        ],
      },
    });
  });

  it("has none before a launch, every key with zeros right after it", () => {
    expect(stats([])).toBeUndefined();
    const launchedOnly = stats([ev.launched({ checklist: ["research-report", "village"] })]);
    expect(launchedOnly?.visits).toEqual({ total: 0, bySetting: { village: 0, community: 0, enterprise: 0, other: 0 }, peopleMet: 0, householdSurveys: 0, condolenceVisits: 0 });
    expect(launchedOnly?.checklist).toEqual({ items: ["research-report", "village"], completedGroups: 0, groups: [] });
  });

  it("keeps the campaign's own checklist, in its order", () => {
    const custom = [ev.launched({ checklist: ["research-report", "village"] }), ...history.slice(1)];
    expect(stats(custom)?.checklist.groups[0]).toEqual({ groupId: "g1", name: "First group", done: ["research-report", "village"], completed: 2, of: 2 });
    expect(stats(custom)?.checklist.completedGroups).toBe(1);
  });

  it("records the closing day", () => expect(stats([...history, ev.closedEvent("2013-12-31")])?.closedOn).toBe("2013-12-31"));
});

describe("CampaignStatistics by properties", () => {
  test.prop([validHistoryArb])("equals the obvious computation on any valid history", (h) => {
    expect(stats(h)).toEqual(oracleStatistics(h));
  });

  test.prop([validHistoryArb, fc.nat()])("folding xs ++ ys equals folding ys from the state of xs", (h, cut) => {
    const at = cut % (h.length + 1);
    const resumed = project(campaignStatistics, h.slice(at), project(campaignStatistics, h.slice(0, at)));
    expect(statisticsOf(resumed)).toEqual(computeStatistics(h));
  });

  test.prop([validHistoryArb, fc.nat()])("older states are untouched by later evolution, and can branch", (h, cut) => {
    const at = cut % (h.length + 1);
    const prefixState = project(campaignStatistics, h.slice(0, at));
    const before = statisticsOf(prefixState);
    project(campaignStatistics, h.slice(at), prefixState);
    expect(statisticsOf(prefixState)).toEqual(before);
    expect(statisticsOf(project(campaignStatistics, h.slice(at), prefixState))).toEqual(computeStatistics(h));
  });

  test.prop([validHistoryArb, fc.nat()])("as of a day: the prefix by business date is valid and its statistics are the view's", (h, pick) => {
    const days = h.map(businessDate);
    const d = days[pick % days.length]!;
    const prefix = [...onOrBefore(h, d)];
    let state = replay([]);
    for (const e of prefix) {
      expect(checkEvent(state, e)._tag).toBe("Right");
      state = replay([e], state);
    }
    expect(statisticsAsOfDay(h, d)).toEqual(O.some(oracleStatistics(prefix)));
  });

  test.prop([validHistoryArb])("as of the last day is everything; before the launch is nothing", (h) => {
    expect(statisticsAsOfDay(h, "9999-12-31" as Day)).toEqual(computeStatistics(h));
    expect(statisticsAsOfDay(h, "2013-02-28" as Day)).toEqual(O.none);
  });

  test.prop([validHistoryArb])("totals are sums of their parts", (h) => {
    const s = stats(h)!;
    const sumOf = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sumOf(s.contacts.byKind)).toBe(s.contacts.total);
    expect(sumOf(s.visits.bySetting)).toBe(s.visits.total);
    expect(sumOf({ ...s.funds.byKind })).toBe(s.funds.totalFen);
    expect(s.problems.open).toBe(s.problems.raised - s.problems.resolved);
    expect(s.checklist.completedGroups).toBeLessThanOrEqual(s.groups);
    expect(s.cadres.active).toBeLessThanOrEqual(s.cadres.enrolled);
  });
});
