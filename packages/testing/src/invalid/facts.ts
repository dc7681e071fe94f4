import { type CampaignEvent, type EntityKind, businessDate } from "@tenfold/core";

/*
 * What a valid history holds, for making the one event that breaks a rule: entities with what
 * the rules ask of them (group, leadership team, participants, dates, resolution).
 */

/** @internal A cadre as the rules see it. */
export interface CadreFact {
  readonly id: string;
  readonly groupId: string;
  readonly leadershipTeam: boolean;
  readonly day: string;
}

/** @internal What a history holds. */
export interface Facts {
  readonly campaignId: string;
  readonly launchedOn: string;
  latest: string;
  closed: boolean;
  readonly groups: Map<string, { readonly id: string; readonly day: string }>;
  readonly cadres: Map<string, CadreFact>;
  readonly contacts: Map<string, { readonly id: string; readonly groupId: string; readonly day: string }>;
  readonly visits: Map<string, { readonly id: string; readonly groupId: string; readonly cadreIds: ReadonlyArray<string>; readonly day: string }>;
  readonly problems: Map<string, { readonly id: string; readonly day: string; resolved: boolean }>;
  /** Ids of the other entity kinds (diary, report, disbursement, inspection). */
  readonly others: Map<EntityKind, Set<string>>;
  /** Erased data subjects (`cadre:<id>`, `contact:<id>`), with the day of their erasure. */
  readonly erasures: Map<string, string>;
}

/** @internal Learns one event (valid after what was learnt before). */
export const learn = (facts: Facts, event: CampaignEvent): void => {
  const day = businessDate(event);
  if (day > facts.latest) facts.latest = day;
  const other = (kind: EntityKind, id: string): void => {
    const ids = facts.others.get(kind) ?? new Set<string>();
    facts.others.set(kind, ids.add(id));
  };
  switch (event.type) {
    case "CampaignLaunched":
      return;
    case "CampaignClosed":
      facts.closed = true;
      return;
    case "GroupFormed":
      facts.groups.set(event.data.groupId, { id: event.data.groupId, day });
      return;
    case "CadreEnrolled":
      facts.cadres.set(event.data.cadreId, { id: event.data.cadreId, groupId: event.data.groupId, leadershipTeam: event.data.leadershipTeam, day });
      return;
    case "AssignmentMade":
      facts.contacts.set(event.data.contactId, { id: event.data.contactId, groupId: event.data.groupId, day });
      return;
    case "VisitConducted":
      facts.visits.set(event.data.visitId, { id: event.data.visitId, groupId: event.data.groupId, cadreIds: event.data.cadreIds, day });
      return;
    case "ProblemRaised":
      facts.problems.set(event.data.problemId, { id: event.data.problemId, day, resolved: false });
      return;
    case "ProblemResolved": {
      const problem = facts.problems.get(event.data.problemId);
      if (problem !== undefined) problem.resolved = true;
      return;
    }
    case "DiaryWritten":
      return other("diary", event.data.diaryId);
    case "ReportWritten":
      return other("report", event.data.reportId);
    case "FundDisbursed":
      return other("disbursement", event.data.disbursementId);
    case "InspectionHeld":
      return other("inspection", event.data.inspectionId);
    case "SubjectErased":
      facts.erasures.set(event.data.subject, day);
      return;
  }
};

/** @internal The facts of a launched, valid history. */
export const factsOf = (history: ReadonlyArray<CampaignEvent>): Facts => {
  const launch = history[0];
  if (launch?.type !== "CampaignLaunched") throw new RangeError("a rule break needs a launched history");
  const facts: Facts = {
    campaignId: launch.data.campaignId,
    launchedOn: launch.data.launchedOn,
    latest: launch.data.launchedOn,
    closed: false,
    groups: new Map(),
    cadres: new Map(),
    contacts: new Map(),
    visits: new Map(),
    problems: new Map(),
    others: new Map(),
    erasures: new Map(),
  };
  for (const event of history) learn(facts, event);
  return facts;
};

/** @internal Whether an id of a kind is taken. */
export const isTaken = (facts: Facts, kind: EntityKind, id: string): boolean => {
  switch (kind) {
    case "group":
      return facts.groups.has(id);
    case "cadre":
      return facts.cadres.has(id);
    case "contact":
      return facts.contacts.has(id);
    case "visit":
      return facts.visits.has(id);
    case "problem":
      return facts.problems.has(id);
    case "diary":
    case "report":
    case "disbursement":
    case "inspection":
      return facts.others.get(kind)?.has(id) === true;
  }
};

/** @internal The ids taken in a kind. */
export const takenIds = (facts: Facts, kind: EntityKind): ReadonlyArray<string> => {
  switch (kind) {
    case "group":
      return [...facts.groups.keys()];
    case "cadre":
      return [...facts.cadres.keys()];
    case "contact":
      return [...facts.contacts.keys()];
    case "visit":
      return [...facts.visits.keys()];
    case "problem":
      return [...facts.problems.keys()];
    case "diary":
    case "report":
    case "disbursement":
    case "inspection":
      return [...(facts.others.get(kind) ?? [])];
  }
};
