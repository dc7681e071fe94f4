import type { ChecklistItem } from "../../values/ChecklistItem.js";
import type { ContactKind } from "../../values/ContactKind.js";
import type { Day } from "../../values/Day.js";

/** Progress of one group on the campaign's checklist. */
export interface GroupChecklist {
  readonly groupId: string;
  readonly name: string;
  /** Items done, in checklist order. */
  readonly done: ReadonlyArray<ChecklistItem>;
  readonly completed: number;
  readonly of: number;
}

/** Totals by kind of disbursement. */
export interface ByFundKind {
  readonly "special-relief": number;
  readonly condolence: number;
  readonly other: number;
}

/** The statistics of one campaign (DOMAIN.md): every key always present, zeros included. */
export interface CampaignStatistics {
  readonly campaignId: string;
  readonly name: string;
  readonly launchedOn: Day;
  readonly closedOn: Day | null;
  readonly groups: number;
  readonly cadres: { readonly enrolled: number; readonly leadershipTeam: number; readonly active: number };
  readonly contacts: { readonly total: number; readonly byKind: { readonly [K in ContactKind]: number } };
  readonly visits: {
    readonly total: number;
    readonly bySetting: { readonly village: number; readonly community: number; readonly enterprise: number; readonly other: number };
    readonly peopleMet: number;
    readonly householdSurveys: number;
    readonly condolenceVisits: number;
  };
  readonly diaries: number;
  readonly reports: number;
  readonly problems: { readonly raised: number; readonly resolved: number; readonly open: number };
  readonly inspections: number;
  readonly funds: { readonly totalFen: number; readonly byKind: ByFundKind; readonly activities: ByFundKind };
  readonly checklist: {
    readonly items: ReadonlyArray<ChecklistItem>;
    readonly completedGroups: number;
    readonly groups: ReadonlyArray<GroupChecklist>;
  };
}
