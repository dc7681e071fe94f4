/*
 * Values written into SQL text, for the append script: sent as one simple query, it cannot carry
 * parameters. A string becomes a literal that reads back as the same string whatever
 * `standard_conforming_strings` says: quotes doubled, and, when it holds a backslash, an E''
 * literal with backslashes doubled (as `pg`'s escapeLiteral writes it). Numbers are integers only.
 */

/** @internal A SQL literal of a string, or NULL. */
export const literal = (value: string | null): string => {
  if (value === null) return "NULL";
  const quoted = value.replace(/'/g, "''");
  return value.includes("\\") ? ` E'${quoted.replace(/\\/g, "\\\\")}'` : `'${quoted}'`;
};

/** @internal A SQL integer of a bigint or a safe integer. */
export const integer = (value: bigint | number): string => {
  if (typeof value === "number" && !Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
  return value.toString();
};
