import * as E from "fp-ts/lib/Either.js";
import type { CampaignEvent } from "../events/catalog.js";
import type { CampaignState, Entities } from "./CampaignState.js";
import { type DomainError, type EntityKind, domainError } from "./DomainError.js";
import { exists, find } from "./view.js";

/** @internal Rule 1: launched first and once; nothing after closing; one campaign per state. */
export const checkLifecycle = (state: CampaignState, event: CampaignEvent): E.Either<DomainError, void> => {
  const campaignId = event.data.campaignId;
  if (state.campaign === null) {
    return event.type === "CampaignLaunched"
      ? E.right(undefined)
      : E.left(domainError("CampaignNotLaunched", { campaignId, eventType: event.type }));
  }
  if (campaignId !== state.campaign.campaignId) {
    return E.left(domainError("CampaignMismatch", { campaignId: state.campaign.campaignId, commandCampaignId: campaignId }));
  }
  // An erasure request may come after the campaign ends: the only event that may (DOMAIN.md, personal data).
  if (state.closedOn !== null && event.type !== "SubjectErased") return E.left(domainError("CampaignAlreadyClosed", { campaignId, closedOn: state.closedOn }));
  if (event.type === "CampaignLaunched") return E.left(domainError("CampaignAlreadyLaunched", { campaignId }));
  return E.right(undefined);
};

const introduced = (event: CampaignEvent): readonly [EntityKind, keyof Entities, string] | undefined => {
  switch (event.type) {
    case "CampaignLaunched":
    case "ProblemResolved":
    case "CampaignClosed":
    case "SubjectErased":
      return undefined;
    case "GroupFormed":
      return ["group", "groups", event.data.groupId];
    case "CadreEnrolled":
      return ["cadre", "cadres", event.data.cadreId];
    case "AssignmentMade":
      return ["contact", "contacts", event.data.contactId];
    case "VisitConducted":
      return ["visit", "visits", event.data.visitId];
    case "DiaryWritten":
      return ["diary", "diaries", event.data.diaryId];
    case "ReportWritten":
      return ["report", "reports", event.data.reportId];
    case "ProblemRaised":
      return ["problem", "problems", event.data.problemId];
    case "FundDisbursed":
      return ["disbursement", "disbursements", event.data.disbursementId];
    case "InspectionHeld":
      return ["inspection", "inspections", event.data.inspectionId];
  }
};

/** @internal Rule 2: the id an event introduces is new within its entity type. */
export const checkUniqueness = (state: CampaignState, event: CampaignEvent): E.Either<DomainError, void> => {
  if (event.type === "SubjectErased") {
    const erasedOn = find(state, "erasures", event.data.subject)?.erasedOn;
    return erasedOn === undefined ? E.right(undefined) : E.left(domainError("SubjectAlreadyErased", { subject: event.data.subject, erasedOn }));
  }
  const id = introduced(event);
  return id !== undefined && exists(state, id[1], id[2])
    ? E.left(domainError("DuplicateId", { entity: id[0], id: id[2] }))
    : E.right(undefined);
};
