import type { CampaignEvent } from "../../events/catalog.js";
import { extend, insert, type Lineage, lookup } from "../../internal/GrowOnlyIndex.js";
import { type ChecklistItem, DEFAULT_CHECKLIST } from "../../values/ChecklistItem.js";
import { type Mutable, copyCounters, withOneMore } from "./counters.js";
import { CHECKLIST_INDEX, type Counters, type StatisticsIndexes, type StatisticsState } from "./StatisticsState.js";

/** Marks a checklist item done by a group (a group formed as of `v`; otherwise nothing happens). */
const markDone = (ix: StatisticsIndexes, v: number, groupId: string, item: ChecklistItem): void => {
  const group = lookup(ix.groups, v, groupId);
  const i = CHECKLIST_INDEX[item];
  if (group !== undefined && group.done[i] === 0) group.done[i] = v;
};

/**
 * `extend` for the statistics lineage: a branch (extending an older state) also gets its own
 * copies of the groups' `done` versions, without what the older state cannot see.
 */
const extendStatistics = (lineage: Lineage<StatisticsIndexes>, version: number): Lineage<StatisticsIndexes> => {
  const next = extend(lineage, version);
  if (next !== lineage) {
    for (const [groupId, entry] of next.maps.groups) {
      insert(next.maps.groups, entry.since, groupId, { name: entry.value.name, done: entry.value.done.map((s) => (s <= version ? s : 0)) });
    }
  }
  return next;
};

const SEP = "\u0000";
const NOTHING_DONE: ReadonlyArray<number> = DEFAULT_CHECKLIST.map(() => 0);

/** Counts a visit by its setting (a switch: a computed key would make the store megamorphic). */
const countSetting = (c: Mutable<Counters>, setting: "village" | "community" | "enterprise" | "other"): void => {
  switch (setting) {
    case "village":
      c.village++;
      return;
    case "community":
      c.community++;
      return;
    case "enterprise":
      c.enterprise++;
      return;
    case "other":
      c.otherSetting++;
      return;
  }
};

/** Adds a disbursement to its kind's fen, and counts its activity when new. */
const countFund = (c: Mutable<Counters>, kind: "special-relief" | "condolence" | "other", amountFen: number, newActivity: boolean): void => {
  const more = newActivity ? 1 : 0;
  switch (kind) {
    case "special-relief":
      c.fenSpecialRelief += amountFen;
      c.activitiesSpecialRelief += more;
      return;
    case "condolence":
      c.fenCondolence += amountFen;
      c.activitiesCondolence += more;
      return;
    case "other":
      c.fenOther += amountFen;
      c.activitiesOther += more;
      return;
  }
};

const markActive = (ix: StatisticsIndexes, v: number, c: Mutable<Counters>, cadreIds: ReadonlyArray<string>): void => {
  for (const id of cadreIds) if (ix.active.mark(v, id)) c.active++;
};

const markOneActive = (ix: StatisticsIndexes, v: number, c: Mutable<Counters>, cadreId: string): void => {
  if (ix.active.mark(v, cadreId)) c.active++;
};

const apply = (ix: StatisticsIndexes, v: number, c: Mutable<Counters>, event: CampaignEvent): void => {
  switch (event.type) {
    case "CampaignLaunched":
    case "CampaignClosed":
    case "SubjectErased": // counts in no statistic (DOMAIN.md, personal data)
      return;
    case "GroupFormed":
      c.groups++;
      return insert(ix.groups, v, event.data.groupId, { name: event.data.name, done: [...NOTHING_DONE] });
    case "CadreEnrolled":
      c.enrolled++;
      if (event.data.leadershipTeam) c.leadershipTeam++;
      return;
    case "AssignmentMade": {
      const { contactId, groupId, contactKind } = event.data;
      c.contacts++;
      c.contactsByKind = withOneMore(c.contactsByKind, contactKind);
      return ix.contacts.put(v, contactId, { since: v, groupId, kind: contactKind });
    }
    case "VisitConducted": {
      const { groupId, contactIds, purposes, cadreIds, setting, peopleMet } = event.data;
      c.visits++;
      countSetting(c, setting);
      c.peopleMet += peopleMet;
      if (purposes.includes("household-survey")) {
        c.householdSurveys++;
        markDone(ix, v, groupId, "household-survey");
      }
      if (purposes.includes("condolence")) c.condolenceVisits++;
      for (const contactId of contactIds) {
        const contact = ix.contacts.get(v, contactId);
        if (contact !== undefined && contact.groupId === groupId) markDone(ix, v, groupId, contact.kind);
      }
      return markActive(ix, v, c, cadreIds);
    }
    case "DiaryWritten":
      c.diaries++;
      return markOneActive(ix, v, c, event.data.cadreId);
    case "ReportWritten":
      c.reports++;
      markDone(ix, v, event.data.groupId, "research-report");
      return markActive(ix, v, c, event.data.authorCadreIds);
    case "ProblemRaised":
      c.raised++;
      return ix.problems.put(v, event.data.problemId, { since: v, groupId: event.data.groupId });
    case "ProblemResolved": {
      c.resolved++;
      const groupId = ix.problems.get(v, event.data.problemId)?.groupId;
      if (groupId !== undefined) markDone(ix, v, groupId, "problem-solved");
      return markActive(ix, v, c, event.data.resolvedByCadreIds);
    }
    case "FundDisbursed": {
      const { kind, amountFen, activityId } = event.data;
      c.totalFen += amountFen;
      return countFund(c, kind, amountFen, ix.activities.mark(v, `${kind}${SEP}${activityId}`));
    }
    case "InspectionHeld":
      c.inspections++;
      return markOneActive(ix, v, c, event.data.inspectorCadreId);
  }
};

const launchedCampaign = (event: CampaignEvent, campaign: StatisticsState["campaign"]): StatisticsState["campaign"] =>
  event.type === "CampaignLaunched"
    ? { campaignId: event.data.campaignId, name: event.data.name, launchedOn: event.data.launchedOn, checklist: event.data.checklist }
    : campaign;

/**
 * Folds one event into the statistics. Pure: `state` is left as it was, and older states stay
 * valid. Events are trusted to have passed the rules.
 */
export const evolveStatistics = (state: StatisticsState, event: CampaignEvent): StatisticsState => {
  const lineage = extendStatistics(state.lineage, state.version);
  const version = state.version + 1;
  const counters = copyCounters(state.counters);
  apply(lineage.maps, version, counters, event);
  return {
    version,
    lineage,
    counters,
    campaign: launchedCampaign(event, state.campaign),
    closedOn: event.type === "CampaignClosed" ? event.data.closedOn : state.closedOn,
  };
};

/**
 * @internal Folds many events at once: the same state as folding them one by one with
 * {@link evolveStatistics}, without building the states in between. Pure to its callers: the
 * counters are copied once and changed only while no one else can see them (a transient), and the
 * shared indexes grow by version exactly as `evolveStatistics` grows them.
 */
export const foldStatistics = (state: StatisticsState, events: Iterable<CampaignEvent>): StatisticsState => {
  let { version, lineage, campaign, closedOn } = state;
  let counters: Mutable<Counters> | undefined;
  for (const event of events) {
    lineage = extendStatistics(lineage, version);
    version++;
    counters ??= copyCounters(state.counters);
    apply(lineage.maps, version, counters, event);
    campaign = launchedCampaign(event, campaign);
    if (event.type === "CampaignClosed") closedOn = event.data.closedOn;
  }
  return counters === undefined ? state : { version, lineage, counters, campaign, closedOn };
};
