import type { EventType } from "../events/catalog.js";

// model

/** The kinds of entity whose ids are unique within a campaign (DOMAIN.md rule 2). */
export type EntityKind =
  | "group"
  | "cadre"
  | "contact"
  | "visit"
  | "diary"
  | "report"
  | "problem"
  | "disbursement"
  | "inspection";

/**
 * Why a command was refused: one case per rule of DOMAIN.md, each carrying the ids and days
 * involved as plain strings (so an expected error is a plain literal). Refused commands record
 * nothing.
 */
export type DomainError =
  | { readonly _tag: "CampaignNotLaunched"; readonly campaignId: string; readonly eventType: EventType }
  | { readonly _tag: "CampaignAlreadyLaunched"; readonly campaignId: string }
  | { readonly _tag: "CampaignAlreadyClosed"; readonly campaignId: string; readonly closedOn: string }
  | { readonly _tag: "CampaignMismatch"; readonly campaignId: string; readonly commandCampaignId: string }
  | { readonly _tag: "DuplicateId"; readonly entity: EntityKind; readonly id: string }
  | { readonly _tag: "GroupNotFound"; readonly groupId: string }
  | { readonly _tag: "CadreNotEnrolled"; readonly cadreId: string }
  | { readonly _tag: "CadreNotInGroup"; readonly cadreId: string; readonly groupId: string }
  | { readonly _tag: "ContactNotAssigned"; readonly contactId: string; readonly groupId: string | null }
  | { readonly _tag: "VisitNotFound"; readonly visitId: string }
  | { readonly _tag: "CadreNotOnVisit"; readonly cadreId: string; readonly visitId: string }
  | { readonly _tag: "ProblemNotFound"; readonly problemId: string }
  | { readonly _tag: "ProblemAlreadyResolved"; readonly problemId: string }
  | { readonly _tag: "InspectorNotOnLeadershipTeam"; readonly cadreId: string }
  | { readonly _tag: "DateBeforeLaunch"; readonly date: string; readonly launchedOn: string }
  | { readonly _tag: "ClosedBeforeRecordedDate"; readonly closedOn: string; readonly latestDate: string }
  | { readonly _tag: "SubjectAlreadyErased"; readonly subject: string; readonly erasedOn: string }
  | { readonly _tag: "PersonalDataOfErasedSubject"; readonly subject: string; readonly field: string; readonly erasedOn: string }
  | {
      readonly _tag: "DateBeforeReference";
      readonly date: string;
      readonly entity: EntityKind;
      readonly id: string;
      readonly referenceDate: string;
    };

/** The tag of a {@link DomainError}. */
export type DomainErrorTag = DomainError["_tag"];

/** The {@link DomainError} case of a tag. */
export type DomainErrorOf<T extends DomainErrorTag> = Extract<DomainError, { readonly _tag: T }>;

/**
 * The number of the DOMAIN.md rule each error enforces: 1–5 as numbered there, 6 for the rules of
 * "Personal data and erasure" (a subject is erased once; no personal value of an erased subject).
 */
export const RULE_OF: { readonly [T in DomainErrorTag]: 1 | 2 | 3 | 4 | 5 | 6 } = {
  CampaignNotLaunched: 1,
  CampaignAlreadyLaunched: 1,
  CampaignAlreadyClosed: 1,
  CampaignMismatch: 1,
  DuplicateId: 2,
  GroupNotFound: 3,
  CadreNotEnrolled: 4,
  CadreNotInGroup: 4,
  ContactNotAssigned: 4,
  VisitNotFound: 4,
  CadreNotOnVisit: 4,
  ProblemNotFound: 4,
  ProblemAlreadyResolved: 4,
  InspectorNotOnLeadershipTeam: 4,
  DateBeforeLaunch: 5,
  ClosedBeforeRecordedDate: 5,
  DateBeforeReference: 5,
  SubjectAlreadyErased: 6,
  PersonalDataOfErasedSubject: 6,
};

// constructors

/** Builds a {@link DomainError} from its tag and fields. */
export const domainError = <T extends DomainErrorTag>(
  tag: T,
  fields: Omit<DomainErrorOf<T>, "_tag">,
): DomainError => ({ _tag: tag, ...fields }) as unknown as DomainError;

// combinators

/** Exhaustive case analysis over {@link DomainError}. */
export const matchDomainError =
  <R>(cases: { readonly [T in DomainErrorTag]: (error: DomainErrorOf<T>) => R }) =>
  (error: DomainError): R =>
    (cases[error._tag] as (e: DomainError) => R)(error);

// utils

/** A sentence a person reads, naming the ids involved. */
export const describeDomainError: (error: DomainError) => string = matchDomainError({
  CampaignNotLaunched: (e) => `campaign "${e.campaignId}" is not launched: its first event must be CampaignLaunched, not ${e.eventType}`,
  CampaignAlreadyLaunched: (e) => `campaign "${e.campaignId}" is already launched`,
  CampaignAlreadyClosed: (e) => `campaign "${e.campaignId}" was closed on ${e.closedOn}; nothing more can be recorded`,
  CampaignMismatch: (e) => `this history is of campaign "${e.campaignId}", not "${e.commandCampaignId}"`,
  DuplicateId: (e) => `${e.entity} "${e.id}" already exists`,
  GroupNotFound: (e) => `group "${e.groupId}" has not been formed`,
  CadreNotEnrolled: (e) => `cadre "${e.cadreId}" is not enrolled`,
  CadreNotInGroup: (e) => `cadre "${e.cadreId}" is neither enrolled in group "${e.groupId}" nor on the leadership team`,
  ContactNotAssigned: (e) =>
    e.groupId === null
      ? `contact "${e.contactId}" is not assigned to any group`
      : `contact "${e.contactId}" is not assigned to group "${e.groupId}"`,
  VisitNotFound: (e) => `visit "${e.visitId}" has not been conducted`,
  CadreNotOnVisit: (e) => `cadre "${e.cadreId}" did not take part in visit "${e.visitId}"`,
  ProblemNotFound: (e) => `problem "${e.problemId}" has not been raised`,
  ProblemAlreadyResolved: (e) => `problem "${e.problemId}" is already resolved`,
  InspectorNotOnLeadershipTeam: (e) => `inspector "${e.cadreId}" is not on the leadership team`,
  DateBeforeLaunch: (e) => `${e.date} is before the campaign's launch on ${e.launchedOn}`,
  ClosedBeforeRecordedDate: (e) => `closing on ${e.closedOn} is before ${e.latestDate}, a date already recorded`,
  DateBeforeReference: (e) => `${e.date} is before ${e.referenceDate}, the date of ${e.entity} "${e.id}" it refers to`,
  SubjectAlreadyErased: (e) => `subject "${e.subject}" was already erased on ${e.erasedOn}`,
  PersonalDataOfErasedSubject: (e) => `${e.field} is personal data of subject "${e.subject}", erased on ${e.erasedOn}: it can no longer be recorded`,
});

/** A broken rule as one line: `rule N: sentence`. */
export const describeRuleBroken = (error: DomainError): string => `rule ${RULE_OF[error._tag]}: ${describeDomainError(error)}`;
