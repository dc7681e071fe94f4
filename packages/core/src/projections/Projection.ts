import type { CampaignEvent } from "../events/catalog.js";

// model

/**
 * A pure projection: an initial state and how one event changes it.
 * Laws: `evolve` is deterministic and leaves its arguments unchanged, so folding `xs ++ ys`
 * equals folding `ys` from the state folded of `xs`.
 */
export interface Projection<S, E = CampaignEvent> {
  readonly initialState: () => S;
  readonly evolve: (state: S, event: E) => S;
}

// combinators

/** Folds events through a projection, from its initial state or from `from`. */
export const project = <S, E>(projection: Projection<S, E>, events: Iterable<E>, from: S = projection.initialState()): S => {
  let state = from;
  for (const event of events) state = projection.evolve(state, event);
  return state;
};

/** The same projection over a wider event type, reading each event through `view`. */
export const contramap = <S, A, B>(projection: Projection<S, A>, view: (event: B) => A): Projection<S, B> => ({
  initialState: projection.initialState,
  evolve: (state, event) => projection.evolve(state, view(event)),
});
