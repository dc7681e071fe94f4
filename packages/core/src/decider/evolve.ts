import { businessDate, type CampaignEvent } from "../events/catalog.js";
import { extend, insert } from "../internal/GrowOnlyIndex.js";
import { laterDay } from "../values/Day.js";
import type { CampaignState, Entities } from "./CampaignState.js";

const record = (entities: Entities, v: number, event: CampaignEvent): void => {
  switch (event.type) {
    case "CampaignLaunched":
    case "CampaignClosed":
      return;
    case "GroupFormed":
      return insert(entities.groups, v, event.data.groupId, { formedOn: event.data.formedOn });
    case "CadreEnrolled": {
      const { cadreId, groupId, leadershipTeam, enrolledOn } = event.data;
      return insert(entities.cadres, v, cadreId, { groupId, leadershipTeam, enrolledOn });
    }
    case "AssignmentMade": {
      const { contactId, groupId, contactKind, assignedOn } = event.data;
      return insert(entities.contacts, v, contactId, { groupId, kind: contactKind, assignedOn });
    }
    case "VisitConducted":
      return insert(entities.visits, v, event.data.visitId, {
        // The event's own array: a visit names a few cadres, and a Set of them would cost a hundred bytes more a visit.
        cadreIds: event.data.cadreIds,
        occurredOn: event.data.occurredOn,
      });
    case "DiaryWritten":
      return insert(entities.diaries, v, event.data.diaryId, true);
    case "ReportWritten":
      return insert(entities.reports, v, event.data.reportId, true);
    case "ProblemRaised":
      return insert(entities.problems, v, event.data.problemId, { groupId: event.data.groupId, contactId: event.data.contactId, raisedOn: event.data.raisedOn });
    case "ProblemResolved":
      return insert(entities.resolutions, v, event.data.problemId, event.data.resolvedOn);
    case "FundDisbursed":
      return insert(entities.disbursements, v, event.data.disbursementId, true);
    case "InspectionHeld":
      return insert(entities.inspections, v, event.data.inspectionId, true);
    case "SubjectErased":
      return insert(entities.erasures, v, event.data.subject, event.data.erasedOn);
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
