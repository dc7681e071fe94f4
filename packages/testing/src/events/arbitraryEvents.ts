import {
  type AssignmentMade,
  type CadreEnrolled,
  type CampaignClosed,
  type CampaignEvent,
  type CampaignLaunched,
  type DiaryWritten,
  EVENT_TYPES,
  type EventInput,
  type EventOf,
  type EventType,
  type FundDisbursed,
  type GroupFormed,
  type InspectionHeld,
  type ProblemRaised,
  type ProblemResolved,
  type ReportWritten,
  type VisitConducted,
} from "@tenfold/core";
import fc from "fast-check";
import {
  arbitraryCadreRole,
  arbitraryChecklist,
  arbitraryContactKind,
  arbitraryFundKind,
  arbitraryVisitPurposes,
  arbitraryVisitSetting,
} from "../values/arbitraryEnums.js";
import { type DayConstraints, arbitraryCount, arbitraryDay, arbitraryFen, arbitraryId, arbitrarySubject, arbitraryText } from "../values/arbitraryValues.js";
import { type FieldKind, fieldsOf } from "./fields.js";

// model

/** Options of an arbitrary of single events of type `T` (well-formed by the codecs; history rules are not considered). */
export interface EventConstraints<T extends EventType> {
  /** The events' campaign. @defaultValue any Id */
  readonly campaignId?: string;
  /** The range of every date field. @defaultValue arbitraryDay()'s: 0001-01-01 to 9999-12-31 */
  readonly days?: DayConstraints;
  /** Fields fixed to the given values (plain strings and numbers); the others are drawn. @defaultValue none */
  readonly data?: Partial<EventInput<T>["data"]>;
}

/** Options of {@link arbitraryCampaignLaunched}. */
export type CampaignLaunchedConstraints = EventConstraints<"CampaignLaunched">;
/** Options of {@link arbitraryGroupFormed}. */
export type GroupFormedConstraints = EventConstraints<"GroupFormed">;
/** Options of {@link arbitraryCadreEnrolled}. */
export type CadreEnrolledConstraints = EventConstraints<"CadreEnrolled">;
/** Options of {@link arbitraryAssignmentMade}. */
export type AssignmentMadeConstraints = EventConstraints<"AssignmentMade">;
/** Options of {@link arbitraryVisitConducted}. */
export type VisitConductedConstraints = EventConstraints<"VisitConducted">;
/** Options of {@link arbitraryDiaryWritten}. */
export type DiaryWrittenConstraints = EventConstraints<"DiaryWritten">;
/** Options of {@link arbitraryReportWritten}. */
export type ReportWrittenConstraints = EventConstraints<"ReportWritten">;
/** Options of {@link arbitraryProblemRaised}. */
export type ProblemRaisedConstraints = EventConstraints<"ProblemRaised">;
/** Options of {@link arbitraryProblemResolved}. */
export type ProblemResolvedConstraints = EventConstraints<"ProblemResolved">;
/** Options of {@link arbitraryFundDisbursed}. */
export type FundDisbursedConstraints = EventConstraints<"FundDisbursed">;
/** Options of {@link arbitraryInspectionHeld}. */
export type InspectionHeldConstraints = EventConstraints<"InspectionHeld">;
/** Options of {@link arbitraryCampaignClosed}. */
export type CampaignClosedConstraints = EventConstraints<"CampaignClosed">;
/** Options of {@link arbitrarySubjectErased}. */
export type SubjectErasedConstraints = EventConstraints<"SubjectErased">;

/** Options of {@link arbitraryCampaignEvent}. */
export interface CampaignEventConstraints {
  /** The event types to draw from. @defaultValue every type of the catalog */
  readonly types?: ReadonlyArray<EventType>;
  /** The events' campaign. @defaultValue any Id */
  readonly campaignId?: string;
  /** The range of every date field. @defaultValue 0001-01-01 to 9999-12-31 */
  readonly days?: DayConstraints;
}

// constructors

const SMALL_LIST = 5;

/** @internal An arbitrary of the values a field of this kind holds. */
export const fieldArbitrary = (kind: FieldKind, days: DayConstraints = {}): fc.Arbitrary<unknown> => {
  switch (kind) {
    case "id":
      return arbitraryId();
    case "nullableId":
      return fc.option(arbitraryId(), { nil: null });
    case "ids":
      return fc.uniqueArray(arbitraryId(), { minLength: 1, maxLength: SMALL_LIST });
    case "idsOrEmpty":
      return fc.uniqueArray(arbitraryId(), { maxLength: SMALL_LIST });
    case "text":
      return arbitraryText();
    case "day":
      return arbitraryDay(days);
    case "count":
      return arbitraryCount();
    case "fen":
      return arbitraryFen();
    case "boolean":
      return fc.boolean();
    case "contactKind":
      return arbitraryContactKind();
    case "role":
      return arbitraryCadreRole();
    case "setting":
      return arbitraryVisitSetting();
    case "purposes":
      return arbitraryVisitPurposes();
    case "fundKind":
      return arbitraryFundKind();
    case "checklist":
      return arbitraryChecklist();
    case "subject":
      return arbitrarySubject();
  }
};

