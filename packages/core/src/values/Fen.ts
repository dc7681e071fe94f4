import type * as t from "io-ts";
import { numberOf, refine } from "./refine.js";

// model

/** Brand of {@link Fen}. */
export interface FenBrand {
  readonly Fen: unique symbol;
}

/** An amount of money in fen (1 yuan = 100 fen): a whole number from 1 to 2^53−1. */
export type Fen = t.Branded<number, FenBrand>;

// constructors

/**
 * Codec of {@link Fen}.
 * @example
 * Fen.is(36_000_000) // true: 360,000 yuan
 * Fen.is(0) // false
 */
export const Fen = refine<number, number, Fen>("Fen", numberOf("an amount in fen"), (n) =>
  Number.isSafeInteger(n) && n >= 1 ? undefined : `expected a whole number of fen from 1 to 2^53−1, got ${n}`,
);

// utils

/** Formats fen as yuan with two decimals, e.g. `360,000.00`. */
export const formatYuan = (fen: number): string => {
  const yuan = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, "0");
  return `${yuan.toLocaleString("en-US")}.${cents}`;
};
