import type { ContactKind } from "@tenfold/core";
import { addDays, workday } from "./calendar.js";
import { contactId } from "./contacts.js";
import { type DraftOf, draft } from "./draft.js";
import { GROUPS, type Group } from "./roster.js";
import { VISITS } from "./visits.js";

/*
 * "To help solve the difficulties associated village more than 40": 42 problems raised (six by
 * groups 1 and 2, five by the others), 41 resolved, one left open at the year's end. Problem p of
 * a group is raised on the day of its visit of round p, about one of its contacts, and resolved
 * three to six weeks later by the first two cadres of that visit.
 */

// model

/** A problem and how it was solved. */
type Case = readonly [summary: string, resolution: string];

// constructors

/** The contact each problem is about, by its place among the group's problems. */
const ABOUT: ReadonlyArray<ContactKind> = [
  "village",
  "poor-household",
  "community",
  "non-public-enterprise-party-organization",
  "party-member-in-difficulty",
  "college-graduate-village-official",
];

const CASES: { readonly [K in ContactKind]?: ReadonlyArray<Case> } = {
  village: [
    ["The main irrigation channel of the village has collapsed in two places before spring sowing.", "Coordinated with the county water affairs bureau; the channel was relined and water reached the fields."],
    ["The 1.5 km road from the village to the town road is unpaved and impassable after rain.", "Brought the road into the county's village-road hardening plan; it was paved with cement."],
    ["The village's main lane has no street lamps and the elderly fear going out after dark.", "Coordinated solar street lamps for the main lane with the town government."],
  ],
  "poor-household": [
    ["The household's adobe house leaks and the family cannot afford to repair the roof.", "Included the household in the rural dilapidated-house renovation programme; the roof was rebuilt."],
    ["The household's elderly father has not joined the new rural cooperative medical scheme.", "Helped the family enrol him in the scheme and apply for the contribution subsidy."],
    ["A child of the household cannot afford the fees of senior secondary school.", "Arranged a student grant with the county education bureau; the child stayed in school."],
  ],
  community: [
    ["The community's activity room for the elderly has no heating for the winter.", "Coordinated with the district to connect the activity room to the heating network."],
    ["A blocked drain floods a residential courtyard of the community after every rain.", "Coordinated with the municipal drainage company; the drain was dredged and rebuilt."],
  ],
  "non-public-enterprise-party-organization": [
    ["The enterprise's Party organisation has no room for its meetings and activities.", "Agreed with the management on a Party members' activity room, equipped with the district's help."],
    ["The enterprise cannot recruit enough skilled workers.", "Linked the enterprise with a vocational school; it recruited at a job fair held with the talent office."],
  ],
  "party-member-in-difficulty": [
    ["The Party member's application for the minimum living allowance has stalled.", "Completed the application with the town civil affairs office; the allowance was granted."],
    ["The Party member cannot pay the hospital bills of an operation.", "Obtained medical assistance through the civil affairs bureau and the Party-member care fund."],
  ],
  "college-graduate-village-official": [
    ["The college-graduate village official asks for training in running a village cooperative.", "Enrolled the official in the municipal training course for college-graduate village officials."],
  ],
};

/** The one problem still open at the year's end: group 8's fifth. */
const OPEN = { groupIndex: 7, place: 4, summary: "The Party member's family asks for a low-rent flat in town; the county's waiting list reopens only in 2014." } as const;

/** How many problems a group raises. */
const problemCount = (group: Group): number => (group.index < 2 ? 6 : 5);

const caseOf = (kind: ContactKind, group: Group): Case | undefined => {
  const cases = CASES[kind] ?? [];
  return cases[group.index % cases.length];
};

type ProblemDraft = DraftOf<"RaiseProblem"> | DraftOf<"ResolveProblem">;

const groupProblemDrafts = (group: Group, place: number): ReadonlyArray<ProblemDraft> => {
  const kind = ABOUT[place];
  const visit = VISITS.find((v) => v.group === group && v.round === place);
  const found = kind === undefined ? undefined : caseOf(kind, group);
  if (kind === undefined || visit === undefined || found === undefined) return [];
  const problemId = `${group.groupId}.problem-${place + 1}`;
  const isOpen = group.index === OPEN.groupIndex && place === OPEN.place;
  const raised = draft("RaiseProblem", {
    problemId,
    groupId: group.groupId,
    contactId: contactId(group.groupId, kind),
    summary: isOpen ? OPEN.summary : found[0],
    raisedOn: visit.occurredOn,
  });
  if (isOpen) return [raised];
  const resolved = draft("ResolveProblem", {
    problemId,
    resolution: found[1],
    resolvedByCadreIds: visit.cadreIds.slice(0, 2),
    resolvedOn: workday(addDays(visit.occurredOn, 18 + ((group.index + place) % 4) * 7)),
  });
  return [raised, resolved];
};

// utils

/** The drafts that raise every problem and resolve all but one, group by group. */
export const problemDrafts = (): ReadonlyArray<ProblemDraft> =>
  GROUPS.flatMap((group) => Array.from({ length: problemCount(group) }, (_, place) => groupProblemDrafts(group, place)).flat());
