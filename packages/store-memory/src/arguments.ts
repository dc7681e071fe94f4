import { checkMaxCount as checkPageSize } from "@tenfold/core/adapter";

export { checkAfter, checkExpectedRevision as checkExpected, checkFromRevision, checkStreamId } from "@tenfold/core/adapter";

/*
 * Checks of arguments (core's, which every Tenfold store shares). A bad argument is a programmer
 * error, not an outcome: it throws a RangeError at once, when the method is called.
 */

/** The page size of `readStream` and `readAll` when no `maxCount` is given. */
export const DEFAULT_MAX_COUNT = 1000;

/** @internal A page size: a positive integer, {@link DEFAULT_MAX_COUNT} when absent. */
export const checkMaxCount = (maxCount: unknown): number => checkPageSize(maxCount, DEFAULT_MAX_COUNT);

/** @internal The options object, or an empty one when absent. */
export const checkOptions = <O extends object>(options: O | undefined): Partial<O> => options ?? {};
