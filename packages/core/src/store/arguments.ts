import type { ExpectedRevision } from "./ExpectedRevision.js";

/*
 * Checks of a store's arguments. A bad argument is a programmer error, not an outcome: it throws
 * a RangeError when the method is called, never when its task runs. Every Tenfold store uses them.
 */

const show = (value: unknown): string => {
  switch (typeof value) {
    case "bigint":
      return `${value}n`;
    case "string":
      return JSON.stringify(value);
    case "object":
      return value === null ? "null" : Array.isArray(value) ? "an array" : "an object";
    case "number":
    case "boolean":
    case "undefined":
      return String(value);
    case "symbol":
    case "function":
      return `a ${typeof value}`;
  }
};

/** @internal Throws a RangeError: `what`, and the value that was given. */
export const refuse = (what: string, value: unknown): never => {
  throw new RangeError(`${what}, got ${show(value)}`);
};

/** The stream id of a store call, when it is a non-empty string; else throws a RangeError. */
export const checkStreamId = (streamId: unknown): string =>
  typeof streamId === "string" && streamId.length > 0 ? streamId : refuse("streamId must be a non-empty string", streamId);

/** An expectation of one of the four kinds, Exact with a bigint revision; else throws a RangeError. */
export const checkExpectedRevision = (expected: unknown): ExpectedRevision => {
  if (typeof expected === "object" && expected !== null && "_tag" in expected) {
    const e = expected as ExpectedRevision;
    switch (e._tag) {
      case "Any":
      case "NoStream":
      case "StreamExists":
        return e;
      case "Exact":
        if (typeof e.revision === "bigint") return e;
        return refuse("an Exact expected revision needs a bigint revision", e.revision);
    }
  }
  return refuse("expected must be an ExpectedRevision (Any, NoStream, StreamExists or Exact)", expected);
};

/** A page size: a positive integer, `defaultCount` when absent; else throws a RangeError. */
export const checkMaxCount = (maxCount: unknown, defaultCount: number): number =>
  maxCount === undefined
    ? defaultCount
    : typeof maxCount === "number" && Number.isSafeInteger(maxCount) && maxCount >= 1
      ? maxCount
      : refuse("maxCount must be a positive integer (at least 1)", maxCount);

/** A stream revision to read from: a bigint ≥ 0n, 0n when absent; else throws a RangeError. */
export const checkFromRevision = (fromRevision: unknown): bigint =>
  fromRevision === undefined
    ? 0n
    : typeof fromRevision === "bigint" && fromRevision >= 0n
      ? fromRevision
      : refuse("fromRevision must be a bigint ≥ 0n", fromRevision);

/** A checkpoint: a position (bigint ≥ 0n), or undefined to start from the beginning; else throws a RangeError. */
export const checkAfter = (after: unknown): bigint | undefined =>
  after === undefined
    ? undefined
    : typeof after === "bigint" && after >= 0n
      ? after
      : refuse("after must be a position (a bigint ≥ 0n); leave it out to start from the beginning", after);
