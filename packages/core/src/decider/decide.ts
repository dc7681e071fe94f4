import * as E from "fp-ts/lib/Either.js";
import type { Command } from "../commands/catalog.js";
import { commandToEvent } from "../commands/convert.js";
import type { CampaignEvent } from "../events/catalog.js";
import { type CampaignState, initialCampaignState } from "./CampaignState.js";
import type { DomainError } from "./DomainError.js";
import { checkDates } from "./dates.js";
import { evolve } from "./evolve.js";
import { checkLifecycle, checkUniqueness } from "./lifecycle.js";
import { checkReferences } from "./references.js";
import { checkPersonalData } from "./personal.js";

/**
 * Judges a new event against every rule of DOMAIN.md, in the order of the rules: the first
 * broken rule is the error. Right carries the event unchanged.
 */
export const checkEvent = (state: CampaignState, event: CampaignEvent): E.Either<DomainError, CampaignEvent> => {
  // Early returns rather than a pipe of E.flatMap: on the path of every command and every judged
  // line, and fp-ts's curried combinators copy their arguments on every call.
  const lifecycle = checkLifecycle(state, event);
  if (E.isLeft(lifecycle)) return lifecycle;
  const uniqueness = checkUniqueness(state, event);
  if (E.isLeft(uniqueness)) return uniqueness;
  const references = checkReferences(state, event);
  if (E.isLeft(references)) return references;
  const dates = checkDates(state, event, references.right);
  if (E.isLeft(dates)) return dates;
  const personal = checkPersonalData(state, event);
  return E.isLeft(personal) ? personal : E.right(event);
};

/**
 * Decides a command: the event it records when every rule holds, else the broken rule.
 * @example
 * decide(initialCampaignState(), { type: "FormGroup", data: { ... } }) // left CampaignNotLaunched
 */
export const decide = (state: CampaignState, command: Command): E.Either<DomainError, ReadonlyArray<CampaignEvent>> => {
  const checked = checkEvent(state, commandToEvent(command));
  return E.isLeft(checked) ? checked : E.right([checked.right]);
};

/**
 * A decider: how commands become events and events become state (Emmett's shape, errors as values).
 * The argument order differs from Emmett's `decide(command, state)` on purpose: both functions take
 * the state first, `decide(state, command)` as `evolve(state, event)`, so each is a step of a fold
 * over what happened (`replay(history)` then `decide`), as in fp-ts's `reduce`.
 */
export interface Decider<State, Cmd, Evt, Err> {
  readonly decide: (state: State, command: Cmd) => E.Either<Err, ReadonlyArray<Evt>>;
  readonly evolve: (state: State, event: Evt) => State;
  readonly initialState: () => State;
}

/** The campaign's decider. */
export const campaignDecider: Decider<CampaignState, Command, CampaignEvent, DomainError> = {
  decide,
  evolve,
  initialState: initialCampaignState,
};

/** Folds recorded events into a decider state. */
export const replay = (events: Iterable<CampaignEvent>, from: CampaignState = initialCampaignState()): CampaignState => {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
};
