import type { TaskResult } from "./config.js";
import { median } from "./measure.js";

/*
 * The report's `extra` rows of S1 and S7, which are not one value per implementation: the seal's
 * floor and cost (µs an event) and S7's split (µs a command).
 */

/** A row: numbers by column; null where nothing was measured. */
type Row = Record<string, number> | null;

/** Every value of `field` the successful children reported. */
export const valuesOf = (results: ReadonlyArray<TaskResult> | undefined, field: string): number[] =>
  (results ?? []).flatMap((r) => (r.ok && r.values[field] !== undefined ? [r.values[field]] : []));

/** The median of a value of some children, rounded to `digits` decimals; undefined when none reported it. */
export const medianOf = (results: ReadonlyArray<TaskResult> | undefined, field: string, digits: number): number | undefined => {
  const values = valuesOf(results, field);
  return values.length === 0 ? undefined : Math.round(median(values) * 10 ** digits) / 10 ** digits;
};

/** A row of the cells that are defined; null when none is. */
const rowOf = (cells: Record<string, number | undefined>): Row => {
  const defined = Object.entries(cells).filter((c): c is [string, number] => c[1] !== undefined);
  return defined.length === 0 ? null : Object.fromEntries(defined);
};

/** µs an event that the store of `more` costs above the store of `less`, from their median S1 rates. */
const costAbove = (more: ReadonlyArray<TaskResult> | undefined, less: ReadonlyArray<TaskResult> | undefined): number | undefined => {
  const a = medianOf(more, "rate", 6);
  const b = medianOf(less, "rate", 6);
  return a === undefined || b === undefined ? undefined : Math.round((1e6 / a - 1e6 / b) * 1000) / 1000;
};

/**
 * `extra.S1`: the S1 rates (events/s) of the store without the seal and the personal layer
 * (`tenfold-unsealed`) and with the seal alone (`tenfold-seal-only`), the seal's floor
 * (`seal-floor-us`: µs an event for the canonical JSON and SHA-256 of the S1 events, from the
 * sealed store's children), the sealed store's cost above the unsealed one (`seal-cost-us`: 1e6 /
 * sealed − 1e6 / unsealed, from the median rates; the seal and the personal layer), and the seal
 * alone's (`seal-only-cost-us`). Null when none of them ran.
 */
export const sealExtra = (sealed: ReadonlyArray<TaskResult> | undefined, unsealed: ReadonlyArray<TaskResult> | undefined, sealOnly?: ReadonlyArray<TaskResult>): Row =>
  rowOf({
    "tenfold-unsealed": medianOf(unsealed, "rate", 1),
    "tenfold-seal-only": medianOf(sealOnly, "rate", 1),
    "seal-floor-us": medianOf(sealed, "sealFloorUs", 3),
    "seal-cost-us": costAbove(sealed, unsealed),
    "seal-only-cost-us": costAbove(sealOnly, unsealed),
  });

/** `extra.S7`: µs per command in the decider, the store's appends, its reads, and the rest of the handler (`CommandSplit`), medians. */
export const commandExtra = (results: ReadonlyArray<TaskResult> | undefined): Row =>
  rowOf(Object.fromEntries(["decider", "append", "read", "rest"].map((part) => [`${part}-us`, medianOf(results, `${part}.us`, 3)])));

