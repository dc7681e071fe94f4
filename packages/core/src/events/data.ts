import * as t from "io-ts";
import { ChecklistItem } from "../values/ChecklistItem.js";
import { ContactKind } from "../values/ContactKind.js";
import { Count } from "../values/Count.js";
import { Day } from "../values/Day.js";
import { Fen } from "../values/Fen.js";
import { Id } from "../values/Id.js";
import { Subject } from "../values/Subject.js";
import { Text } from "../values/Text.js";
import { closed, listOf, nullable } from "../values/collections.js";
import { oneOf } from "../values/oneOf.js";

/*
 * The data of each event of the catalog, exactly as DOMAIN.md gives it. Every record is closed:
 * a field the catalog does not name is refused.
 */

/** Data of CampaignLaunched. */
export const CampaignLaunchedData = closed("CampaignLaunched", {
  campaignId: Id,
  name: Text,
  organizer: Text,
  launchedOn: Day,
  checklist: listOf(ChecklistItem, { nonEmpty: true, unique: true }),
});

/** Data of GroupFormed. */
export const GroupFormedData = closed("GroupFormed", {
  campaignId: Id,
  groupId: Id,
  name: Text,
  formedOn: Day,
});

/** Every role a cadre can have within a group. */
export const CADRE_ROLES = ["leader", "member"] as const;

/** Codec of {@link CadreRole}. */
export const CadreRole = oneOf("CadreRole", CADRE_ROLES);

/** Role of a cadre within a group. */
export type CadreRole = t.TypeOf<typeof CadreRole>;

/** Data of CadreEnrolled. */
export const CadreEnrolledData = closed("CadreEnrolled", {
  campaignId: Id,
  cadreId: Id,
  name: Text,
  groupId: Id,
  role: CadreRole,
  leadershipTeam: t.boolean,
  enrolledOn: Day,
});

/** Data of AssignmentMade. */
export const AssignmentMadeData = closed("AssignmentMade", {
  campaignId: Id,
  groupId: Id,
  contactId: Id,
  contactKind: ContactKind,
  contactName: Text,
  assignedOn: Day,
});

/** Every setting a visit can take place in. */
export const VISIT_SETTINGS = ["village", "community", "enterprise", "other"] as const;

/** Codec of {@link VisitSetting}. */
export const VisitSetting = oneOf("VisitSetting", VISIT_SETTINGS);

/** Where a visit took place. */
export type VisitSetting = t.TypeOf<typeof VisitSetting>;

/** Every purpose a visit can have. */
export const VISIT_PURPOSES = ["talk", "condolence", "household-survey", "investigation", "community-activity"] as const;

/** Codec of {@link VisitPurpose}. */
export const VisitPurpose = oneOf("VisitPurpose", VISIT_PURPOSES);

/** What a visit was for. */
export type VisitPurpose = t.TypeOf<typeof VisitPurpose>;

/** Data of VisitConducted. */
export const VisitConductedData = closed("VisitConducted", {
  campaignId: Id,
  visitId: Id,
  groupId: Id,
  cadreIds: listOf(Id, { nonEmpty: true, unique: true }),
  contactIds: listOf(Id, { unique: true }),
  setting: VisitSetting,
  purposes: listOf(VisitPurpose, { nonEmpty: true, unique: true }),
  peopleMet: Count,
  photos: Count,
  occurredOn: Day,
});

/** Data of DiaryWritten. */
export const DiaryWrittenData = closed("DiaryWritten", {
  campaignId: Id,
  diaryId: Id,
  cadreId: Id,
  visitId: nullable(Id),
  title: Text,
  writtenOn: Day,
});

/** Data of ReportWritten. */
export const ReportWrittenData = closed("ReportWritten", {
  campaignId: Id,
  reportId: Id,
  groupId: Id,
  authorCadreIds: listOf(Id, { nonEmpty: true, unique: true }),
  title: Text,
  writtenOn: Day,
});

/** Data of ProblemRaised. */
export const ProblemRaisedData = closed("ProblemRaised", {
  campaignId: Id,
  problemId: Id,
  groupId: Id,
  contactId: nullable(Id),
  summary: Text,
  raisedOn: Day,
});

/** Data of ProblemResolved. */
export const ProblemResolvedData = closed("ProblemResolved", {
  campaignId: Id,
  problemId: Id,
  resolution: Text,
  resolvedByCadreIds: listOf(Id, { nonEmpty: true, unique: true }),
  resolvedOn: Day,
});

/** Every kind of disbursement of funds. */
export const FUND_KINDS = ["special-relief", "condolence", "other"] as const;

/** Codec of {@link FundKind}. */
export const FundKind = oneOf("FundKind", FUND_KINDS);

/** Kind of a disbursement of funds. */
export type FundKind = t.TypeOf<typeof FundKind>;

/** Data of FundDisbursed. */
export const FundDisbursedData = closed("FundDisbursed", {
  campaignId: Id,
  disbursementId: Id,
  kind: FundKind,
  activityId: Id,
  source: Text,
  purpose: Text,
  amountFen: Fen,
  groupId: nullable(Id),
  contactId: nullable(Id),
  disbursedOn: Day,
});

/** Data of InspectionHeld. */
export const InspectionHeldData = closed("InspectionHeld", {
  campaignId: Id,
  inspectionId: Id,
  inspectorCadreId: Id,
  groupId: Id,
  findings: Text,
  heldOn: Day,
});

/** Data of CampaignClosed. */
export const CampaignClosedData = closed("CampaignClosed", {
  campaignId: Id,
  summary: Text,
  closedOn: Day,
});

/** Data of SubjectErased: a data subject's personal data erased on request (DOMAIN.md, personal data). */
export const SubjectErasedData = closed("SubjectErased", {
  campaignId: Id,
  subject: Subject,
  requestRef: Text,
  erasedOn: Day,
});
