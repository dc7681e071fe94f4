import { CONTACT_KINDS, type CampaignEvent, type CampaignStatistics, type ChecklistItem, type ContactKind, type Day } from "@tenfold/core";

/*
 * S4's natural limit: the statistics of DOMAIN.md as a hand-written mutable fold, one pass,
 * counters in local variables, Maps and Sets mutated in place. It computes exactly what
 * `computeStatistics` does (a test compares them); it is not pure and keeps no older states.
 */

type FundKind = "special-relief" | "condolence" | "other";

/** The statistics of a launched campaign's events, by mutation; undefined before a launch. */
export const mutableStatistics = (events: Iterable<CampaignEvent>): CampaignStatistics | undefined => {
  let campaign: { campaignId: string; name: string; launchedOn: Day; checklist: ReadonlyArray<ChecklistItem> } | undefined;
  let closedOn: Day | null = null;
  let enrolled = 0, leadershipTeam = 0, visits = 0, peopleMet = 0, householdSurveys = 0, condolenceVisits = 0;
  let diaries = 0, reports = 0, raised = 0, resolved = 0, inspections = 0, totalFen = 0;
  const byKind = new Map<ContactKind, number>(CONTACT_KINDS.map((k) => [k, 0]));
  const bySetting = { village: 0, community: 0, enterprise: 0, other: 0 };
  const fen = { "special-relief": 0, condolence: 0, other: 0 };
  const activities = { "special-relief": new Set<string>(), condolence: new Set<string>(), other: new Set<string>() };
  const groups = new Map<string, { name: string; done: Set<string> }>();
  const contacts = new Map<string, { groupId: string; kind: ContactKind }>();
  const problemGroup = new Map<string, string>();
  const active = new Set<string>();
  const doneBy = (groupId: string, item: string): void => void groups.get(groupId)?.done.add(item);
  for (const event of events) {
    switch (event.type) {
      case "CampaignLaunched": {
        const { campaignId, name, launchedOn, checklist } = event.data;
        campaign = { campaignId, name, launchedOn, checklist };
        break;
      }
      case "CampaignClosed":
        closedOn = event.data.closedOn;
        break;
      case "SubjectErased": // counts in no statistic
        break;
      case "GroupFormed":
        groups.set(event.data.groupId, { name: event.data.name, done: new Set() });
        break;
      case "CadreEnrolled":
        enrolled++;
        if (event.data.leadershipTeam) leadershipTeam++;
        break;
      case "AssignmentMade":
        byKind.set(event.data.contactKind, (byKind.get(event.data.contactKind) ?? 0) + 1);
        contacts.set(event.data.contactId, { groupId: event.data.groupId, kind: event.data.contactKind });
        break;
      case "VisitConducted": {
        const { groupId, purposes } = event.data;
        visits++;
        bySetting[event.data.setting]++;
        peopleMet += event.data.peopleMet;
        if (purposes.includes("household-survey")) {
          householdSurveys++;
          doneBy(groupId, "household-survey");
        }
        if (purposes.includes("condolence")) condolenceVisits++;
        for (const id of event.data.contactIds) {
          const contact = contacts.get(id);
          if (contact?.groupId === groupId) doneBy(groupId, contact.kind);
        }
        for (const id of event.data.cadreIds) active.add(id);
        break;
      }
      case "DiaryWritten":
        diaries++;
        active.add(event.data.cadreId);
        break;
      case "ReportWritten":
        reports++;
        doneBy(event.data.groupId, "research-report");
        for (const id of event.data.authorCadreIds) active.add(id);
        break;
      case "ProblemRaised":
        raised++;
        problemGroup.set(event.data.problemId, event.data.groupId);
        break;
      case "ProblemResolved": {
        resolved++;
        const groupId = problemGroup.get(event.data.problemId);
        if (groupId !== undefined) doneBy(groupId, "problem-solved");
        for (const id of event.data.resolvedByCadreIds) active.add(id);
        break;
      }
      case "FundDisbursed": {
        const kind: FundKind = event.data.kind;
        totalFen += event.data.amountFen;
        fen[kind] += event.data.amountFen;
        activities[kind].add(event.data.activityId);
        break;
      }
      case "InspectionHeld":
        inspections++;
        active.add(event.data.inspectorCadreId);
        break;
    }
  }
  if (campaign === undefined) return undefined;
  const items = campaign.checklist;
  const checklistGroups = [...groups].map(([groupId, { name, done }]) => {
    const doneItems = items.filter((item) => done.has(item));
    return { groupId, name, done: doneItems, completed: doneItems.length, of: items.length };
  });
  return {
    campaignId: campaign.campaignId,
    name: campaign.name,
    launchedOn: campaign.launchedOn,
    closedOn,
    groups: groups.size,
    cadres: { enrolled, leadershipTeam, active: active.size },
    contacts: { total: contacts.size, byKind: Object.fromEntries(byKind) as CampaignStatistics["contacts"]["byKind"] },
    visits: { total: visits, bySetting, peopleMet, householdSurveys, condolenceVisits },
    diaries,
    reports,
    problems: { raised, resolved, open: raised - resolved },
    inspections,
    funds: {
      totalFen,
      byKind: fen,
      activities: { "special-relief": activities["special-relief"].size, condolence: activities.condolence.size, other: activities.other.size },
    },
    checklist: { items: [...items], completedGroups: checklistGroups.filter((g) => g.completed === g.of).length, groups: checklistGroups },
  };
};
