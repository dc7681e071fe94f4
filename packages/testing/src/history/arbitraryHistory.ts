import type { CampaignEvent, ChecklistItem } from "@tenfold/core";
import fc from "fast-check";
import { arbitraryChecklist } from "../values/arbitraryEnums.js";
import { type DayConstraints, type TextConstraints, arbitraryDay, arbitraryId, checkWhole } from "../values/arbitraryValues.js";
import { LAST_DAY, addDays } from "../values/days.js";
import { buildHistory } from "./build.js";
import type { HistoryIdStyle } from "./ids.js";
import { type PlanShape, planArbitrary } from "./plan.js";

// model

/** Options of {@link arbitraryHistory}. */
export interface HistoryConstraints {
  /** The campaign's id. @defaultValue any Id */
  readonly campaignId?: string;
  /** The range of the launch day; set `min` and `max` to the same day to fix it. @defaultValue 2000-01-01 to 2030-12-31 */
  readonly launchedOn?: DayConstraints;
  /** The campaign's checklist. @defaultValue any non-empty list of distinct checklist items */
  readonly checklist?: ReadonlyArray<ChecklistItem>;
  /** true: every history is closed; false: none is; undefined: either. @defaultValue undefined */
  readonly closed?: boolean;
  /** Fewest groups. @defaultValue 0 */
  readonly minGroups?: number;
  /** Most groups. @defaultValue 4 */
  readonly maxGroups?: number;
  /** Most events, launch and closing included; at least 1 + minGroups (+ 1 when `closed`). @defaultValue 100 */
  readonly maxEvents?: number;
  /** How ids look (see {@link HistoryIdStyle}). @defaultValue any of the three styles */
  readonly ids?: ReadonlyArray<HistoryIdStyle>;
  /** Most days between an event and the latest thing it refers to. @defaultValue 30 */
  readonly maxLag?: number;
  /** Free text (names, titles, summaries). @defaultValue `{ maxLength: 20 }` */
  readonly texts?: TextConstraints;
  /** How big lists get, as fast-check's `size`. @defaultValue fast-check's global size */
  readonly size?: fc.SizeForArbitrary;
}

// constructors

const ID_STYLES: ReadonlyArray<HistoryIdStyle> = ["readable", "shared", "tricky"];

/** @internal The arbitrary of histories; `fill` (≥ 1) plans that many times more than the budget keeps. */
export const historyArbitrary = (constraints: HistoryConstraints, fill: number): fc.Arbitrary<ReadonlyArray<CampaignEvent>> => {
  const { campaignId, checklist, closed, ids = ID_STYLES, size, texts = { maxLength: 20 } } = constraints;
  const minGroups = checkWhole("minGroups", constraints.minGroups ?? 0, 0, 100_000);
  const maxGroups = checkWhole("maxGroups", constraints.maxGroups ?? Math.max(4, minGroups), minGroups, 100_000);
  const fixedEvents = 1 + minGroups + (closed === true ? 1 : 0);
  const maxEvents = checkWhole("maxEvents", constraints.maxEvents ?? Math.max(100, fixedEvents), fixedEvents, 10_000_000);
  const maxLag = checkWhole("maxLag", constraints.maxLag ?? 30, 0, 3650);
  const { min = "2000-01-01", max = "2030-12-31" } = constraints.launchedOn ?? {};
  const latestLaunch = addDays(LAST_DAY, -6 * maxLag);
  if (max > latestLaunch) throw new RangeError(`launchedOn.max must leave room for the history: at most ${latestLaunch}, got ${max}`);
  if (checklist !== undefined && (checklist.length === 0 || new Set(checklist).size !== checklist.length)) {
    throw new RangeError("checklist must be non-empty and hold no repeats");
  }
  if (ids.length === 0) throw new RangeError("ids must name at least one style");
  const shape: PlanShape = {
    campaignId: campaignId === undefined ? arbitraryId({ maxLength: 24 }) : fc.constant(campaignId),
    launchedOn: arbitraryDay({ min, max }),
    checklist: checklist === undefined ? arbitraryChecklist() : fc.constant(checklist),
    ids: fc.constantFrom(...ids),
    // When the budget cannot hold a closing besides the launch and the fewest groups, never close.
    closed: closed === undefined && maxEvents < fixedEvents + 1 ? false : closed,
    minGroups,
    maxGroups,
    perGroup: (fill * (maxEvents - 1)) / Math.max(1, maxGroups),
    maxLag,
    texts,
    size,
  };
  return planArbitrary(shape).map((plan) => buildHistory(plan, maxEvents));
};

/**
 * Whole campaign histories that pass every rule of DOMAIN.md: groups; cadres, some on the
 * leadership team (who may join other groups' visits); assignments; visits with cadres and the
 * group's contacts; diaries on a visit or not; problems raised, then resolved or left open;
 * reports; funds; inspections; an optional closing. Business dates obey rule 5, and the recorded
 * order is not sorted by business date (late entries happen). Shrinking drops whole sub-trees
 * (a group with everything in it, a visit with its diaries, …), so every shrunk history is valid.
 * No subject is erased: `arbitraryHistoryWithErasures` adds erasures to these histories.
 * @example
 * test.prop([arbitraryHistory({ closed: true, maxGroups: 2 })])("…", (history) => { … });
 */
export const arbitraryHistory = (constraints: HistoryConstraints = {}): fc.Arbitrary<ReadonlyArray<CampaignEvent>> =>
  historyArbitrary(constraints, 1);
