import { type CampaignEvent, type CampaignState, type DomainError, evolve, initialCampaignState } from "@tenfold/core";
import { checkEvent } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";

/** Why a history is not valid: the first event a rule refuses, where it is, and the rule's error. */
export interface HistoryRejection {
  readonly index: number;
  readonly event: CampaignEvent;
  readonly error: DomainError;
}

/**
 * Checks a history event by event against every rule, from `from` (a new campaign by default):
 * the state it leads to, or the first refusal.
 * @example
 * checkHistory(history) // right(state) for every history arbitraryHistory generates
 */
export const checkHistory = (
  events: Iterable<CampaignEvent>,
  from: CampaignState = initialCampaignState(),
): E.Either<HistoryRejection, CampaignState> => {
  let state = from;
  let index = 0;
  for (const event of events) {
    const checked = checkEvent(state, event);
    if (E.isLeft(checked)) return E.left({ index, event, error: checked.left });
    state = evolve(state, event);
    index++;
  }
  return E.right(state);
};
