import type { ContactKind } from "@tenfold/core";
import { on } from "./calendar.js";
import { contactId } from "./contacts.js";
import { type DraftOf, draft } from "./draft.js";
import { GROUPS } from "./roster.js";
import { visitDay } from "./visits.js";

/*
 * "The party organization department actively coordinating Municipal Bureau of SMG, the
 * implementation of the special relief fund 360 thousand yuan, Huangzhong County Lan Long Kou Zhen
 * ban Zhong Ying Cun culture stage; carry out condolences activities 2 times, a total of 21000
 * yuan". "SMG" is read as 文广 (culture and broadcasting, the Chinese short name of the Shanghai
 * Media Group that the translator substituted): the municipal culture and broadcasting bureau.
 */

// constructors

const DEPARTMENT = "Organisation Department of the CPC Xining Municipal Committee";

/** The special relief fund: one disbursement, one activity. */
export const SPECIAL_RELIEF = {
  activityId: "culture-stage-ban-zhong-ying",
  amountFen: 36_000_000,
  source: "Xining Municipal Bureau of Culture, Radio, Film and Television (funds coordinated by the department)",
  purpose: "Special relief fund: village culture stage of Ban Zhong Ying village, Lan Long Kou town, Huangzhong County",
  disbursedOn: on(8, 16),
} as const;

/** The two condolence activities: to each group's contact of one kind, on the day of its condolence visit. */
export const CONDOLENCES: ReadonlyArray<{
  readonly activityId: string;
  readonly to: ContactKind;
  readonly round: number;
  readonly amountFen: number;
  readonly purpose: string;
}> = [
  {
    activityId: "condolence-party-anniversary",
    to: "party-member-in-difficulty",
    round: 4,
    amountFen: 100_000,
    purpose: "Condolence before the Party's anniversary (1 July) to a Party member in difficulty: 1,000 yuan",
  },
  {
    activityId: "condolence-mid-autumn",
    to: "poor-household",
    round: 5,
    amountFen: 162_500,
    purpose: "Condolence before the Mid-Autumn Festival (19 September) to a poor household: 1,625 yuan",
  },
];

// utils

/** The drafts of every disbursement: the culture stage, then the condolences group by group. */
export const fundDrafts = (): ReadonlyArray<DraftOf<"DisburseFund">> => [
  draft("DisburseFund", {
    disbursementId: "special-relief-1",
    kind: "special-relief",
    activityId: SPECIAL_RELIEF.activityId,
    source: SPECIAL_RELIEF.source,
    purpose: SPECIAL_RELIEF.purpose,
    amountFen: SPECIAL_RELIEF.amountFen,
    groupId: "group-1",
    contactId: contactId("group-1", "village"),
    disbursedOn: SPECIAL_RELIEF.disbursedOn,
  }),
  ...CONDOLENCES.flatMap((activity) =>
    GROUPS.map((group) =>
      draft("DisburseFund", {
        disbursementId: `${activity.activityId}.${group.groupId}`,
        kind: "condolence",
        activityId: activity.activityId,
        source: `${DEPARTMENT}, condolence funds`,
        purpose: activity.purpose,
        amountFen: activity.amountFen,
        groupId: group.groupId,
        contactId: contactId(group.groupId, activity.to),
        disbursedOn: visitDay(group, activity.round),
      }),
    ),
  ),
];
