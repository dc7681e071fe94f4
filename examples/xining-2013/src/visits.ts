import type { ContactKind } from "@tenfold/core";
import { addDays, on, workday } from "./calendar.js";
import { contactId } from "./contacts.js";
import { type DraftData, type DraftOf, draft } from "./draft.js";
import { GROUPS, type Group, LEADERSHIP_TEAM } from "./roster.js";

/*
 * "Accumulated under the countryside, communities, businesses 50 times, visited the masses of
 * more than 300 people": six rounds of visits by every group (48) and a seventh, autumn round by
 * groups 1 and 2 (2) make 50. Each round has a base date; group k goes k days later (moved off
 * weekends). Three cadres of the group go each time, in rotation, so every cadre goes at least
 * three times; the leadership team "takes the lead" by joining the first visit of groups 6–8.
 */

// model

type Setting = DraftData<"ConductVisit">["setting"];
type Purpose = DraftData<"ConductVisit">["purposes"][number];

/** One round of visits: when, where, whom and why. */
interface Round {
  readonly base: string;
  readonly setting: Setting;
  readonly contacts: ReadonlyArray<ContactKind>;
  readonly purposes: ReadonlyArray<Purpose>;
  /** People met by group 1; group k meets `(k + round) mod 3` more. */
  readonly people: number;
  readonly photos: number;
}

/** A visit as planned: its group, round, day and cadres. */
export interface Visit {
  readonly visitId: string;
  readonly group: Group;
  /** 0-based round. */
  readonly round: number;
  readonly occurredOn: string;
  readonly cadreIds: ReadonlyArray<string>;
  readonly contactIds: ReadonlyArray<string>;
}

// constructors

/** The rounds, in order. Round 4 is the condolence before 1 July; round 5 the one before Mid-Autumn (19 September). */
export const ROUNDS: ReadonlyArray<Round> = [
  { base: on(3, 12), setting: "village", contacts: ["village", "village-party-secretary", "college-graduate-village-official"], purposes: ["talk", "investigation"], people: 7, photos: 6 },
  { base: on(4, 9), setting: "village", contacts: ["poor-household", "party-member-in-difficulty"], purposes: ["household-survey", "talk"], people: 4, photos: 4 },
  { base: on(5, 14), setting: "community", contacts: ["community"], purposes: ["talk", "community-activity"], people: 8, photos: 8 },
  { base: on(6, 4), setting: "enterprise", contacts: ["non-public-enterprise-party-organization"], purposes: ["talk", "investigation"], people: 6, photos: 5 },
  { base: on(6, 24), setting: "village", contacts: ["party-member-in-difficulty", "village-party-secretary"], purposes: ["condolence", "talk"], people: 3, photos: 3 },
  { base: on(9, 9), setting: "village", contacts: ["poor-household", "village"], purposes: ["condolence", "household-survey"], people: 4, photos: 4 },
  { base: on(11, 11), setting: "village", contacts: ["village", "village-party-secretary", "college-graduate-village-official"], purposes: ["investigation", "talk"], people: 10, photos: 9 },
];

/** How many rounds a group takes part in: groups 1 and 2 all seven, the others the first six. */
export const roundsOf = (group: Group): number => (group.index < 2 ? ROUNDS.length : ROUNDS.length - 1);

/** Three of the group's cadres, in rotation; a leadership-team member joins round 0 of groups without one. */
const cadresOf = (group: Group, round: number): ReadonlyArray<string> => {
  const n = group.cadres.length;
  const own = [0, 1, 2].flatMap((k) => group.cadres[(3 * round + k) % n]?.cadreId ?? []);
  const hasTeamMember = group.cadres.some((c) => c.leadershipTeam);
  const guest = round === 0 && !hasTeamMember ? LEADERSHIP_TEAM[group.index % LEADERSHIP_TEAM.length] : undefined;
  return guest === undefined ? own : [...own, guest.cadreId];
};

/** The day of a group's visit in a round. */
export const visitDay = (group: Group, round: number): string => workday(addDays(ROUNDS[round]?.base ?? "", group.index));

/** Every visit, group by group, round by round. */
export const VISITS: ReadonlyArray<Visit> = GROUPS.flatMap((group) =>
  Array.from({ length: roundsOf(group) }, (_, round): Visit => ({
    visitId: `${group.groupId}.visit-${round + 1}`,
    group,
    round,
    occurredOn: visitDay(group, round),
    cadreIds: cadresOf(group, round),
    contactIds: (ROUNDS[round]?.contacts ?? []).map((kind) => contactId(group.groupId, kind)),
  })),
);

/** The visits a cadre took part in, in round order. */
export const visitsOf = (cadreId: string): ReadonlyArray<Visit> => VISITS.filter((v) => v.cadreIds.includes(cadreId));

// utils

/** The drafts that record every visit. */
export const visitDrafts = (): ReadonlyArray<DraftOf<"ConductVisit">> =>
  VISITS.flatMap((v) => {
    const round = ROUNDS[v.round];
    if (round === undefined) return [];
    return [
      draft("ConductVisit", {
        visitId: v.visitId,
        groupId: v.group.groupId,
        cadreIds: v.cadreIds,
        contactIds: v.contactIds,
        setting: round.setting,
        purposes: round.purposes,
        peopleMet: round.people + ((v.group.index + v.round) % 3),
        photos: round.photos,
        occurredOn: v.occurredOn,
      }),
    ];
  });
