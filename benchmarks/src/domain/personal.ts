import { type CampaignEvent, type PersonalEntries, evolve, initialCampaignState } from "@tenfold/core";
import { commitPersonalValue, personalSubjectsOf } from "@tenfold/core/personal";
import { nodeSha256 } from "@tenfold/core/node";

/*
 * The `personal` member of schema-2 events (DOMAIN.md, personal data), as Tenfold itself writes
 * it: the command handler gives each new event `personalSubjectsOf(state, event)` (field → its
 * data subject), and the store commits to and encrypts each value. Exports without the values
 * (`--personal omit`, the default) carry `{subject, commitment}` and `null` in `data`.
 */

/**
 * A running fold of one campaign's history: the `personal` subjects of each next event, as the
 * handler would write them (`personalSubjectsOf` on the state `evolve` has folded so far).
 */
export const subjectsTracker = (): ((event: CampaignEvent) => PersonalEntries) => {
  let state = initialCampaignState();
  return (event) => {
    const subjects = personalSubjectsOf(state, event);
    state = evolve(state, event);
    return subjects;
  };
};

/** The `personal` subjects of every event of one campaign's history, in order. */
export const subjectsOfHistory = (history: ReadonlyArray<CampaignEvent>): PersonalEntries[] => history.map(subjectsTracker());

const NO_STATE = initialCampaignState();

/**
 * The `personal` subjects of an event of the S1–S3 workload. Its events (VisitConducted,
 * DiaryWritten, ProblemRaised and FundDisbursed without a contact) name their subject in their
 * own data: a state is consulted only for a ProblemResolved, which the workload never has, so the
 * handler would write the same from any state.
 */
export const workloadSubjects = (event: CampaignEvent): PersonalEntries => personalSubjectsOf(NO_STATE, event);

/** How many personal values an event's `personal` member names. */
export const personalCount = (personal: PersonalEntries | undefined): number => (personal === undefined ? 0 : Object.keys(personal).length);

/**
 * An event's `data` and `personal` as an export with `--personal omit` writes them: each personal
 * value null in `data`, each entry its subject and the commitment to the value under `salt`
 * (DOMAIN.md: SHA-256 of `salt + "\n" + JSON.stringify(value)`). The same object is given back
 * for an event without personal values.
 */
export const omittedForm = (data: unknown, subjects: PersonalEntries, salt: string): { readonly data: unknown; readonly personal: PersonalEntries } => {
  const fields = Object.keys(subjects);
  if (fields.length === 0) return { data, personal: subjects };
  const out: Record<string, unknown> = Object.assign({}, data);
  const personal: Record<string, { subject: string; commitment: string }> = {};
  for (const field of fields) {
    personal[field] = { subject: subjects[field]?.subject ?? "", commitment: commitPersonalValue(nodeSha256, salt, out[field]) };
    out[field] = null;
  }
  return { data: out, personal };
};
