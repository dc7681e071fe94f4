import type * as t from "io-ts";
import { numberOf, refine } from "./refine.js";

// model

/** Brand of {@link Count}. */
export interface CountBrand {
  readonly Count: unique symbol;
}

/** A whole number ≥ 0. */
export type Count = t.Branded<number, CountBrand>;

// constructors

/**
 * Codec of {@link Count}.
 * @example
 * Count.is(0) // true
 * Count.is(1.5) // false
 */
export const Count = refine<number, number, Count>("Count", numberOf("a whole number ≥ 0"), (n) =>
  Number.isSafeInteger(n) && n >= 0 ? undefined : `expected a whole number ≥ 0, got ${n}`,
);
