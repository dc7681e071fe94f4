import type { RecordedEvent } from "@tenfold/core";

/*
 * Finds an event by its id, for idempotent appends, in under 20 bytes per event (a Map would
 * cost ~40): an open-addressing table of log indices, and each event's id hash by log index so
 * that growing the table never touches the events. Ids are read from the recorded events.
 */

/** @internal Log indices by event id: `slots` hold index + 1 (0: empty); `hashes[index]` is that event's id hash. */
export interface EventIdIndex {
  slots: Int32Array;
  hashes: Uint32Array;
  size: number;
}

const INITIAL_SLOTS = 1024;

const place = (slots: Int32Array, hash: number, entry: number): void => {
  const mask = slots.length - 1;
  let slot = hash & mask;
  while (slots[slot] !== 0) slot = (slot + 1) & mask;
  slots[slot] = entry;
};

// constructors

/** @internal An empty index. */
export const emptyEventIdIndex = (): EventIdIndex => ({
  slots: new Int32Array(INITIAL_SLOTS),
  hashes: new Uint32Array(INITIAL_SLOTS / 2),
  size: 0,
});

// utils

/** @internal The hash of an event id (FNV-1a over UTF-16 code units). */
export const hashEventId = (eventId: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < eventId.length; i++) h = Math.imul(h ^ eventId.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/** @internal The log index of the event with id `eventId` (whose hash is `hash`), or undefined. */
export const findEventId = (
  ids: EventIdIndex,
  events: ReadonlyArray<RecordedEvent>,
  eventId: string,
  hash: number,
): number | undefined => {
  const { slots, hashes } = ids;
  const mask = slots.length - 1;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const entry = slots[slot] ?? 0;
    if (entry === 0) return undefined;
    if (hashes[entry - 1] === hash && events[entry - 1]?.eventId === eventId) return entry - 1;
  }
};

/** @internal Adds the next log index, whose event id hashes to `hash`; keeps the table at most half full. */
export const addEventId = (ids: EventIdIndex, hash: number): void => {
  const index = ids.size;
  if (index === ids.hashes.length) {
    const hashes = new Uint32Array(index * 2);
    hashes.set(ids.hashes);
    ids.hashes = hashes;
  }
  ids.hashes[index] = hash;
  if ((index + 1) * 2 > ids.slots.length) {
    const old = ids.slots;
    ids.slots = new Int32Array(old.length * 2);
    for (const entry of old) if (entry !== 0) place(ids.slots, ids.hashes[entry - 1] ?? 0, entry);
  }
  place(ids.slots, hash, index + 1);
  ids.size++;
};
