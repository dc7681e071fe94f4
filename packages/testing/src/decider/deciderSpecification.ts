import { deepStrictEqual, fail } from "node:assert/strict";
import {
  type AnyCommandInput,
  type AnyEventInput,
  type CampaignEvent,
  type CampaignState,
  type Command,
  type Decider,
  type DecodeError,
  type DomainError,
  campaignDecider,
  decodeCommand,
  decodeEvent,
  describeDomainError,
  formatDecodeError,
} from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";

// model

/** What a decided command must come to: its events, or the error it is refused with. */
export interface DeciderThen<Evt, Err> {
  /** The command is accepted and records exactly `expected`, in order. */
  readonly then: (expected: ReadonlyArray<Evt>) => void;
  /** The command is refused with exactly `expected`. */
  readonly thenRefused: (expected: Err) => void;
}

/** Given past events, when a command is decided… */
export interface DeciderSpecification<Cmd, Evt, Err> {
  readonly given: (history: ReadonlyArray<Evt>) => { readonly when: (command: Cmd) => DeciderThen<Evt, Err> };
}

// constructors

/**
 * A given/when/then specification of any decider (Emmett's DeciderSpecification, errors as
 * values): `given` folds the history with `evolve` from `initialState`, `when` decides the command,
 * `then` and `thenRefused` compare the Either with deep strict equality and throw an AssertionError
 * that shows both sides.
 * @example
 * deciderSpecification(campaignDecider).given([launched]).when(formGroup).then([groupFormed])
 */
export const deciderSpecification = <State, Cmd, Evt, Err>(
  decider: Decider<State, Cmd, Evt, Err>,
  describeError: (error: Err) => string = (error) => JSON.stringify(error),
): DeciderSpecification<Cmd, Evt, Err> => ({
  given: (history) => ({
    when: (command) => {
      const result = decider.decide(history.reduce(decider.evolve, decider.initialState()), command);
      return {
        then: (expected) => {
          if (E.isLeft(result)) fail(`expected the command to be accepted, but it was refused: ${describeError(result.left)}`);
          deepStrictEqual(result.right, expected);
        },
        thenRefused: (expected) => {
          if (E.isRight(result)) fail(`expected the command to be refused with ${describeError(expected)}, but it recorded ${JSON.stringify(result.right)}`);
          deepStrictEqual(result.left, expected);
        },
      };
    },
  }),
});

/** A literal of the specification that is not valid: a mistake in the test, thrown with its field paths. */
const decoded = <A>(what: string, result: E.Either<DecodeError, A>): A => {
  if (E.isRight(result)) return result.right;
  throw new TypeError(`campaignSpecification: ${what} is not valid: ${formatDecodeError(result.left).join("; ")}`);
};

/**
 * The campaign decider's specification, with events and commands written as plain literals
 * (`AnyEventInput`, `AnyCommandInput`) or as decoded values: each literal is decoded first, and one
 * that does not decode throws a TypeError naming the field.
 * @example
 * campaignSpecification.given([launched]).when({ type: "FormGroup", data: { … } }).thenRefused({ _tag: "DateBeforeLaunch", … })
 */
export const campaignSpecification: DeciderSpecification<AnyCommandInput | Command, AnyEventInput | CampaignEvent, DomainError> = (() => {
  const spec = deciderSpecification<CampaignState, Command, CampaignEvent, DomainError>(campaignDecider, describeDomainError);
  const events = (what: string, list: ReadonlyArray<AnyEventInput | CampaignEvent>): ReadonlyArray<CampaignEvent> =>
    list.map((event, index) => decoded(`${what}[${index}] (${event.type})`, decodeEvent(event)));
  return {
    given: (history) => {
      const past = spec.given(events("given", history));
      return {
        when: (command) => {
          const decided = past.when(decoded(`when (${command.type})`, decodeCommand(command)));
          return { then: (expected) => decided.then(events("then", expected)), thenRefused: decided.thenRefused };
        },
      };
    },
  };
})();
