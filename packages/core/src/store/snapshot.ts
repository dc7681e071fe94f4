import type { EventMetadata, NewEvent } from "./RecordedEvent.js";
import { refuse } from "./arguments.js";
import { newEvent } from "./envelope.js";
import { flatten, frozenCopy } from "./frozenCopy.js";

/*
 * What a store takes from an append, taken when `append` is called: the events checked (a bad
 * one is a programmer error and throws a RangeError then, never when the task runs) and copied
 * and frozen, so that nothing the caller changes afterwards reaches the store or its seal.
 */

/** The event at `at` of an append, when it has an event id, a type and metadata; else throws a RangeError naming the field. */
export const checkNewEvent = (event: unknown, at: string): NewEvent => {
  if (typeof event !== "object" || event === null) return refuse(`${at} must be an event object`, event);
  const { eventId, type, metadata } = event as Partial<Record<keyof NewEvent, unknown>>;
  if (typeof eventId !== "string" || eventId.length === 0) refuse(`${at}.eventId must be a non-empty string`, eventId);
  if (typeof type !== "string") refuse(`${at}.type must be a string`, type);
  if (typeof metadata !== "object" || metadata === null) refuse(`${at}.metadata must be an object`, metadata);
  return event as NewEvent;
};

/**
 * The events of an append, checked and copied now: each a frozen event whose data and metadata
 * are frozen deep copies (one copy for events that share a metadata object). Seal fields are
 * left out (a sealed store computes its own). Throws a RangeError naming the event and field of
 * the first thing wrong: not an array, not an object, an empty event id, a type that is not a
 * string, metadata that is not an object, or a value JSON cannot write.
 */
export const snapshotNewEvents = (events: unknown): ReadonlyArray<NewEvent> => {
  if (!Array.isArray(events)) return refuse("events must be an array of events", events);
  const snapshot: NewEvent[] = [];
  let lastMetadata: unknown = undefined;
  let lastCopy: EventMetadata | undefined;
  for (let i = 0; i < events.length; i++) {
    const at = `events[${i}]`;
    const event = checkNewEvent(events[i], at);
    if (lastCopy === undefined || event.metadata !== lastMetadata) {
      lastMetadata = event.metadata;
      lastCopy = frozenCopy(event.metadata, `${at}.metadata`);
    }
    const { type, schemaVersion } = event;
    const data = frozenCopy<NewEvent["data"]>(event.data, `${at}.data`);
    const recordedAt = typeof event.recordedAt === "string" ? flatten(event.recordedAt) : event.recordedAt;
    const personal = event.personal === undefined ? undefined : frozenCopy<NonNullable<NewEvent["personal"]>>(event.personal, `${at}.personal`);
    snapshot.push(Object.freeze(newEvent({ type, data, eventId: flatten(event.eventId), schemaVersion, recordedAt, metadata: lastCopy, personal })));
  }
  return snapshot;
};
