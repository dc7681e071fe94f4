import * as O from "fp-ts/lib/Option.js";
import type { ChecklistItem } from "../../values/ChecklistItem.js";
import type { CampaignStatistics, GroupChecklist } from "./CampaignStatistics.js";
import { isDone, type StatisticsState } from "./StatisticsState.js";

/**
 * The statistics a state stands for; none before the campaign is launched.
 * @example
 * pipe(project(campaignStatistics, events), statisticsOf) // some(CampaignStatistics)
 */
export const statisticsOf = (state: StatisticsState): O.Option<CampaignStatistics> => {
  const campaign = state.campaign;
  if (campaign === null) return O.none;
  const c = state.counters;
  const { groups: groupIndex } = state.lineage.maps;
  const v = state.version;
  const items: ReadonlyArray<ChecklistItem> = campaign.checklist;
  const groups: GroupChecklist[] = [];
  for (const [groupId, entry] of groupIndex) {
    if (entry.since > v) continue;
    const doneItems = items.filter((item) => isDone(entry.value, v, item));
    groups.push({ groupId, name: entry.value.name, done: doneItems, completed: doneItems.length, of: items.length });
  }
  return O.some({
    campaignId: campaign.campaignId,
    name: campaign.name,
    launchedOn: campaign.launchedOn,
    closedOn: state.closedOn,
    groups: c.groups,
    cadres: { enrolled: c.enrolled, leadershipTeam: c.leadershipTeam, active: c.active },
    contacts: { total: c.contacts, byKind: { ...c.contactsByKind } },
    visits: {
      total: c.visits,
      bySetting: { village: c.village, community: c.community, enterprise: c.enterprise, other: c.otherSetting },
      peopleMet: c.peopleMet,
      householdSurveys: c.householdSurveys,
      condolenceVisits: c.condolenceVisits,
    },
    diaries: c.diaries,
    reports: c.reports,
    problems: { raised: c.raised, resolved: c.resolved, open: c.raised - c.resolved },
    inspections: c.inspections,
    funds: {
      totalFen: c.totalFen,
      byKind: { "special-relief": c.fenSpecialRelief, condolence: c.fenCondolence, other: c.fenOther },
      activities: {
        "special-relief": c.activitiesSpecialRelief,
        condolence: c.activitiesCondolence,
        other: c.activitiesOther,
      },
    },
    checklist: {
      items: [...items],
      completedGroups: groups.filter((g) => g.completed === g.of).length,
      groups,
    },
  });
};
