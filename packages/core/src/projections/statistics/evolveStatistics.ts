import type { CampaignEvent } from "../../events/catalog.js";
import { extend, has, type Index, insert, lookup } from "../../internal/GrowOnlyIndex.js";
import type { Counters, StatisticsIndexes, StatisticsState } from "./StatisticsState.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Adds `key` unless present; says whether it was new. */
const mark = (index: Index<true>, v: number, key: string): boolean => {
  if (has(index, v, key)) return false;
  insert(index, v, key, true);
  return true;
};

const SEP = "\u0000";

const FEN_KEY = { "special-relief": "fenSpecialRelief", condolence: "fenCondolence", other: "fenOther" } as const;
const ACTIVITY_KEY = {
  "special-relief": "activitiesSpecialRelief",
  condolence: "activitiesCondolence",
  other: "activitiesOther",
} as const;
const SETTING_KEY = { village: "village", community: "community", enterprise: "enterprise", other: "otherSetting" } as const;

const markActive = (ix: StatisticsIndexes, v: number, c: Mutable<Counters>, cadreIds: ReadonlyArray<string>): void => {
  for (const id of cadreIds) if (mark(ix.active, v, id)) c.active++;
};

const apply = (ix: StatisticsIndexes, v: number, c: Mutable<Counters>, event: CampaignEvent): void => {
  switch (event.type) {
    case "CampaignLaunched":
    case "CampaignClosed":
      return;
    case "GroupFormed":
      c.groups++;
      return insert(ix.groups, v, event.data.groupId, { name: event.data.name });
    case "CadreEnrolled":
      c.enrolled++;
      if (event.data.leadershipTeam) c.leadershipTeam++;
      return;
    case "AssignmentMade": {
      const { contactId, groupId, contactKind } = event.data;
      c.contacts++;
      c.contactsByKind = { ...c.contactsByKind, [contactKind]: c.contactsByKind[contactKind] + 1 };
      return insert(ix.contacts, v, contactId, { groupId, kind: contactKind });
    }
    case "VisitConducted": {
      const { groupId, contactIds, purposes, cadreIds, setting, peopleMet } = event.data;
      c.visits++;
      c[SETTING_KEY[setting]]++;
      c.peopleMet += peopleMet;
      if (purposes.includes("household-survey")) {
        c.householdSurveys++;
        mark(ix.done, v, `${groupId}${SEP}household-survey`);
      }
      if (purposes.includes("condolence")) c.condolenceVisits++;
      for (const contactId of contactIds) {
        const contact = lookup(ix.contacts, v, contactId);
        if (contact !== undefined && contact.groupId === groupId) mark(ix.done, v, `${groupId}${SEP}${contact.kind}`);
      }
      return markActive(ix, v, c, cadreIds);
    }
    case "DiaryWritten":
      c.diaries++;
      return markActive(ix, v, c, [event.data.cadreId]);
    case "ReportWritten":
      c.reports++;
      mark(ix.done, v, `${event.data.groupId}${SEP}research-report`);
      return markActive(ix, v, c, event.data.authorCadreIds);
    case "ProblemRaised":
      c.raised++;
      return insert(ix.problems, v, event.data.problemId, event.data.groupId);
    case "ProblemResolved": {
      c.resolved++;
      const groupId = lookup(ix.problems, v, event.data.problemId);
      if (groupId !== undefined) mark(ix.done, v, `${groupId}${SEP}problem-solved`);
      return markActive(ix, v, c, event.data.resolvedByCadreIds);
    }
    case "FundDisbursed": {
      const { kind, amountFen, activityId } = event.data;
      c.totalFen += amountFen;
      c[FEN_KEY[kind]] += amountFen;
      if (mark(ix.activities, v, `${kind}${SEP}${activityId}`)) c[ACTIVITY_KEY[kind]]++;
      return;
    }
    case "InspectionHeld":
      c.inspections++;
      return markActive(ix, v, c, [event.data.inspectorCadreId]);
  }
};

/** @internal Separator of composite keys in the statistics indexes. */
export const KEY_SEPARATOR = SEP;

/**
 * Folds one event into the statistics. Pure: `state` is left as it was, and older states stay
 * valid. Events are trusted to have passed the rules.
 */
export const evolveStatistics = (state: StatisticsState, event: CampaignEvent): StatisticsState => {
  const lineage = extend(state.lineage, state.version);
  const version = state.version + 1;
  const counters: Mutable<Counters> = { ...state.counters };
  apply(lineage.maps, version, counters, event);
  return {
    version,
    lineage,
    counters,
    campaign:
      event.type === "CampaignLaunched"
        ? {
            campaignId: event.data.campaignId,
            name: event.data.name,
            launchedOn: event.data.launchedOn,
            checklist: event.data.checklist,
          }
        : state.campaign,
    closedOn: event.type === "CampaignClosed" ? event.data.closedOn : state.closedOn,
  };
};
