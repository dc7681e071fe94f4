import { ANY, type AppendExpectedRevision, NO_STREAM, STREAM_EXISTS } from "@eventstore/db-client";
import type { ExpectedRevision, NewEvent } from "@tenfold/core";

/*
 * Checks of arguments, as in the in-memory store: a bad argument is a programmer error and
 * throws a RangeError when the method is called, never when its task runs.
 */

/** Default page size of `readStream` and `readAll`. */
export const DEFAULT_MAX_COUNT = 1000;

/** Greatest revision EventStoreDB can hold (a signed 64-bit integer). */
export const MAX_REVISION = 2n ** 63n - 1n;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const show = (value: unknown): string =>
  typeof value === "bigint" ? `${value}n` : typeof value === "string" ? JSON.stringify(value) : value === null ? "null" : typeof value;

/** @internal The stream id, when it is a non-empty string. */
export const checkStreamId = (streamId: unknown): string => {
  if (typeof streamId === "string" && streamId.length > 0) return streamId;
  throw new RangeError(`streamId must be a non-empty string, got ${show(streamId)}`);
};

/** @internal A page size: a positive integer, {@link DEFAULT_MAX_COUNT} when absent. */
export const checkMaxCount = (maxCount: unknown): number => {
  if (maxCount === undefined) return DEFAULT_MAX_COUNT;
  if (typeof maxCount === "number" && Number.isSafeInteger(maxCount) && maxCount >= 1) return maxCount;
  throw new RangeError(`maxCount must be a positive integer (at least 1), got ${show(maxCount)}`);
};

/** @internal A revision or position: a bigint ≥ 0n, or undefined. */
export const checkBigint = (value: unknown, what: string): bigint | undefined => {
  if (value === undefined || (typeof value === "bigint" && value >= 0n)) return value;
  throw new RangeError(`${what} must be a bigint ≥ 0n, got ${show(value)}`);
};

/** @internal The events of an append: each with a UUID event id (EventStoreDB's requirement), a type and metadata. */
export const checkEvents = (events: unknown): ReadonlyArray<NewEvent> => {
  if (!Array.isArray(events)) throw new RangeError("events must be an array of events");
  events.forEach((event: unknown, i) => {
    if (typeof event !== "object" || event === null) throw new RangeError(`events[${i}] must be an event object`);
    const { eventId, type, metadata } = event as Partial<Record<keyof NewEvent, unknown>>;
    if (typeof eventId !== "string" || !UUID.test(eventId)) {
      throw new RangeError(`events[${i}].eventId must be a UUID (EventStoreDB identifies events by UUID), got ${show(eventId)}`);
    }
    if (typeof type !== "string") throw new RangeError(`events[${i}].type must be a string`);
    if (typeof metadata !== "object" || metadata === null) throw new RangeError(`events[${i}].metadata must be an object`);
  });
  return events as ReadonlyArray<NewEvent>;
};

/** @internal An exact revision that no stream can be at. */
export const UNREACHABLE = "unreachable";

/** @internal The client's expected revision for the port's: NO_STREAM, STREAM_EXISTS, ANY or the exact bigint. */
export const toClientExpected = (expected: unknown): AppendExpectedRevision | typeof UNREACHABLE => {
  if (typeof expected === "object" && expected !== null && "_tag" in expected) {
    const e = expected as ExpectedRevision;
    switch (e._tag) {
      case "Any":
        return ANY;
      case "NoStream":
        return NO_STREAM;
      case "StreamExists":
        return STREAM_EXISTS;
      case "Exact":
        // A revision no stream can be at (below 0n, above 2⁶³−1) is answered without asking the server.
        if (typeof e.revision === "bigint") return e.revision >= 0n && e.revision <= MAX_REVISION ? e.revision : UNREACHABLE;
        throw new RangeError(`an Exact expected revision needs a bigint revision, got ${show(e.revision)}`);
    }
  }
  throw new RangeError("expected must be an ExpectedRevision (Any, NoStream, StreamExists or Exact)");
};
