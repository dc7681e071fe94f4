/* Test support: CampaignStatistics computed the slow, obvious way, as an oracle for the projection. */
import type { CampaignEvent, EventOf, EventType } from "../events/catalog.js";
import { CONTACT_KINDS } from "../values/ContactKind.js";
import type { CampaignStatistics } from "../projections/statistics/CampaignStatistics.js";

const ofType = <T extends EventType>(events: ReadonlyArray<CampaignEvent>, type: T): Array<EventOf<T>> =>
  events.filter((e): e is Extract<CampaignEvent, { type: T }> => e.type === type);

const sum = (xs: ReadonlyArray<number>): number => xs.reduce((a, b) => a + b, 0);

/** The statistics of a (valid, launched) history, by filtering and counting. */
export const oracleStatistics = (events: ReadonlyArray<CampaignEvent>): CampaignStatistics => {
  const launch = ofType(events, "CampaignLaunched")[0]!;
  const visits = ofType(events, "VisitConducted");
  const assignments = ofType(events, "AssignmentMade");
  const raised = ofType(events, "ProblemRaised");
  const resolved = ofType(events, "ProblemResolved");
  const reports = ofType(events, "ReportWritten");
  const funds = ofType(events, "FundDisbursed");
  type FundKind = "special-relief" | "condolence" | "other";
  const fenOf = (k: FundKind): number => sum(funds.filter((f) => f.data.kind === k).map((f) => f.data.amountFen));
  const activitiesOf = (k: FundKind): number => new Set(funds.filter((f) => f.data.kind === k).map((f) => f.data.activityId)).size;
  const active = new Set([
    ...visits.flatMap((v) => v.data.cadreIds),
    ...ofType(events, "DiaryWritten").map((d) => d.data.cadreId),
    ...reports.flatMap((r) => r.data.authorCadreIds),
    ...resolved.flatMap((r) => r.data.resolvedByCadreIds),
    ...ofType(events, "InspectionHeld").map((i) => i.data.inspectorCadreId),
  ]);
  const items = launch.data.checklist;
  const groups = ofType(events, "GroupFormed").map(({ data: g }) => {
    const isDone = (item: (typeof items)[number]): boolean => {
      const groupVisits = visits.filter((v) => v.data.groupId === g.groupId);
      if (item === "household-survey") return groupVisits.some((v) => v.data.purposes.includes("household-survey"));
      if (item === "research-report") return reports.some((r) => r.data.groupId === g.groupId);
      if (item === "problem-solved") {
        return raised.some((p) => p.data.groupId === g.groupId && resolved.some((r) => r.data.problemId === p.data.problemId));
      }
      return groupVisits.some((v) =>
        v.data.contactIds.some((id) => assignments.some((a) => a.data.contactId === id && a.data.contactKind === item && a.data.groupId === g.groupId)),
      );
    };
    const done = items.filter(isDone);
    return { groupId: g.groupId, name: g.name, done, completed: done.length, of: items.length };
  });
  const enrolled = ofType(events, "CadreEnrolled");
  const closed = ofType(events, "CampaignClosed")[0];
  return {
    campaignId: launch.data.campaignId,
    name: launch.data.name,
    launchedOn: launch.data.launchedOn,
    closedOn: closed?.data.closedOn ?? null,
    groups: groups.length,
    cadres: { enrolled: enrolled.length, leadershipTeam: enrolled.filter((c) => c.data.leadershipTeam).length, active: active.size },
    contacts: {
      total: assignments.length,
      byKind: Object.fromEntries(CONTACT_KINDS.map((k) => [k, assignments.filter((a) => a.data.contactKind === k).length])) as CampaignStatistics["contacts"]["byKind"],
    },
    visits: {
      total: visits.length,
      bySetting: {
        village: visits.filter((v) => v.data.setting === "village").length,
        community: visits.filter((v) => v.data.setting === "community").length,
        enterprise: visits.filter((v) => v.data.setting === "enterprise").length,
        other: visits.filter((v) => v.data.setting === "other").length,
      },
      peopleMet: sum(visits.map((v) => v.data.peopleMet)),
      householdSurveys: visits.filter((v) => v.data.purposes.includes("household-survey")).length,
      condolenceVisits: visits.filter((v) => v.data.purposes.includes("condolence")).length,
    },
    diaries: ofType(events, "DiaryWritten").length,
    reports: reports.length,
    problems: { raised: raised.length, resolved: resolved.length, open: raised.length - resolved.length },
    inspections: ofType(events, "InspectionHeld").length,
    funds: {
      totalFen: sum(funds.map((f) => f.data.amountFen)),
      byKind: { "special-relief": fenOf("special-relief"), condolence: fenOf("condolence"), other: fenOf("other") },
      activities: { "special-relief": activitiesOf("special-relief"), condolence: activitiesOf("condolence"), other: activitiesOf("other") },
    },
    checklist: { items: [...items], completedGroups: groups.filter((g) => g.completed === g.of).length, groups },
  };
};
