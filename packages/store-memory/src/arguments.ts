import type { ExpectedRevision } from "@tenfold/core";

/*
 * Checks of arguments. A bad argument is a programmer error, not an outcome: it throws a
 * RangeError at once, when the method is called, never when its task runs.
 */

/** The page size of `readStream` and `readAll` when no `maxCount` is given. */
export const DEFAULT_MAX_COUNT = 1000;

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

const fail = (what: string, value: unknown): never => {
  throw new RangeError(`${what}, got ${show(value)}`);
};

/** @internal The stream id, when it is a non-empty string. */
export const checkStreamId = (streamId: unknown): string =>
  typeof streamId === "string" && streamId.length > 0 ? streamId : fail("streamId must be a non-empty string", streamId);

/** @internal A page size: a positive integer, {@link DEFAULT_MAX_COUNT} when absent. */
export const checkMaxCount = (maxCount: unknown): number =>
  maxCount === undefined
    ? DEFAULT_MAX_COUNT
    : typeof maxCount === "number" && Number.isSafeInteger(maxCount) && maxCount >= 1
      ? maxCount
      : fail("maxCount must be a positive integer (at least 1)", maxCount);

/** @internal A stream revision to read from: a bigint ≥ 0n, 0n when absent. */
export const checkFromRevision = (fromRevision: unknown): bigint =>
  fromRevision === undefined
    ? 0n
    : typeof fromRevision === "bigint" && fromRevision >= 0n
      ? fromRevision
      : fail("fromRevision must be a bigint ≥ 0n", fromRevision);

/** @internal A checkpoint: a position (bigint ≥ 0n), or undefined to start from the beginning. */
export const checkAfter = (after: unknown): bigint | undefined =>
  after === undefined
    ? undefined
    : typeof after === "bigint" && after >= 0n
      ? after
      : fail("after must be a position (a bigint ≥ 0n); leave it out to start from the beginning", after);

/** @internal The options object, or an empty one when absent. */
export const checkOptions = <O extends object>(options: O | undefined): Partial<O> => options ?? {};

/** @internal An expectation of one of the four kinds, Exact with a bigint revision. */
export const checkExpected = (expected: unknown): ExpectedRevision => {
  if (typeof expected === "object" && expected !== null && "_tag" in expected) {
    const e = expected as ExpectedRevision;
    switch (e._tag) {
      case "Any":
      case "NoStream":
      case "StreamExists":
        return e;
      case "Exact":
        if (typeof e.revision === "bigint") return e;
        return fail("an Exact expected revision needs a bigint revision", e.revision);
    }
  }
  return fail("expected must be an ExpectedRevision (Any, NoStream, StreamExists or Exact)", expected);
};
