/*
 * The event ids of a history read so far, and the line of each, in about 20 bytes an id: a history
 * of ten million events must not hold ten million strings to find a repeated id. A UUID written in
 * lowercase is kept as its 128 bits in an open-addressing table; any other spelling (the codec
 * takes uppercase too, and two spellings are two ids) in a plain map beside it.
 */

// model

/** Event ids seen, each with the line it was first seen on. */
export interface EventIdIndex {
  /** Adds `id` first seen on `line` (≥ 1); when it was seen before, the earlier line instead (nothing is added). */
  readonly add: (id: string, line: number) => number | undefined;
  /** How many ids it holds. */
  readonly size: () => number;
}

// utils

/** The problem of an event id given to an earlier line, as import, export, stats and verify say it. */
export const repeatedEventId = (eventId: string, earlierLine: number): string => `eventId: "${eventId}" is already the id of line ${earlierLine}`;

/** The value of each lowercase hex digit's code unit; -1 for every other unit below 128. */
const DIGIT_VALUE = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) DIGIT_VALUE[d.toString(16).charCodeAt(0)] = d;

const DASH = 0x2d;

/**
 * Reads a UUID written in lowercase into `key`, its 32 digits as four 32-bit words in order (false,
 * `key` left in any state, for any other string): one pass over the code units, where a regular
 * expression and four `parseInt`s took about a microsecond an id.
 */
const readLowercaseUuid = (id: string, key: Uint32Array): boolean => {
  if (id.length !== 36) return false;
  let word = 0;
  let digits = 0;
  let w = 0;
  for (let i = 0; i < 36; i++) {
    const unit = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (unit !== DASH) return false;
      continue;
    }
    const value = unit < 128 ? (DIGIT_VALUE[unit] as number) : -1;
    if (value < 0) return false;
    word = (word << 4) | value;
    if (++digits === 8) {
      key[w++] = word;
      word = 0;
      digits = 0;
    }
  }
  return true;
};

/** The largest line number the table holds (32 bits; 0 marks an empty slot). */
const MAX_LINE = 0xffffffff;

/** The table grows (doubles) past this share of its slots. */
const MOST_FULL = 0.75;

/** Mixes 32 bits (murmur3's finaliser): test and sequential ids differ only in a few bits. */
const mix = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

// constructors

/** An empty index, with room for `expected` ids before it first grows. */
export const eventIdIndex = (expected = 1 << 16): EventIdIndex => {
  let capacity = 1 << Math.max(4, Math.ceil(Math.log2(expected / MOST_FULL)));
  let words = new Uint32Array(capacity * 4);
  /** The line of each slot; 0: empty. */
  let lines = new Uint32Array(capacity);
  let used = 0;
  const others = new Map<string, number>();
  const key = new Uint32Array(4);

  const slotOf = (k: Uint32Array, table: Uint32Array, taken: Uint32Array, mask: number): number => {
    let slot = mix((k[0] as number) ^ mix((k[1] as number) ^ mix((k[2] as number) ^ mix(k[3] as number)))) & mask;
    while (taken[slot] !== 0) {
      const at = slot * 4;
      if (table[at] === k[0] && table[at + 1] === k[1] && table[at + 2] === k[2] && table[at + 3] === k[3]) return slot;
      slot = (slot + 1) & mask;
    }
    return slot;
  };

  /** The line of the lowercase UUID read into `key`, if the table has it. */
  const find = (): number | undefined => {
    const slot = slotOf(key, words, lines, capacity - 1);
    return lines[slot] === 0 ? undefined : lines[slot];
  };

  const grow = (): void => {
    const [oldWords, oldLines] = [words, lines];
    capacity *= 2;
    words = new Uint32Array(capacity * 4);
    lines = new Uint32Array(capacity);
    const k = new Uint32Array(4);
    for (let slot = 0; slot < oldLines.length; slot++) {
      if (oldLines[slot] === 0) continue;
      k.set(oldWords.subarray(slot * 4, slot * 4 + 4));
      const to = slotOf(k, words, lines, capacity - 1);
      words.set(k, to * 4);
      lines[to] = oldLines[slot] as number;
    }
  };

  return {
    add: (id, line) => {
      // Another spelling, or a line past what 32 bits hold (a file of four billion lines), is kept as a string.
      const lowercase = readLowercaseUuid(id, key);
      if (!lowercase || line > MAX_LINE) {
        const earlier = others.get(id) ?? (lowercase ? find() : undefined);
        if (earlier === undefined) others.set(id, line);
        return earlier;
      }
      const slot = slotOf(key, words, lines, capacity - 1);
      if (lines[slot] !== 0) return lines[slot];
      const later = others.size === 0 ? undefined : others.get(id);
      if (later !== undefined) return later;
      words.set(key, slot * 4);
      lines[slot] = line;
      if (++used > capacity * MOST_FULL) grow();
      return undefined;
    },
    size: () => used + others.size,
  };
};