const eventArbitrary =
  <T extends EventType>(type: T) =>
  ({ campaignId, days, data = {} }: EventConstraints<T> = {}): fc.Arbitrary<EventOf<T>> => {
    const fixed: Readonly<Record<string, unknown>> = data;
    const fields: Record<string, fc.Arbitrary<unknown>> = { campaignId: campaignId === undefined ? arbitraryId() : fc.constant(campaignId) };
    for (const [name, kind] of fieldsOf(type)) fields[name] = name in fixed ? fc.constant(fixed[name]) : fieldArbitrary(kind, days);
    return fc.record(fields).map((d) => ({ type, data: d }) as unknown as EventOf<T>);
  };

/** Any well-formed CampaignLaunched. */
export const arbitraryCampaignLaunched: (c?: CampaignLaunchedConstraints) => fc.Arbitrary<CampaignLaunched> = eventArbitrary("CampaignLaunched");
/** Any well-formed GroupFormed. */
export const arbitraryGroupFormed: (c?: GroupFormedConstraints) => fc.Arbitrary<GroupFormed> = eventArbitrary("GroupFormed");
/** Any well-formed CadreEnrolled. */
export const arbitraryCadreEnrolled: (c?: CadreEnrolledConstraints) => fc.Arbitrary<CadreEnrolled> = eventArbitrary("CadreEnrolled");
/** Any well-formed AssignmentMade. */
export const arbitraryAssignmentMade: (c?: AssignmentMadeConstraints) => fc.Arbitrary<AssignmentMade> = eventArbitrary("AssignmentMade");
/** Any well-formed VisitConducted. */
export const arbitraryVisitConducted: (c?: VisitConductedConstraints) => fc.Arbitrary<VisitConducted> = eventArbitrary("VisitConducted");
/** Any well-formed DiaryWritten. */
export const arbitraryDiaryWritten: (c?: DiaryWrittenConstraints) => fc.Arbitrary<DiaryWritten> = eventArbitrary("DiaryWritten");
/** Any well-formed ReportWritten. */
export const arbitraryReportWritten: (c?: ReportWrittenConstraints) => fc.Arbitrary<ReportWritten> = eventArbitrary("ReportWritten");
/** Any well-formed ProblemRaised. */
export const arbitraryProblemRaised: (c?: ProblemRaisedConstraints) => fc.Arbitrary<ProblemRaised> = eventArbitrary("ProblemRaised");
/** Any well-formed ProblemResolved. */
export const arbitraryProblemResolved: (c?: ProblemResolvedConstraints) => fc.Arbitrary<ProblemResolved> = eventArbitrary("ProblemResolved");
/** Any well-formed FundDisbursed. */
export const arbitraryFundDisbursed: (c?: FundDisbursedConstraints) => fc.Arbitrary<FundDisbursed> = eventArbitrary("FundDisbursed");
/** Any well-formed InspectionHeld. */
export const arbitraryInspectionHeld: (c?: InspectionHeldConstraints) => fc.Arbitrary<InspectionHeld> = eventArbitrary("InspectionHeld");
/** Any well-formed CampaignClosed. */
export const arbitraryCampaignClosed: (c?: CampaignClosedConstraints) => fc.Arbitrary<CampaignClosed> = eventArbitrary("CampaignClosed");
/** Any well-formed SubjectErased (whether its subject exists is a history rule, not considered here). */
export const arbitrarySubjectErased: (c?: SubjectErasedConstraints) => fc.Arbitrary<EventOf<"SubjectErased">> = eventArbitrary("SubjectErased");

/** Any well-formed event of the catalog, of the given types (history rules are not considered). */
export const arbitraryCampaignEvent = ({ types = EVENT_TYPES, campaignId, days }: CampaignEventConstraints = {}): fc.Arbitrary<CampaignEvent> => {
  if (types.length === 0) throw new RangeError("types must name at least one event type");
  const options = campaignId === undefined ? { days } : { campaignId, days };
  return fc.oneof(...types.map((type) => eventArbitrary(type)(options) as fc.Arbitrary<CampaignEvent>));
};
