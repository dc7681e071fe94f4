import { type EventMetadata, type NewEvent, type PersonalEntries } from "@tenfold/core";
import { checkNewEvent, flattenString as flatten, frozenJsonCopy } from "@tenfold/core/adapter";
import { hashEventId } from "./EventIdIndex.js";

/** @internal An event checked and copied when `append` is called, waiting for its place in the store. */
export interface Prepared {
  readonly type: NewEvent["type"];
  readonly data: NewEvent["data"];
  readonly eventId: string;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly metadata: EventMetadata;
  /** The seal's two hashes when the event was sealed before it came here (both or neither). */
  readonly previousHash: string | undefined;
  readonly hash: string | undefined;
  /** Schema 2's personal fields, kept verbatim (a frozen deep copy); undefined on a version-1 event. */
  readonly personal: PersonalEntries | undefined;
  /** Hash of `eventId`, for the store's index of event ids. */
  readonly idHash: number;
}

/** Shared by every event recorded without metadata, so that they cost nothing more. */
const NO_METADATA: EventMetadata = Object.freeze({ actor: null, correlationId: null, causationId: null });

const isEmptyMetadata = (m: EventMetadata): boolean =>
  m.actor === null && m.correlationId === null && m.causationId === null && Object.keys(m).length === 3;

/** An event's `personal`, checked and (with `copy`) copied; only called when the event has one. */
const preparePersonal = (personal: unknown, copy: boolean, at: string): PersonalEntries => {
  if (typeof personal !== "object" || personal === null || Array.isArray(personal)) {
    throw new RangeError(`${at}.personal must be an object from field name to its subject and commitment`);
  }
  return copy ? frozenJsonCopy(personal as PersonalEntries, `${at}.personal`) : (personal as PersonalEntries);
};

/**
 * @internal Checks and copies a batch: the copies are frozen, and nothing the caller keeps is aliased.
 * With `copy` false the data, metadata and personal entries are taken as they are: only for events that are frozen
 * deep copies already (what `withSeal` passes on). Throws a RangeError on a malformed event (a
 * programmer error).
 */
export const prepareBatch = (events: unknown, copy: boolean): ReadonlyArray<Prepared> => {
  if (!Array.isArray(events)) throw new RangeError("events must be an array of events");
  const batch: Prepared[] = [];
  let lastMetadata: unknown = undefined;
  let lastCopy = NO_METADATA;
  for (let i = 0; i < events.length; i++) {
    const at = `events[${i}]`;
    const event = checkNewEvent(events[i], at);
    if (event.metadata !== lastMetadata) {
      // Events of one batch usually share one metadata object: copy it once.
      lastMetadata = event.metadata;
      lastCopy = isEmptyMetadata(event.metadata) ? NO_METADATA : copy ? frozenJsonCopy(event.metadata, `${at}.metadata`) : event.metadata;
    }
    // Both hashes or neither: a half-sealed event is stored unsealed, as before.
    const sealed = typeof event.previousHash === "string" && typeof event.hash === "string";
    batch.push({
      type: event.type,
      data: copy ? frozenJsonCopy(event.data, `${at}.data`) : event.data,
      eventId: flatten(event.eventId),
      schemaVersion: event.schemaVersion,
      recordedAt: flatten(event.recordedAt),
      metadata: lastCopy,
      previousHash: sealed ? flatten(event.previousHash) : undefined,
      hash: sealed ? flatten(event.hash) : undefined,
      // A version-1 event has none: one read, no other work.
      personal: event.personal === undefined ? undefined : preparePersonal(event.personal, copy, at),
      idHash: hashEventId(event.eventId),
    });
  }
  return batch;
};
