/**
 * @tenfold/testing/arbitraries — fast-check arbitraries of Tenfold values, events, valid campaign
 * histories (with erasures of personal data, and personal values as markers for canary tests),
 * rule breaks and broken JSON, plus the seeded history generator. Imports fast-check
 * and @tenfold/core only (never vitest), so tools such as the CLI can use it.
 * @packageDocumentation
 */

// values
export {
  type CountConstraints,
  type DayConstraints,
  type FenConstraints,
  type IdConstraints,
  type SubjectConstraints,
  type TextConstraints,
  arbitraryCount,
  arbitraryDay,
  arbitraryFen,
  arbitraryId,
  arbitrarySubject,
  arbitraryText,
} from "./values/arbitraryValues.js";
export {
  type AmongConstraints,
  type CadreRoleConstraints,
  type ChecklistConstraints,
  type ChecklistItemConstraints,
  type ContactKindConstraints,
  type FundKindConstraints,
  type ListOfConstraints,
  type VisitPurposeConstraints,
  type VisitSettingConstraints,
  arbitraryCadreRole,
  arbitraryChecklist,
  arbitraryChecklistItem,
  arbitraryContactKind,
  arbitraryFundKind,
  arbitraryVisitPurpose,
  arbitraryVisitPurposes,
  arbitraryVisitSetting,
} from "./values/arbitraryEnums.js";

// events
export {
  type AssignmentMadeConstraints,
  type CadreEnrolledConstraints,
  type CampaignClosedConstraints,
  type CampaignEventConstraints,
  type CampaignLaunchedConstraints,
  type DiaryWrittenConstraints,
  type EventConstraints,
  type FundDisbursedConstraints,
  type GroupFormedConstraints,
  type InspectionHeldConstraints,
  type ProblemRaisedConstraints,
  type ProblemResolvedConstraints,
  type ReportWrittenConstraints,
  type SubjectErasedConstraints,
  type VisitConductedConstraints,
  arbitraryAssignmentMade,
  arbitraryCadreEnrolled,
  arbitraryCampaignClosed,
  arbitraryCampaignEvent,
  arbitraryCampaignLaunched,
  arbitraryDiaryWritten,
  arbitraryFundDisbursed,
  arbitraryGroupFormed,
  arbitraryInspectionHeld,
  arbitraryProblemRaised,
  arbitraryProblemResolved,
  arbitraryReportWritten,
  arbitrarySubjectErased,
  arbitraryVisitConducted,
} from "./events/arbitraryEvents.js";

// histories
export { type HistoryConstraints, arbitraryHistory } from "./history/arbitraryHistory.js";
export { type HistoryIdStyle, TRICKY_IDS } from "./history/ids.js";
export { type HistoryRejection, checkHistory } from "./history/checkHistory.js";

// erasures and personal data
export {
  type ErasureConstraints,
  type ErasurePlacement,
  type HistoryWithErasuresConstraints,
  arbitraryErasures,
  arbitraryHistoryWithErasures,
} from "./history/arbitraryErasures.js";
export { type MarkedHistory, type PersonalMarker, personalMarker, withPersonalMarkers } from "./history/personalMarkers.js";

// generated histories
export { GENERATE_LIMITS, type GenerateOptions, generateHistory, historyToNdjson, historyToNdjsonLines } from "./history/generate.js";

// invalid inputs
export {
  DOMAIN_ERROR_TAGS,
  type RuleBreak,
  type RuleBreakConstraints,
  type RuleNumber,
  arbitraryRuleBreak,
} from "./invalid/arbitraryRuleBreak.js";
export {
  EVENT_MUTATIONS,
  type EventMutation,
  type InvalidEventJson,
  type InvalidEventJsonConstraints,
  arbitraryInvalidEventJson,
} from "./invalid/arbitraryInvalidEventJson.js";
export {
  type InvalidHistoryLine,
  type InvalidHistoryLineConstraints,
  LINE_MUTATIONS,
  type LineMutation,
  arbitraryInvalidHistoryLine,
} from "./invalid/arbitraryInvalidHistoryLine.js";
