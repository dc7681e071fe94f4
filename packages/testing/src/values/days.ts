import type { Day } from "@tenfold/core";

/*
 * Day arithmetic on epoch days (days since 1970-01-01), valid for every Day from 0001-01-01 to
 * 9999-12-31. `Date.UTC` is avoided: it maps years 0–99 to 1900–1999.
 */

const MS_PER_DAY = 86_400_000;

/** @internal The first and last Day a history may hold. */
export const FIRST_DAY = "0001-01-01" as Day;
/** @internal The last Day. */
export const LAST_DAY = "9999-12-31" as Day;

/** @internal The epoch day of a Day. */
export const toEpochDay = (day: string): number => Math.round(Date.parse(`${day}T00:00:00.000Z`) / MS_PER_DAY);

/** @internal The Day of an epoch day. */
export const fromEpochDay = (n: number): Day => new Date(n * MS_PER_DAY).toISOString().slice(0, 10) as Day;

/** @internal `day` moved by `n` days (negative: earlier). */
export const addDays = (day: string, n: number): Day => fromEpochDay(toEpochDay(day) + n);

/** @internal Whole days from `a` to `b`. */
export const daysBetween = (a: string, b: string): number => toEpochDay(b) - toEpochDay(a);
