import type { TaskResult } from "../harness/config.js";
import { median } from "../harness/measure.js";

/** S12's values (`measurePersonalData`) in the order the report and the table give them. */
export const PERSONAL_VALUES = [
  "events",
  "personalValues",
  "append.personal",
  "append.bare",
  "append.layer",
  "append.perValue",
  "read.personal",
  "read.bare",
  "read.layer",
  "read.perValue",
  "floor.commit",
  "floor.encrypt",
  "floor.append",
  "floor.decrypt",
] as const;

/** `extra.S12` of the report: the median over S12's processes of each value (µs; counts for `events` and `personalValues`); null when it did not run. */
export const personalExtra = (results: ReadonlyArray<TaskResult> | undefined): Record<string, number> | null => {
  const ok = (results ?? []).flatMap((r) => (r.ok ? [r.values] : []));
  if (ok.length === 0) return null;
  return Object.fromEntries(PERSONAL_VALUES.map((v) => [v, Math.round(median(ok.map((values) => values[v] ?? Number.NaN)) * 1000) / 1000]));
};
