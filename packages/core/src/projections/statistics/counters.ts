import type { ContactKind } from "../../values/ContactKind.js";
import type { Counters } from "./StatisticsState.js";

/** @internal Counters that one fold may change. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/*
 * Copies are object literals, never spreads: on Node 20 every spread copy gets a map of its own,
 * which makes each later `c.x++` megamorphic and the fold several times slower.
 */

/** @internal `byKind` with one more contact of `kind`. */
export const withOneMore = (byKind: Counters["contactsByKind"], kind: ContactKind): Counters["contactsByKind"] => {
  const next = {
    village: byKind.village,
    "village-party-secretary": byKind["village-party-secretary"],
    "poor-household": byKind["poor-household"],
    "party-member-in-difficulty": byKind["party-member-in-difficulty"],
    "college-graduate-village-official": byKind["college-graduate-village-official"],
    community: byKind.community,
    "non-public-enterprise-party-organization": byKind["non-public-enterprise-party-organization"],
  };
  next[kind]++;
  return next;
};

/** @internal A mutable copy of the counters, to be changed by one event. */
export const copyCounters = (c: Counters): Mutable<Counters> => ({
  groups: c.groups,
  enrolled: c.enrolled,
  leadershipTeam: c.leadershipTeam,
  active: c.active,
  contacts: c.contacts,
  contactsByKind: c.contactsByKind,
  visits: c.visits,
  village: c.village,
  community: c.community,
  enterprise: c.enterprise,
  otherSetting: c.otherSetting,
  peopleMet: c.peopleMet,
  householdSurveys: c.householdSurveys,
  condolenceVisits: c.condolenceVisits,
  diaries: c.diaries,
  reports: c.reports,
  raised: c.raised,
  resolved: c.resolved,
  inspections: c.inspections,
  totalFen: c.totalFen,
  fenSpecialRelief: c.fenSpecialRelief,
  fenCondolence: c.fenCondolence,
  fenOther: c.fenOther,
  activitiesSpecialRelief: c.activitiesSpecialRelief,
  activitiesCondolence: c.activitiesCondolence,
  activitiesOther: c.activitiesOther,
});
