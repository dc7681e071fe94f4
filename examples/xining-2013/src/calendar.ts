/*
 * The campaign's calendar: every business date of the example is a day of 2013, built from a
 * month and a day of the month and moved by whole days. Pure arithmetic on UTC midnights.
 */

const DAY_MS = 86_400_000;

const pad = (n: number): string => String(n).padStart(2, "0");

/** The day `YYYY-MM-DD` of 2013 with this month (1–12) and day of the month. */
export const on = (month: number, date: number): string => `2013-${pad(month)}-${pad(date)}`;

/** The day `n` days after `day` (before it when `n` is negative). */
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** China's public holidays of 2013 (State Council schedule), first and last day. */
const HOLIDAYS: ReadonlyArray<readonly [string, string]> = [
  [on(1, 1), on(1, 3)],
  [on(2, 9), on(2, 15)],
  [on(4, 4), on(4, 6)],
  [on(4, 29), on(5, 1)],
  [on(6, 10), on(6, 12)],
  [on(9, 19), on(9, 21)],
  [on(10, 1), on(10, 7)],
];

const isDayOff = (day: string): boolean => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 || HOLIDAYS.some(([first, last]) => first <= day && day <= last);
};

/** `day` itself when it is a working day, else the next working day: offices meet the masses on working days. */
export const workday = (day: string): string => (isDayOff(day) ? workday(addDays(day, 1)) : day);

/** The campaign's key dates (see README, "Reading the source"). */
export const DATES = {
  /** "since March this year": launched on the first working day of March. */
  launched: on(3, 1),
  /** The department's organs split into eight Party-branch groups, cadres enrolled. */
  groupsFormed: on(3, 4),
  /** Each group given its seven contact points, with the implementation plan. */
  contactsAssigned: on(3, 8),
  /** The campaign closed at the year's end. */
  closed: on(12, 31),
} as const;
