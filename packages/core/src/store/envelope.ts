import type { CampaignEvent } from "../events/catalog.js";
import type { EventMetadata, NewEvent, PersonalEntries, RecordedEvent } from "./RecordedEvent.js";

/*
 * The one place an envelope is built. Every event a store, a seal or the handler makes passes
 * through these two functions, so every envelope has the same fields in the same order (and, on
 * V8, the same hidden class: a spread copy `{ ...event, hash }` gets a map of its own, costs
 * microseconds and makes later reads of its fields megamorphic). A new envelope field is one edit
 * here and one in `RecordedEvent.ts`.
 */

/** The fields of an envelope, as {@link newEvent} takes them: a {@link NewEvent}'s, the seal optional. */
export interface EnvelopeInput {
  readonly type: CampaignEvent["type"];
  readonly data: CampaignEvent["data"];
  readonly eventId: string;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly metadata: EventMetadata;
  /** Kept only together with `hash`. */
  readonly previousHash?: string | undefined;
  /** Kept only together with `previousHash`. */
  readonly hash?: string | undefined;
  /** Schema 2's personal fields; kept when given. */
  readonly personal?: PersonalEntries | undefined;
  /** The personal fields whose values are gone; kept when given and not empty. */
  readonly erased?: ReadonlyArray<string> | undefined;
}

/** Where a store recorded an event: its stream, its revision there and its global position. */
export interface RecordedPlace {
  readonly streamId: string;
  readonly streamRevision: bigint;
  readonly position: bigint;
}

/** The optional members of an envelope after the seal, in their order: `personal`, then `erased`. */
const withPersonal = <T extends object>(envelope: T, personal: PersonalEntries | undefined, erased: ReadonlyArray<string> | undefined): T => {
  if (personal === undefined) return envelope;
  const out = envelope as T & { personal?: PersonalEntries; erased?: ReadonlyArray<string> };
  out.personal = personal;
  if (erased !== undefined && erased.length > 0) out.erased = erased;
  return out;
};

/**
 * An event ready to append, from its fields: a new object holding exactly the envelope's fields,
 * the seal (`previousHash` and `hash`) only when both are given, then `personal` and `erased` when
 * given. The caller vouches that `type` and `data` belong together (they come from a decoded event
 * or command).
 */
export const newEvent = (fields: EnvelopeInput): NewEvent => {
  const { type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash, personal, erased } = fields;
  const envelope =
    previousHash === undefined || hash === undefined
      ? { type, data, eventId, schemaVersion, recordedAt, metadata }
      : { type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash };
  return withPersonal(envelope, personal, erased) as NewEvent;
};

/** An event as a store recorded it: the envelope's fields, then its place; frozen. */
export const recordedEvent = (event: EnvelopeInput, place: RecordedPlace): RecordedEvent => {
  const { type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash, personal, erased } = event;
  const { streamId, streamRevision, position } = place;
  if (personal === undefined) {
    return Object.freeze(
      previousHash === undefined || hash === undefined
        ? { type, data, eventId, schemaVersion, recordedAt, metadata, streamId, streamRevision, position }
        : { type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash, streamId, streamRevision, position },
    ) as RecordedEvent;
  }
  const envelope =
    previousHash === undefined || hash === undefined
      ? { type, data, eventId, schemaVersion, recordedAt, metadata, personal, streamId, streamRevision, position }
      : { type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash, personal, streamId, streamRevision, position };
  return Object.freeze(erased !== undefined && erased.length > 0 ? { ...envelope, erased } : envelope) as RecordedEvent;
};
