import type { CadreRole, ChecklistItem, ContactKind, Day, FundKind, VisitPurpose, VisitSetting } from "@tenfold/core";
import fc from "fast-check";
import {
  arbitraryCadreRole,
  arbitraryContactKind,
  arbitraryFundKind,
  arbitraryVisitPurposes,
  arbitraryVisitSetting,
} from "../values/arbitraryEnums.js";
import { type TextConstraints, arbitraryText } from "../values/arbitraryValues.js";
import type { HistoryIdStyle } from "./ids.js";

/*
 * A plan is the structure of a history: groups holding their cadres, contacts, visits (holding
 * their diaries), problems (holding their resolution), reports and inspections; funds; a closing.
 * References are indices into what the plan holds, resolved modulo the candidates that exist,
 * so fast-check can drop any sub-tree while shrinking and the plan still maps to a valid history.
 * `lag` is days after the latest thing referred to; `delay` orders recording (late entries).
 */


/** @internal Timing of one planned event. */
export interface Timing {
  readonly lag: number;
  readonly delay: number;
}

/** @internal Planned entities. */
export interface CadrePlan extends Timing { readonly name: string; readonly role: CadreRole; readonly leadershipTeam: boolean }
/** @internal */
export interface ContactPlan extends Timing { readonly name: string; readonly kind: ContactKind }
/** @internal `author` indexes the visit's cadres (on a visit) or the group's eligible cadres (loose). */
export interface DiaryPlan extends Timing { readonly title: string; readonly author: number }
/** @internal */
export interface VisitPlan extends Timing {
  readonly cadres: ReadonlyArray<number>;
  readonly contacts: ReadonlyArray<number>;
  readonly setting: VisitSetting;
  readonly purposes: ReadonlyArray<VisitPurpose>;
  readonly peopleMet: number;
  readonly photos: number;
  readonly diaries: ReadonlyArray<DiaryPlan>;
}
/** @internal */
export interface ResolutionPlan extends Timing { readonly resolution: string; readonly resolvers: ReadonlyArray<number> }
/** @internal */
export interface ProblemPlan extends Timing { readonly summary: string; readonly contact: number | null; readonly resolution: ResolutionPlan | null }
/** @internal */
export interface ReportPlan extends Timing { readonly title: string; readonly authors: ReadonlyArray<number> }
/** @internal */
export interface InspectionPlan extends Timing { readonly findings: string; readonly inspector: number }
/** @internal */
export interface GroupPlan extends Timing {
  readonly name: string;
  readonly cadres: ReadonlyArray<CadrePlan>;
  readonly contacts: ReadonlyArray<ContactPlan>;
  readonly visits: ReadonlyArray<VisitPlan>;
  readonly diaries: ReadonlyArray<DiaryPlan>;
  readonly problems: ReadonlyArray<ProblemPlan>;
  readonly reports: ReadonlyArray<ReportPlan>;
  readonly inspections: ReadonlyArray<InspectionPlan>;
}
/** @internal */
export interface FundPlan extends Timing {
  readonly kind: FundKind;
  readonly activity: number;
  readonly source: string;
  readonly purpose: string;
  readonly amountFen: number;
  readonly group: number | null;
  readonly contact: number | null;
}
/** @internal The whole plan. */
export interface Plan {
  readonly campaignId: string;
  readonly name: string;
  readonly organizer: string;
  readonly launchedOn: Day;
  readonly checklist: ReadonlyArray<ChecklistItem>;
  readonly ids: HistoryIdStyle;
  readonly groups: ReadonlyArray<GroupPlan>;
  readonly funds: ReadonlyArray<FundPlan>;
  readonly close: { readonly summary: string; readonly lag: number } | null;
}

