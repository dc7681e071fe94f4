import type { Count, Day, Fen, Id, Text } from "@tenfold/core";
import type { Subject } from "@tenfold/core/personal";
import fc from "fast-check";
import { FIRST_DAY, LAST_DAY, fromEpochDay, toEpochDay } from "./days.js";

// model

/** Options of {@link arbitraryId}. */
export interface IdConstraints {
  /** Fewest characters, from 1. @defaultValue 1 */
  readonly minLength?: number;
  /** Most characters, up to 64. @defaultValue 64 */
  readonly maxLength?: number;
}

/** Options of {@link arbitraryText}. */
export interface TextConstraints {
  /** Most units (see `unit`) before trimming, from 1 to 500. @defaultValue 40 */
  readonly maxLength?: number;
  /** What text is made of, as fast-check's `string` understands it. @defaultValue "grapheme" */
  readonly unit?: "grapheme" | "grapheme-ascii" | "binary" | "binary-ascii";
}

/** Options of {@link arbitraryDay}. */
export interface DayConstraints {
  /** The earliest day. @defaultValue "0001-01-01" */
  readonly min?: string;
  /** The latest day. @defaultValue "9999-12-31" */
  readonly max?: string;
}

/** Options of {@link arbitrarySubject}. */
export interface SubjectConstraints {
  /** The kinds of data subject. @defaultValue both, `cadre` and `contact` */
  readonly kinds?: ReadonlyArray<"cadre" | "contact">;
  /** The ids after the colon. @defaultValue arbitraryId() */
  readonly ids?: IdConstraints;
}

/** Options of {@link arbitraryCount}. */
export interface CountConstraints {
  /** Smallest count, from 0. @defaultValue 0 */
  readonly min?: number;
  /** Largest count. @defaultValue Number.MAX_SAFE_INTEGER */
  readonly max?: number;
}

/** Options of {@link arbitraryFen}. */
export interface FenConstraints {
  /** Smallest amount, from 1. @defaultValue 1 */
  readonly min?: number;
  /** Largest amount. @defaultValue Number.MAX_SAFE_INTEGER */
  readonly max?: number;
}

// utils

const ID_CHARS = Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");
const SHRINK_DAY = "2013-03-01";

/** @internal Throws a RangeError unless `n` is a whole number in [min, max] (bad constraints are programmer errors). */
export const checkWhole = (what: string, n: number, min: number, max: number): number => {
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new RangeError(`${what} must be a whole number from ${min} to ${max}, got ${n}`);
  return n;
};

const checkDay = (what: string, day: string): number => {
  const n = toEpochDay(day);
  if (!Number.isFinite(n) || fromEpochDay(n) !== day) throw new RangeError(`${what} must be a day YYYY-MM-DD, got ${JSON.stringify(day)}`);
  return n;
};

const codePoints = (s: string): number => Array.from(s).length;

// constructors

/**
 * Any {@link Id}: 1–64 characters from `A–Z a–z 0–9 . _ -`.
 * @example fc.sample(arbitraryId({ maxLength: 8 }), 3) // e.g. ["x", "Q-9_", "a.b"]
 */
export const arbitraryId = ({ minLength = 1, maxLength = 64 }: IdConstraints = {}): fc.Arbitrary<Id> => {
  checkWhole("minLength", minLength, 1, 64);
  checkWhole("maxLength", maxLength, minLength, 64);
  return fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength, maxLength }).map((s) => s as Id);
};

/**
 * Any data subject (DOMAIN.md, personal data): `cadre:<Id>` or `contact:<Id>`.
 * @example fc.sample(arbitrarySubject({ kinds: ["contact"] }), 2) // e.g. ["contact:k", "contact:0._"]
 */
export const arbitrarySubject = ({ kinds = ["cadre", "contact"], ids }: SubjectConstraints = {}): fc.Arbitrary<Subject> => {
  if (kinds.length === 0) throw new RangeError("kinds must name at least one kind of subject");
  return fc.tuple(fc.constantFrom(...kinds), arbitraryId(ids)).map(([kind, id]) => `${kind}:${id}` as Subject);
};

/** Any {@link Text}: trimmed, non-empty, at most 500 characters (code points). */
export const arbitraryText = ({ maxLength = 40, unit = "grapheme" }: TextConstraints = {}): fc.Arbitrary<Text> => {
  checkWhole("maxLength", maxLength, 1, 500);
  return fc
    .string({ unit, minLength: 1, maxLength })
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && codePoints(s) <= 500)
    .map((s) => s as Text);
};

/** Any {@link Day} from `min` to `max`, both included; shrinks towards 2013-03-01 when in range. */
export const arbitraryDay = ({ min = FIRST_DAY, max = LAST_DAY }: DayConstraints = {}): fc.Arbitrary<Day> => {
  const lo = checkDay("min", min);
  const hi = checkDay("max", max);
  if (lo < toEpochDay(FIRST_DAY) || hi > toEpochDay(LAST_DAY) || lo > hi) {
    throw new RangeError(`days must satisfy ${FIRST_DAY} ≤ min ≤ max ≤ ${LAST_DAY}, got ${min} and ${max}`);
  }
  const anchor = Math.min(hi, Math.max(lo, toEpochDay(SHRINK_DAY)));
  return fc.integer({ min: lo - anchor, max: hi - anchor }).map((offset) => fromEpochDay(anchor + offset));
};

/** Any {@link Count}: a whole number from `min` to `max`. */
export const arbitraryCount = ({ min = 0, max = Number.MAX_SAFE_INTEGER }: CountConstraints = {}): fc.Arbitrary<Count> => {
  checkWhole("min", min, 0, Number.MAX_SAFE_INTEGER);
  checkWhole("max", max, min, Number.MAX_SAFE_INTEGER);
  return fc.integer({ min, max }).map((n) => n as Count);
};

/** Any {@link Fen} amount: a whole number of fen from `min` to `max`. */
export const arbitraryFen = ({ min = 1, max = Number.MAX_SAFE_INTEGER }: FenConstraints = {}): fc.Arbitrary<Fen> => {
  checkWhole("min", min, 1, Number.MAX_SAFE_INTEGER);
  checkWhole("max", max, min, Number.MAX_SAFE_INTEGER);
  return fc.integer({ min, max }).map((n) => n as Fen);
};
