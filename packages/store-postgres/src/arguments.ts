import { type NewEvent } from "@tenfold/core";
import { checkMaxCount as checkPageSize, checkNewEvent } from "@tenfold/core/adapter";

export { checkAfter, checkExpectedRevision, checkFromRevision, checkStreamId } from "@tenfold/core/adapter";

/*
 * Checks of arguments: core's, which every Tenfold store shares, and PostgreSQL's own (event ids
 * are stored as uuid, which reads back in lowercase, so only lowercase UUIDs keep their seal).
 * A bad argument is a programmer error and throws a RangeError when the method is called.
 */

/** Default page size of `readStream` and `readAll`. */
export const DEFAULT_MAX_COUNT = 1000;

/** Greatest revision or position PostgreSQL's bigint holds. */
export const MAX_BIGINT = 2n ** 63n - 1n;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** @internal A page size: a positive integer, {@link DEFAULT_MAX_COUNT} when absent. */
export const checkMaxCount = (maxCount: unknown): number => checkPageSize(maxCount, DEFAULT_MAX_COUNT);

/** @internal The events of an append, each with a lowercase UUID event id. */
export const checkEvents = (events: unknown): ReadonlyArray<NewEvent> => {
  if (!Array.isArray(events)) throw new RangeError("events must be an array of events");
  events.forEach((event: unknown, i) => {
    const { eventId } = checkNewEvent(event, `events[${i}]`);
    if (!UUID.test(eventId)) {
      throw new RangeError(`events[${i}].eventId must be a lowercase UUID (PostgreSQL stores event ids as uuid and reads them back in lowercase), got ${JSON.stringify(eventId)}`);
    }
  });
  return events as ReadonlyArray<NewEvent>;
};