/** @internal What shapes a plan: the parts drawn elsewhere, and bounds. */
export interface PlanShape {
  readonly campaignId: fc.Arbitrary<string>;
  readonly launchedOn: fc.Arbitrary<Day>;
  readonly checklist: fc.Arbitrary<ReadonlyArray<ChecklistItem>>;
  readonly ids: fc.Arbitrary<HistoryIdStyle>;
  /** true: always closed; false: never; undefined: either. */
  readonly closed: boolean | undefined;
  readonly minGroups: number;
  readonly maxGroups: number;
  /** Events a group's lists may plan, roughly; the budget trims the rest. */
  readonly perGroup: number;
  readonly maxLag: number;
  readonly texts: TextConstraints;
  readonly size: fc.SizeForArbitrary;
}

const MAX_DELAY = 12;

const closing = <A>(closed: boolean | undefined, arb: fc.Arbitrary<A>): fc.Arbitrary<A | null> =>
  closed === undefined ? fc.option(arb, { nil: null, freq: 2 }) : closed ? arb : fc.constant(null);

/** @internal The arbitrary of plans of a shape. */
export const planArbitrary = (shape: PlanShape): fc.Arbitrary<Plan> => {
  const { size, perGroup } = shape;
  const text = arbitraryText(shape.texts);
  const timing = { lag: fc.nat({ max: shape.maxLag }), delay: fc.nat({ max: MAX_DELAY }) };
  const upTo = (share: number): number => Math.max(1, Math.ceil(perGroup * share));
  const list = <A>(arb: fc.Arbitrary<A>, share: number, minLength = 0): fc.Arbitrary<A[]> =>
    fc.array(arb, { minLength, maxLength: Math.max(minLength, upTo(share)), size });
  const refs = (minLength: number): fc.Arbitrary<number[]> => fc.array(fc.nat(), { minLength, maxLength: 4, size });
  const ref = fc.nat();
  const diary = fc.record({ ...timing, title: text, author: ref });
  const group = fc.record({
    ...timing,
    name: text,
    cadres: list(fc.record({ ...timing, name: text, role: arbitraryCadreRole(), leadershipTeam: fc.boolean() }), 0.1),
    contacts: list(fc.record({ ...timing, name: text, kind: arbitraryContactKind() }), 0.1),
    visits: list(
      fc.record({
        ...timing,
        cadres: refs(1),
        contacts: refs(0),
        setting: arbitraryVisitSetting(),
        purposes: arbitraryVisitPurposes(),
        peopleMet: fc.nat({ max: 300 }),
        photos: fc.nat({ max: 40 }),
        diaries: fc.array(diary, { maxLength: 3, size }),
      }),
      0.15,
    ),
    diaries: list(diary, 0.08),
    problems: list(
      fc.record({
        ...timing,
        summary: text,
        contact: fc.option(ref, { nil: null }),
        resolution: fc.option(fc.record({ ...timing, resolution: text, resolvers: refs(1) }), { nil: null, freq: 2 }),
      }),
      0.1,
    ),
    reports: list(fc.record({ ...timing, title: text, authors: refs(1) }), 0.04),
    inspections: list(fc.record({ ...timing, findings: text, inspector: ref }), 0.04),
  });
  const fund = fc.record({
    ...timing,
    kind: arbitraryFundKind(),
    activity: fc.nat({ max: 3 }),
    source: text,
    purpose: text,
    amountFen: fc.integer({ min: 1, max: 100_000_000 }),
    group: fc.option(ref, { nil: null }),
    contact: fc.option(ref, { nil: null }),
  });
  return fc.record({
    campaignId: shape.campaignId,
    name: text,
    organizer: text,
    launchedOn: shape.launchedOn,
    checklist: shape.checklist,
    ids: shape.ids,
    groups: fc.array(group, { minLength: shape.minGroups, maxLength: shape.maxGroups, size }),
    funds: fc.array(fund, { maxLength: Math.max(1, Math.ceil(perGroup * Math.max(1, shape.maxGroups) * 0.05)), size }),
    close: closing(shape.closed, fc.record({ summary: text, lag: fc.nat({ max: shape.maxLag }) })),
  });
};
