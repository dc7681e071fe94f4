import * as E from "fp-ts/lib/Either.js";
import type { CampaignEvent } from "../events/catalog.js";
import type { Day } from "../values/Day.js";
import type { CampaignState } from "./CampaignState.js";
import { type DomainError, type EntityKind, domainError } from "./DomainError.js";
import { find } from "./view.js";
import { subjectParts } from "../values/Subject.js";

/** @internal An entity an event refers to, with its business date (for rule 5). */
export interface Reference {
  readonly entity: EntityKind;
  readonly id: string;
  readonly date: Day;
}

type Found = E.Either<DomainError, ReadonlyArray<Reference>>;

const group = (state: CampaignState, groupId: string): Found => {
  const g = find(state, "groups", groupId);
  return g === undefined ? E.left(domainError("GroupNotFound", { groupId })) : E.right([{ entity: "group", id: groupId, date: g.formedOn }]);
};

const cadre = (state: CampaignState, cadreId: string): Found => {
  const c = find(state, "cadres", cadreId);
  return c === undefined ? E.left(domainError("CadreNotEnrolled", { cadreId })) : E.right([{ entity: "cadre", id: cadreId, date: c.enrolledOn }]);
};

/** A contact assigned to `groupId`, or to any group when `groupId` is null. */
const contact = (state: CampaignState, contactId: string, groupId: string | null): Found => {
  const c = find(state, "contacts", contactId);
  return c === undefined || (groupId !== null && c.groupId !== groupId)
    ? E.left(domainError("ContactNotAssigned", { contactId, groupId }))
    : E.right([{ entity: "contact", id: contactId, date: c.assignedOn }]);
};

/** A cadre enrolled in `groupId` or on the leadership team. */
const visitor = (state: CampaignState, cadreId: string, groupId: string): Found => {
  const c = find(state, "cadres", cadreId);
  if (c === undefined) return E.left(domainError("CadreNotEnrolled", { cadreId }));
  return c.groupId === groupId || c.leadershipTeam
    ? E.right([{ entity: "cadre", id: cadreId, date: c.enrolledOn }])
    : E.left(domainError("CadreNotInGroup", { cadreId, groupId }));
};

const participant = (state: CampaignState, cadreId: string, visitId: string): Found => {
  const v = find(state, "visits", visitId);
  if (v === undefined) return E.left(domainError("VisitNotFound", { visitId }));
  return v.cadreIds.includes(cadreId)
    ? E.right([{ entity: "visit", id: visitId, date: v.occurredOn }])
    : E.left(domainError("CadreNotOnVisit", { cadreId, visitId }));
};

const openProblem = (state: CampaignState, problemId: string): Found => {
  const p = find(state, "problems", problemId);
  if (p === undefined) return E.left(domainError("ProblemNotFound", { problemId }));
  return find(state, "resolutions", problemId) !== undefined
    ? E.left(domainError("ProblemAlreadyResolved", { problemId }))
    : E.right([{ entity: "problem", id: problemId, date: p.raisedOn }]);
};

const inspector = (state: CampaignState, cadreId: string): Found => {
  const c = find(state, "cadres", cadreId);
  if (c === undefined) return E.left(domainError("CadreNotEnrolled", { cadreId }));
  return c.leadershipTeam
    ? E.right([{ entity: "cadre", id: cadreId, date: c.enrolledOn }])
    : E.left(domainError("InspectorNotOnLeadershipTeam", { cadreId }));
};

/** Runs the checks in order, stopping at the first refusal, and gathers what they found. */
const all = (checks: ReadonlyArray<() => Found>): Found => {
  const found: Reference[] = [];
  for (const check of checks) {
    const result = check();
    if (E.isLeft(result)) return result;
    found.push(...result.right);
  }
  return E.right(found);
};

const none: Found = E.right([]);

/**
 * @internal Rules 3 and 4: every entity the event names exists and stands in the required
 * relation. Returns the entities referred to, for the date checks of rule 5.
 */
export const checkReferences = (state: CampaignState, event: CampaignEvent): Found => {
  switch (event.type) {
    case "CampaignLaunched":
    case "CampaignClosed":
    case "GroupFormed":
      return none;
    case "CadreEnrolled":
    case "AssignmentMade":
      return group(state, event.data.groupId);
    case "VisitConducted": {
      const { groupId, cadreIds, contactIds } = event.data;
      return all([
        () => group(state, groupId),
        ...cadreIds.map((id) => () => visitor(state, id, groupId)),
        ...contactIds.map((id) => () => contact(state, id, groupId)),
      ]);
    }
    case "DiaryWritten": {
      const { cadreId, visitId } = event.data;
      return all([() => cadre(state, cadreId), ...(visitId === null ? [] : [() => participant(state, cadreId, visitId)])]);
    }
    case "ReportWritten":
      return all([() => group(state, event.data.groupId), ...event.data.authorCadreIds.map((id) => () => cadre(state, id))]);
    case "ProblemRaised": {
      const { groupId, contactId } = event.data;
      return all([() => group(state, groupId), ...(contactId === null ? [] : [() => contact(state, contactId, groupId)])]);
    }
    case "ProblemResolved":
      return all([
        () => openProblem(state, event.data.problemId),
        ...event.data.resolvedByCadreIds.map((id) => () => cadre(state, id)),
      ]);
    case "FundDisbursed": {
      const { groupId, contactId } = event.data;
      return all([
        ...(groupId === null ? [] : [() => group(state, groupId)]),
        ...(contactId === null ? [] : [() => contact(state, contactId, groupId)]),
      ]);
    }
    case "InspectionHeld":
      return all([() => group(state, event.data.groupId), () => inspector(state, event.data.inspectorCadreId)]);
    case "SubjectErased": {
      const [kind, id] = subjectParts(event.data.subject);
      return kind === "cadre" ? cadre(state, id) : contact(state, id, null);
    }
  }
};
