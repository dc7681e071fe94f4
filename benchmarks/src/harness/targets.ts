/* The targets of the report: a ratio of two cells, or of a cell and a bound, against what is needed. */

/** One target: `a / b` of two cells (a row and a column of the medians, else of `extra`), or of a cell and a constant, against what is needed. */
export interface Target {
  readonly target: string;
  readonly a: readonly [row: string, column: string];
  readonly b: readonly [row: string, column: string] | number;
  readonly needed: number;
  readonly sense: "≥" | "≤";
}

/** `a / b` of two columns of one row. */
export const target = (name: string, row: string, a: string, b: string, needed: number, sense: "≥" | "≤"): Target => ({ target: name, a: [row, a], b: [row, b], needed, sense });

/** A cell against a constant: `cell / bound` ≤ 1 (a peak RSS under a bound, say). */
export const bounded = (name: string, row: string, column: string, bound: number): Target => ({ target: name, a: [row, column], b: bound, needed: 1, sense: "≤" });

