import { type ExpectedRevision, type NewEvent } from "@tenfold/core";
import { checkMaxCount as checkPageSize, checkNewEvent } from "@tenfold/core/adapter";
import type { ClientStreamState } from "./client.js";

export { checkAfter, checkFromRevision, checkStreamId } from "@tenfold/core/adapter";

/*
 * Checks of arguments: core's, which every Tenfold store shares, and EventStoreDB's own (UUID
 * event ids, revisions below 2⁶³). A bad argument is a programmer error and throws a RangeError
 * when the method is called, never when its task runs.
 */

/** Default page size of `readStream` and `readAll`. */
export const DEFAULT_MAX_COUNT = 1000;

/** Greatest revision EventStoreDB can hold (a signed 64-bit integer). */
export const MAX_REVISION = 2n ** 63n - 1n;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const show = (value: unknown): string =>
  typeof value === "bigint" ? `${value}n` : typeof value === "string" ? JSON.stringify(value) : value === null ? "null" : typeof value;

/** @internal A page size: a positive integer, {@link DEFAULT_MAX_COUNT} when absent. */
export const checkMaxCount = (maxCount: unknown): number => checkPageSize(maxCount, DEFAULT_MAX_COUNT);

/** @internal The events of an append: each with a UUID event id (EventStoreDB's requirement), a type and metadata. */
export const checkEvents = (events: unknown): ReadonlyArray<NewEvent> => {
  if (!Array.isArray(events)) throw new RangeError("events must be an array of events");
  events.forEach((event: unknown, i) => {
    const { eventId } = checkNewEvent(event, `events[${i}]`);
    if (!UUID.test(eventId)) throw new RangeError(`events[${i}].eventId must be a UUID (EventStoreDB identifies events by UUID), got ${show(eventId)}`);
  });
  return events as ReadonlyArray<NewEvent>;
};

/** @internal An exact revision that no stream can be at. */
export const UNREACHABLE = "unreachable";

/** @internal The client's expected revision for the port's: NO_STREAM, STREAM_EXISTS, ANY or the exact bigint. */
export const toClientExpected = (expected: unknown): ClientStreamState | typeof UNREACHABLE => {
  if (typeof expected === "object" && expected !== null && "_tag" in expected) {
    const e = expected as ExpectedRevision;
    switch (e._tag) {
      case "Any":
        return "any";
      case "NoStream":
        return "no_stream";
      case "StreamExists":
        return "stream_exists";
      case "Exact":
        // A revision no stream can be at (below 0n, above 2⁶³−1) is answered without asking the server.
        if (typeof e.revision === "bigint") return e.revision >= 0n && e.revision <= MAX_REVISION ? e.revision : UNREACHABLE;
        throw new RangeError(`an Exact expected revision needs a bigint revision, got ${show(e.revision)}`);
    }
  }
  throw new RangeError("expected must be an ExpectedRevision (Any, NoStream, StreamExists or Exact)");
};
