import type * as t from "io-ts";
import { refine, show, stringOf } from "./refine.js";

// model

/** Brand of {@link Day}. */
export interface DayBrand {
  readonly Day: unique symbol;
}

/** A calendar date `YYYY-MM-DD` that exists. Days compare correctly as strings. */
export type Day = t.Branded<string, DayBrand>;

// refinements

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Number of days in a month (1–12) of a year. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const explain = (s: string): string | undefined => {
  const m = DAY_PATTERN.exec(s);
  if (m === null) return `expected a day as YYYY-MM-DD, got ${show(s)}`;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return `${s} is not a calendar date`;
  }
  return undefined;
};

// constructors

/**
 * Codec of {@link Day}; refuses dates that do not exist.
 * @example
 * Day.is("2013-03-01") // true
 * Day.is("2013-02-30") // false
 */
export const Day = refine<string, string, Day>("Day", stringOf("a day as YYYY-MM-DD"), explain);

// utils

/** The later of two days. */
export const laterDay = (a: Day, b: Day): Day => (a >= b ? a : b);
