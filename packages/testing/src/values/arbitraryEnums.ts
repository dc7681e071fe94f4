import {
  CADRE_ROLES,
  CONTACT_KINDS,
  type CadreRole,
  type ChecklistItem,
  type ContactKind,
  DEFAULT_CHECKLIST,
  FUND_KINDS,
  type FundKind,
  VISIT_PURPOSES,
  VISIT_SETTINGS,
  type VisitPurpose,
  type VisitSetting,
} from "@tenfold/core";
import fc from "fast-check";
import { checkWhole } from "./arbitraryValues.js";

// model


/** Options of an arbitrary of one of a few values: which of them to draw from. */
export interface AmongConstraints<A> {
  /** The values to draw from, non-empty. @defaultValue every value of the type */
  readonly among?: ReadonlyArray<A>;
}

/** Options of {@link arbitraryContactKind}. */
export type ContactKindConstraints = AmongConstraints<ContactKind>;
/** Options of {@link arbitraryChecklistItem}. */
export type ChecklistItemConstraints = AmongConstraints<ChecklistItem>;
/** Options of {@link arbitraryCadreRole}. */
export type CadreRoleConstraints = AmongConstraints<CadreRole>;
/** Options of {@link arbitraryVisitSetting}. */
export type VisitSettingConstraints = AmongConstraints<VisitSetting>;
/** Options of {@link arbitraryVisitPurpose}. */
export type VisitPurposeConstraints = AmongConstraints<VisitPurpose>;
/** Options of {@link arbitraryFundKind}. */
export type FundKindConstraints = AmongConstraints<FundKind>;

/** Options of {@link arbitraryChecklist} and {@link arbitraryVisitPurposes}. */
export interface ListOfConstraints<A> extends AmongConstraints<A> {
  /** Fewest items, from 1. @defaultValue 1 */
  readonly minLength?: number;
  /** Most items. @defaultValue the number of values drawn from */
  readonly maxLength?: number;
}

/** Options of {@link arbitraryChecklist}. */
export type ChecklistConstraints = ListOfConstraints<ChecklistItem>;

// constants


// constructors

const among =
  <A>(all: ReadonlyArray<A>) =>
  ({ among: values = all }: AmongConstraints<A> = {}): fc.Arbitrary<A> => {
    if (values.length === 0) throw new RangeError("among must hold at least one value");
    return fc.constantFrom(...values);
  };

const listOf =
  <A>(all: ReadonlyArray<A>) =>
  ({ among: values = all, minLength = 1, maxLength = values.length }: ListOfConstraints<A> = {}): fc.Arbitrary<ReadonlyArray<A>> => {
    const distinct = [...new Set(values)];
    checkWhole("minLength", minLength, 1, distinct.length);
    checkWhole("maxLength", maxLength, minLength, distinct.length);
    return fc.shuffledSubarray(distinct, { minLength, maxLength });
  };

/** Any {@link ContactKind}. */
export const arbitraryContactKind: (constraints?: ContactKindConstraints) => fc.Arbitrary<ContactKind> = among(CONTACT_KINDS);
/** Any {@link ChecklistItem}. */
export const arbitraryChecklistItem: (constraints?: ChecklistItemConstraints) => fc.Arbitrary<ChecklistItem> = among(DEFAULT_CHECKLIST);
/** Any checklist: a non-empty list of distinct checklist items, in any order. */
export const arbitraryChecklist: (constraints?: ChecklistConstraints) => fc.Arbitrary<ReadonlyArray<ChecklistItem>> = listOf(DEFAULT_CHECKLIST);
/** Any {@link CadreRole}. */
export const arbitraryCadreRole: (constraints?: CadreRoleConstraints) => fc.Arbitrary<CadreRole> = among(CADRE_ROLES);
/** Any {@link VisitSetting}. */
export const arbitraryVisitSetting: (constraints?: VisitSettingConstraints) => fc.Arbitrary<VisitSetting> = among(VISIT_SETTINGS);
/** Any {@link VisitPurpose}. */
export const arbitraryVisitPurpose: (constraints?: VisitPurposeConstraints) => fc.Arbitrary<VisitPurpose> = among(VISIT_PURPOSES);
/** Any list of visit purposes: non-empty, distinct, in any order. */
export const arbitraryVisitPurposes: (constraints?: ListOfConstraints<VisitPurpose>) => fc.Arbitrary<ReadonlyArray<VisitPurpose>> = listOf(VISIT_PURPOSES);
/** Any {@link FundKind}. */
export const arbitraryFundKind: (constraints?: FundKindConstraints) => fc.Arbitrary<FundKind> = among(FUND_KINDS);
