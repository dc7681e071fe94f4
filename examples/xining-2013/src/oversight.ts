import { addDays, on, workday } from "./calendar.js";
import { villageOf } from "./contacts.js";
import { type DraftOf, draft } from "./draft.js";
import { GROUPS, type Group, LEADERSHIP_TEAM } from "./roster.js";

/*
 * "Writing Research Report of 8 articles": one research report per group, written in November by
 * its leader and the next cadre of its list. "Strengthen the supervision and inspection ...
 * regularly carry out inspections and comments": two rounds of inspections, mid-year and at the
 * year's end, each group inspected by a leadership-team member other than its own leader.
 */

// constructors

/** The subject of each group's research report. */
const SUBJECTS: ReadonlyArray<string> = [
  "cultural facilities and cultural life in the villages of Huangzhong County",
  "the work of village Party-branch secretaries in Duoba town",
  "non-public enterprises' Party organisations in Xining's urban districts",
  "the care of Party members in difficulty in Huangyuan County",
  "college-graduate village officials: training, use and prospects",
  "bringing talent to the grassroots in Datong County",
  "the service of urban communities to the elderly",
  "poor rural households near the city: causes and ways out",
];

/** The rounds of inspection: base day (group k is inspected k days later, on a working day) and findings. */
const INSPECTIONS: ReadonlyArray<readonly [base: string, findings: string]> = [
  [on(7, 8), "Mid-year inspection: all seven contact points visited, household survey done, diaries kept; the group is urged to finish its research report."],
  [on(12, 9), "Year-end inspection and comment: the group's ten ones are complete, its problems followed up and its research report written."],
];

const inspector = (group: Group, round: number): string =>
  LEADERSHIP_TEAM[(group.index + 1 + round) % LEADERSHIP_TEAM.length]?.cadreId ?? "";

// utils

/** The drafts of the eight research reports. */
export const reportDrafts = (): ReadonlyArray<DraftOf<"WriteReport">> =>
  GROUPS.map((group) =>
    draft("WriteReport", {
      reportId: `${group.groupId}.report`,
      groupId: group.groupId,
      authorCadreIds: group.cadres.slice(0, 2).map((c) => c.cadreId),
      title: `Research report on ${SUBJECTS[group.index] ?? `${villageOf(group.index)} village`}`,
      writtenOn: workday(addDays(on(11, 18), group.index)),
    }),
  );

/** The drafts of both rounds of inspections. */
export const inspectionDrafts = (): ReadonlyArray<DraftOf<"HoldInspection">> =>
  INSPECTIONS.flatMap(([base, findings], round) =>
    GROUPS.map((group) =>
      draft("HoldInspection", {
        inspectionId: `inspection-${round + 1}.${group.groupId}`,
        inspectorCadreId: inspector(group, round),
        groupId: group.groupId,
        findings,
        heldOn: workday(addDays(base, group.index)),
      }),
    ),
  );
