import { type ChecklistItem, DEFAULT_CHECKLIST } from "../../values/ChecklistItem.js";
import { CONTACT_KINDS, type ContactKind } from "../../values/ContactKind.js";
import type { Day } from "../../values/Day.js";
import { Names, type RecordLayout, StampedRecords, StampedSet } from "../../internal/CompactIndex.js";
import { type Index, type Lineage, newLineage, type Stamped } from "../../internal/GrowOnlyIndex.js";

/** @internal Counters of the statistics, flat. */
export interface Counters {
  readonly groups: number;
  readonly enrolled: number;
  readonly leadershipTeam: number;
  readonly active: number;
  readonly contacts: number;
  readonly contactsByKind: { readonly [K in ContactKind]: number };
  readonly visits: number;
  readonly village: number;
  readonly community: number;
  readonly enterprise: number;
  readonly otherSetting: number;
  readonly peopleMet: number;
  readonly householdSurveys: number;
  readonly condolenceVisits: number;
  readonly diaries: number;
  readonly reports: number;
  readonly raised: number;
  readonly resolved: number;
  readonly inspections: number;
  readonly totalFen: number;
  readonly fenSpecialRelief: number;
  readonly fenCondolence: number;
  readonly fenOther: number;
  readonly activitiesSpecialRelief: number;
  readonly activitiesCondolence: number;
  readonly activitiesOther: number;
}

/**
 * @internal A formed group: its name, and for each checklist item (by {@link CHECKLIST_INDEX})
 * the version at which the group first did it, 0 while it has not. A state of version `v` reads
 * an item as done when that version is 1 to `v`; only the newest state of a lineage writes, and a
 * branch gets copies (see `extendStatistics`), so older states keep seeing what they saw.
 */
export interface GroupEntry {
  readonly name: string;
  readonly done: number[];
}

/** @internal The position of each checklist item in {@link GroupEntry}'s `done`. */
export const CHECKLIST_INDEX = Object.fromEntries(DEFAULT_CHECKLIST.map((item, i) => [item, i])) as { readonly [I in ChecklistItem]: number };

/** @internal Whether a group had done `item` as of version `v`. */
export const isDone = (group: GroupEntry, v: number, item: ChecklistItem): boolean => {
  const since = group.done[CHECKLIST_INDEX[item]] ?? 0;
  return since !== 0 && since <= v;
};

/** @internal A contact as the statistics remember it. */
export type StatisticsContact = Stamped & { readonly groupId: string; readonly kind: ContactKind };
/** @internal A raised problem: the group that raised it. */
export type StatisticsProblem = Stamped & { readonly groupId: string };

/** @internal What the statistics need to remember beyond counters. */
export interface StatisticsIndexes {
  /** Groups in formation order. */
  readonly groups: Index<GroupEntry>;
  readonly contacts: StampedRecords<StatisticsContact>;
  readonly problems: StampedRecords<StatisticsProblem>;
  /** Cadres named as acting (an id and its stamp each). */
  readonly active: StampedSet;
  /** `kind␀activityId` of disbursements. */
  readonly activities: StampedSet;
}

const CONTACT: RecordLayout<StatisticsContact> = {
  width: 2,
  write: (r, out, at, { names }) => {
    out[at] = names.of(r.groupId);
    out[at + 1] = names.of(r.kind);
  },
  read: (row, at, since, { names }) => ({ since, groupId: names.name(row[at] ?? 0), kind: names.name(row[at + 1] ?? 0) as ContactKind }),
};

const PROBLEM: RecordLayout<StatisticsProblem> = {
  width: 1,
  write: (r, out, at, { names }) => void (out[at] = names.of(r.groupId)),
  read: (row, at, since, { names }) => ({ since, groupId: names.name(row[at] ?? 0) }),
};

/** @internal The statistics' empty indexes, compact but for the groups (`CompactIndex.ts`; `smallest`: see `KeyTable`). */
export const emptyStatisticsIndexes = (smallest?: number): StatisticsIndexes => {
  const names = new Names(smallest);
  return {
    groups: new Map(),
    contacts: new StampedRecords(CONTACT, names, smallest),
    problems: new StampedRecords(PROBLEM, names, smallest),
    active: new StampedSet(smallest),
    activities: new StampedSet(smallest),
  };
};

/**
 * State of the CampaignStatistics projection. Immutable to callers: `evolve` returns a new
 * state in O(1) and older states stay valid.
 */
export interface StatisticsState {
  readonly version: number;
  readonly campaign: {
    readonly campaignId: string;
    readonly name: string;
    readonly launchedOn: Day;
    readonly checklist: ReadonlyArray<ChecklistItem>;
  } | null;
  readonly closedOn: Day | null;
  /** @internal */
  readonly counters: Counters;
  /** @internal */
  readonly lineage: Lineage<StatisticsIndexes>;
}

const zeroByKind = Object.fromEntries(CONTACT_KINDS.map((k) => [k, 0])) as { readonly [K in ContactKind]: number };

/** @internal All counters at zero. */
export const zeroCounters: Counters = {
  groups: 0,
  enrolled: 0,
  leadershipTeam: 0,
  active: 0,
  contacts: 0,
  contactsByKind: zeroByKind,
  visits: 0,
  village: 0,
  community: 0,
  enterprise: 0,
  otherSetting: 0,
  peopleMet: 0,
  householdSurveys: 0,
  condolenceVisits: 0,
  diaries: 0,
  reports: 0,
  raised: 0,
  resolved: 0,
  inspections: 0,
  totalFen: 0,
  fenSpecialRelief: 0,
  fenCondolence: 0,
  fenOther: 0,
  activitiesSpecialRelief: 0,
  activitiesCondolence: 0,
  activitiesOther: 0,
};

/** The statistics state before any event. */
export const initialStatisticsState = (): StatisticsState => ({
  version: 0,
  campaign: null,
  closedOn: null,
  counters: zeroCounters,
  lineage: newLineage<StatisticsIndexes>(emptyStatisticsIndexes()),
});
