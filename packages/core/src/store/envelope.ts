import type { CampaignEvent } from "../events/catalog.js";
import type { EventMetadata, NewEvent, RecordedEvent } from "./RecordedEvent.js";

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
}

/** Where a store recorded an event: its stream, its revision there and its global position. */
export interface RecordedPlace {
  readonly streamId: string;
  readonly streamRevision: bigint;
  readonly position: bigint;
}

/**
 * An event ready to append, from its fields: a new object holding exactly the envelope's fields,
 * the seal (`previousHash` and `hash`) only when both are given. The caller vouches that `type`
 * and `data` belong together (they come from a decoded event or command).
 */
export const newEvent = (fields: EnvelopeInput): NewEvent => {
  const { type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash } = fields;
  return (
    previousHash === undefined || hash === undefined
      ? { type, data, eventId, schemaVersion, recordedAt, metadata }
      : { type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash }
  ) as NewEvent;
};

/** An event as a store recorded it: the envelope's fields, then its place; frozen. */
export const recordedEvent = (event: EnvelopeInput, place: RecordedPlace): RecordedEvent => {
  const { type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash } = event;
  const { streamId, streamRevision, position } = place;
  return Object.freeze(
    previousHash === undefined || hash === undefined
      ? { type, data, eventId, schemaVersion, recordedAt, metadata, streamId, streamRevision, position }
      : { type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash, streamId, streamRevision, position },
  ) as RecordedEvent;
};
