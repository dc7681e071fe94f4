import type { CampaignEvent } from "@tenfold/core";
import type fc from "fast-check";
import { arbitraryHistory } from "../history/arbitraryHistory.js";

/** fast-check parameters a law accepts; what is not given comes from the global configuration. */
export type LawParameters = Pick<fc.Parameters<unknown>, "seed" | "numRuns" | "path" | "verbose" | "endOnFailure" | "timeout">;

/** Options of the projection laws. */
export interface LawOptions<S> {
  /** The histories the law is checked on. @defaultValue arbitraryHistory() */
  readonly histories?: fc.Arbitrary<ReadonlyArray<CampaignEvent>>;
  /** What of a state is compared, with vitest's `toEqual` (e.g. `statisticsOf`). @defaultValue the state itself */
  readonly view?: (state: S) => unknown;
  /** fast-check parameters of this law. @defaultValue the global configuration (`fc.configureGlobal`) */
  readonly parameters?: LawParameters;
}

/** @internal The options with their defaults. */
export const withDefaults = <S>({ histories = arbitraryHistory(), view = (s: S): unknown => s, parameters = {} }: LawOptions<S>): Required<LawOptions<S>> => ({
  histories,
  view,
  parameters,
});

const freeze = (value: unknown): void => {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) freeze(v);
};

/**
 * @internal A deep copy of events, frozen at every level: a projection that changes an event
 * throws (modules run in strict mode), and the law reports it.
 */
export const frozenCopy = (events: ReadonlyArray<CampaignEvent>): ReadonlyArray<CampaignEvent> => {
  const copy = structuredClone(events);
  freeze(copy);
  return copy;
};
