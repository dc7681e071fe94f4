import * as E from "fp-ts/lib/Either.js";
import type { CampaignEvent, EventType } from "../events/catalog.js";
import { cadreSubject, contactSubject } from "../values/Subject.js";
import type { CampaignState } from "./CampaignState.js";
import type { PersonalEntries } from "../store/RecordedEvent.js";
import { type DomainError, domainError } from "./DomainError.js";
import { find } from "./view.js";

/** The personal field of each event type that has one (DOMAIN.md, personal data): one field an event at most. */
export const PERSONAL_FIELD: { readonly [T in EventType]?: string } = {
  CadreEnrolled: "name",
  AssignmentMade: "contactName",
  DiaryWritten: "title",
  ProblemRaised: "summary",
  ProblemResolved: "resolution",
  FundDisbursed: "purpose",
};

/** A personal field of an event and its data subject. */
export interface PersonalField {
  readonly field: string;
  readonly subject: string;
}

/**
 * The personal fields of a new event and their subjects, fixed from what the decider knows when it
 * records the event (a ProblemResolved's subject is the contact of the problem raised). An event
 * whose field has no subject (a problem raised about no contact) has no personal field.
 */
export const personalFieldsOf = (state: CampaignState, event: CampaignEvent): ReadonlyArray<PersonalField> => {
  switch (event.type) {
    case "CadreEnrolled":
      return [{ field: "name", subject: cadreSubject(event.data.cadreId) }];
    case "AssignmentMade":
      return [{ field: "contactName", subject: contactSubject(event.data.contactId) }];
    case "DiaryWritten":
      return [{ field: "title", subject: cadreSubject(event.data.cadreId) }];
    case "ProblemRaised":
      return event.data.contactId === null ? [] : [{ field: "summary", subject: contactSubject(event.data.contactId) }];
    case "ProblemResolved": {
      const contactId = find(state, "problems", event.data.problemId)?.contactId ?? null;
      return contactId === null ? [] : [{ field: "resolution", subject: contactSubject(contactId) }];
    }
    case "FundDisbursed":
      return event.data.contactId === null ? [] : [{ field: "purpose", subject: contactSubject(event.data.contactId) }];
    case "CampaignLaunched":
    case "GroupFormed":
    case "VisitConducted":
    case "ReportWritten":
    case "InspectionHeld":
    case "CampaignClosed":
    case "SubjectErased":
      return [];
  }
};

/** The `personal` member of a new schema-2 event: each personal field with its subject, for the store to commit to and encrypt. */
export const personalSubjectsOf = (state: CampaignState, event: CampaignEvent): PersonalEntries => {
  const entries: Record<string, { subject: string }> = {};
  for (const { field, subject } of personalFieldsOf(state, event)) entries[field] = { subject };
  return entries;
};

/**
 * The `personal` member of a schema-2 event judged from the event alone, when that is possible:
 * `{}` for an event with no personal field; undefined when its subject needs what the decider
 * knows (any event with a personal field: the caller must say whose value it is).
 */
export const personalWithoutState = (event: CampaignEvent): PersonalEntries | undefined => {
  if (event.type === "ProblemRaised" || event.type === "FundDisbursed") return event.data.contactId === null ? {} : undefined;
  return PERSONAL_FIELD[event.type] === undefined ? {} : undefined;
};

/** @internal The personal-data rule: after a subject's erasure no new event carries a personal value of it. */
export const checkPersonalData = (state: CampaignState, event: CampaignEvent): E.Either<DomainError, void> => {
  for (const { field, subject } of personalFieldsOf(state, event)) {
    const erasedOn = find(state, "erasures", subject)?.erasedOn;
    if (erasedOn !== undefined) return E.left(domainError("PersonalDataOfErasedSubject", { subject, field, erasedOn }));
  }
  return E.right(undefined);
};
