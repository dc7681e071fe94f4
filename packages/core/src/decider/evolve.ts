import { businessDate, type CampaignEvent } from "../events/catalog.js";
import { extend } from "../internal/GrowOnlyIndex.js";
import { laterDay } from "../values/Day.js";
import type { CampaignState, Entities } from "./CampaignState.js";

const record = (entities: Entities, v: number, event: CampaignEvent): void => {
  switch (event.type) {
    case "CampaignLaunched":
    case "CampaignClosed":
      return;
    case "GroupFormed":
      return entities.groups.put(v, event.data.groupId, { since: v, formedOn: event.data.formedOn });
    case "CadreEnrolled": {
      const { cadreId, groupId, leadershipTeam, enrolledOn } = event.data;
      return entities.cadres.put(v, cadreId, { since: v, groupId, leadershipTeam, enrolledOn });
    }
    case "AssignmentMade": {
      const { contactId, groupId, contactKind, assignedOn } = event.data;
      return entities.contacts.put(v, contactId, { since: v, groupId, kind: contactKind, assignedOn });
    }
    case "VisitConducted":
      return entities.visits.put(v, event.data.visitId, {
        since: v,
        cadreIds: event.data.cadreIds,
        occurredOn: event.data.occurredOn,
      });
    case "DiaryWritten":
      return void entities.diaries.add(v, event.data.diaryId);
    case "ReportWritten":
      return void entities.reports.add(v, event.data.reportId);
    case "ProblemRaised":
      return entities.problems.put(v, event.data.problemId, { since: v, groupId: event.data.groupId, contactId: event.data.contactId, raisedOn: event.data.raisedOn });
    case "ProblemResolved":
      return entities.resolutions.put(v, event.data.problemId, { since: v, resolvedOn: event.data.resolvedOn });
    case "FundDisbursed":
      return void entities.disbursements.add(v, event.data.disbursementId);
    case "InspectionHeld":
      return void entities.inspections.add(v, event.data.inspectionId);
    case "SubjectErased":
      return entities.erasures.put(v, event.data.subject, { since: v, erasedOn: event.data.erasedOn });
  }
};

/**
 * Folds one recorded event into the decider's state. Pure: `state` is left as it was.
 * Events are trusted (they were decided before being recorded); no rule is checked here.
 */
export const evolve = (state: CampaignState, event: CampaignEvent): CampaignState => {
  const lineage = extend(state.lineage, state.version);
  const version = state.version + 1;
  record(lineage.maps, version, event);
  const date = businessDate(event);
  return {
    version,
    lineage,
    campaign:
      event.type === "CampaignLaunched"
        ? { campaignId: event.data.campaignId, launchedOn: event.data.launchedOn, checklist: event.data.checklist }
        : state.campaign,
    closedOn: event.type === "CampaignClosed" ? event.data.closedOn : state.closedOn,
    latestDate: state.latestDate === null ? date : laterDay(state.latestDate, date),
  };
};
