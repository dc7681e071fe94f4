import * as E from "fp-ts/lib/Either.js";
import { businessDate, type CampaignEvent } from "../events/catalog.js";
import type { CampaignState } from "./CampaignState.js";
import { type DomainError, domainError } from "./DomainError.js";
import type { Reference } from "./references.js";

/**
 * @internal Rule 5: nothing dated before the launch, no closing before a recorded date, and
 * nothing dated before what it refers to.
 */
export const checkDates = (
  state: CampaignState,
  event: CampaignEvent,
  references: ReadonlyArray<Reference>,
): E.Either<DomainError, void> => {
  const date = businessDate(event);
  if (state.campaign !== null && date < state.campaign.launchedOn) {
    return E.left(domainError("DateBeforeLaunch", { date, launchedOn: state.campaign.launchedOn }));
  }
  if (event.type === "CampaignClosed" && state.latestDate !== null && date < state.latestDate) {
    return E.left(domainError("ClosedBeforeRecordedDate", { closedOn: date, latestDate: state.latestDate }));
  }
  for (const ref of references) {
    if (date < ref.date) {
      return E.left(domainError("DateBeforeReference", { date, entity: ref.entity, id: ref.id, referenceDate: ref.date }));
    }
  }
  return E.right(undefined);
};
