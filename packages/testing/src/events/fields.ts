import type { EventData, EventType } from "@tenfold/core";

/*
 * What each field of each event's data holds, for generating well-formed events and for breaking
 * them one field at a time. `campaignId` is left out: every event has it.
 */

/** @internal The kind of value a field holds. */
export type FieldKind =
  | "id"
  | "nullableId"
  | "ids"
  | "idsOrEmpty"
  | "text"
  | "day"
  | "count"
  | "fen"
  | "boolean"
  | "contactKind"
  | "role"
  | "setting"
  | "purposes"
  | "fundKind"
  | "checklist"
  | "subject";

type FieldsOf<T extends EventType> = { readonly [K in Exclude<keyof EventData<T>, "campaignId">]-?: FieldKind };

/** @internal The fields of each event type's data besides campaignId, with what they hold (DOMAIN.md's catalog). */
export const EVENT_FIELDS = {
  CampaignLaunched: { name: "text", organizer: "text", launchedOn: "day", checklist: "checklist" },
  GroupFormed: { groupId: "id", name: "text", formedOn: "day" },
  CadreEnrolled: { cadreId: "id", name: "text", groupId: "id", role: "role", leadershipTeam: "boolean", enrolledOn: "day" },
  AssignmentMade: { groupId: "id", contactId: "id", contactKind: "contactKind", contactName: "text", assignedOn: "day" },
  VisitConducted: {
    visitId: "id",
    groupId: "id",
    cadreIds: "ids",
    contactIds: "idsOrEmpty",
    setting: "setting",
    purposes: "purposes",
    peopleMet: "count",
    photos: "count",
    occurredOn: "day",
  },
  DiaryWritten: { diaryId: "id", cadreId: "id", visitId: "nullableId", title: "text", writtenOn: "day" },
  ReportWritten: { reportId: "id", groupId: "id", authorCadreIds: "ids", title: "text", writtenOn: "day" },
  ProblemRaised: { problemId: "id", groupId: "id", contactId: "nullableId", summary: "text", raisedOn: "day" },
  ProblemResolved: { problemId: "id", resolution: "text", resolvedByCadreIds: "ids", resolvedOn: "day" },
  FundDisbursed: {
    disbursementId: "id",
    kind: "fundKind",
    activityId: "id",
    source: "text",
    purpose: "text",
    amountFen: "fen",
    groupId: "nullableId",
    contactId: "nullableId",
    disbursedOn: "day",
  },
  InspectionHeld: { inspectionId: "id", inspectorCadreId: "id", groupId: "id", findings: "text", heldOn: "day" },
  CampaignClosed: { summary: "text", closedOn: "day" },
  SubjectErased: { subject: "subject", requestRef: "text", erasedOn: "day" },
} as const satisfies { readonly [T in EventType]: FieldsOf<T> };

/** @internal The fields of an event type, with what they hold. */
export const fieldsOf = (type: EventType): ReadonlyArray<readonly [string, FieldKind]> => Object.entries(EVENT_FIELDS[type]);
