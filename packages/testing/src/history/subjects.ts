import { type CampaignEvent, type Day, businessDate, evolve, initialCampaignState } from "@tenfold/core";
import { cadreSubject, contactSubject, personalFieldsOf } from "@tenfold/core/personal";

/*
 * The data subjects of a history as an erasure needs them: when each came to exist (its
 * enrolment or assignment, the earliest an erasure of it may be dated) and where its last
 * personal value stands (an erasure recorded after it is valid; one before it is not).
 */

/** @internal A data subject of a history that may still be erased. */
export interface SubjectOfHistory {
  readonly subject: string;
  /** The cadre's enrolledOn or the contact's assignedOn. */
  readonly since: Day;
  /** Index of the last event of the history carrying a personal value of the subject. */
  readonly lastPersonal: number;
}

/** @internal What an erasure of a history needs to know of it. */
export interface ErasureFacts {
  readonly campaignId: string;
  /** The subjects not yet erased, in order of enrolment or assignment. */
  readonly subjects: ReadonlyArray<SubjectOfHistory>;
  /** The latest business date of the history. */
  readonly latest: Day;
  /** Where the closing stands, and its date; null when the history is open. */
  readonly closing: { readonly index: number; readonly closedOn: Day } | null;
  /** The request references the history's erasures already use. */
  readonly requestRefs: ReadonlySet<string>;
}

/** @internal The facts of a launched history (valid by the rules); a RangeError for one not launched. */
export const erasureFacts = (history: ReadonlyArray<CampaignEvent>): ErasureFacts => {
  const launch = history[0];
  if (launch?.type !== "CampaignLaunched") throw new RangeError("erasures need a launched history: its first event must be CampaignLaunched");
  const since = new Map<string, Day>();
  const last = new Map<string, number>();
  const erased = new Set<string>();
  const requestRefs = new Set<string>();
  let state = initialCampaignState();
  let latest = launch.data.launchedOn;
  let closing: ErasureFacts["closing"] = null;
  history.forEach((event, index) => {
    for (const { subject } of personalFieldsOf(state, event)) last.set(subject, index);
    if (event.type === "CadreEnrolled") since.set(cadreSubject(event.data.cadreId), event.data.enrolledOn);
    if (event.type === "AssignmentMade") since.set(contactSubject(event.data.contactId), event.data.assignedOn);
    if (event.type === "CampaignClosed") closing = { index, closedOn: event.data.closedOn };
    if (event.type === "SubjectErased") {
      erased.add(event.data.subject);
      requestRefs.add(event.data.requestRef);
    }
    const day = businessDate(event);
    if (day > latest) latest = day;
    state = evolve(state, event);
  });
  const subjects = [...since]
    .filter(([subject]) => !erased.has(subject))
    .map(([subject, day]) => ({ subject, since: day, lastPersonal: last.get(subject) ?? 0 }));
  return { campaignId: launch.data.campaignId, subjects, latest, closing, requestRefs };
};
