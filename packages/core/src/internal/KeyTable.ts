/**
 * @internal
 * A table of strings outside the JavaScript heap: their code units in one byte array, each string
 * an entry number, found through an open-addressed table of those numbers. The base of the
 * compact indexes (`CompactIndex.ts`).
 */

/** FNV-1a over a string's UTF-16 code units: the table's hash. */
const hashOf = (key: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  // As an Int32Array stores it (the empty key's hash is the basis, above 2^31).
  return h | 0;
};

/** Whether every code unit of `key` fits in a byte (then it is stored one byte a unit). */
const isNarrow = (key: string): boolean => {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 0xff) return false;
  return true;
};

/** How many keys a table keeps in the heap before it moves them out (about 6 MB of `Map` at most). */
const SMALL_TABLE = 1 << 16;

/** The largest byte array and entry count a table holds (offsets are `Int32Array` entries). */
const MAX_BYTES = 0x7fffffff;

/** @internal A copy of `array` with room for `needed` elements, doubling (the array itself when it has room). */
export const grown = <A extends Int32Array | Uint32Array | Uint8Array>(array: A, needed: number, make: (n: number) => A): A => {
  if (needed <= array.length) return array;
  if (needed > MAX_BYTES) throw new RangeError(`a campaign's index cannot hold more than ${MAX_BYTES} bytes or entries`);
  let n = Math.max(16, array.length * 2);
  while (n < needed) n *= 2;
  n = Math.min(n, MAX_BYTES);
  const next = make(n);
  next.set(array);
  return next;
};

/**
 * @internal Strings, each an entry number in the order added: their characters in one byte array
 * (one byte a code unit when all fit, else two), found by hash. Entries are never removed.
 */
export class KeyTable {
  /**
   * While the table is small, its keys in a `Map` and an array (a lookup uses the string's cached
   * hash, and an entry costs ~100 bytes of heap); past `smallest` entries they move out of the heap.
   */
  private small: Map<string, number> | undefined = new Map();
  private smallKeys: string[] = [];
  private bytes = new Uint8Array(256);
  private used = 0;
  /** Where each entry's bytes end (they start where the entry before ends); negative when stored two bytes a unit. */
  private ends = new Int32Array(16);
  private hashes = new Int32Array(16);
  /** Entry number + 1 in each slot; 0 is free. Never more than three-quarters full. */
  private slots = new Int32Array(32);
  /** How many entries the table holds. */
  count = 0;

  /** An empty table, whose keys stay in the heap until it holds more than `smallest`. */
  constructor(private readonly smallest = SMALL_TABLE) {}

  /** The entry holding `key`, or -1. */
  find(key: string): number {
    if (this.small !== undefined) return this.small.get(key) ?? -1;
    return this.findHashed(key, hashOf(key));
  }

  /** The entry holding `key`, adding it when absent. */
  intern(key: string): number {
    if (this.small !== undefined) return this.small.get(key) ?? this.add(key);
    const hash = hashOf(key);
    const found = this.findHashed(key, hash);
    return found >= 0 ? found : this.append(key, hash);
  }

  /** Adds `key` as a new entry (it must be absent) and returns its number. */
  add(key: string): number {
    if (this.small === undefined) return this.append(key, hashOf(key));
    const e = this.count++;
    this.small.set(key, e);
    this.smallKeys.push(key);
    if (this.count > this.smallest) this.moveOut();
    return e;
  }

  /** The string of entry `entry`. */
  text(entry: number): string {
    if (this.small !== undefined) return this.smallKeys[entry] ?? "";
    const start = this.startOf(entry);
    const length = this.lengthOf(entry, start);
    if (length >= 0) return latin1(this.bytes, start, length);
    let out = "";
    for (let i = 0; i < -length; i++) out += String.fromCharCode((this.bytes[start + 2 * i] ?? 0) | ((this.bytes[start + 2 * i + 1] ?? 0) << 8));
    return out;
  }

  /** Whether the keys are still in the heap (a small table). */
  get inHeap(): boolean {
    return this.small !== undefined;
  }

  /** A new table of the entries whose number passes `keep`, in order; `renumber[old]` is each one's new number (or -1). */
  filtered(keep: (entry: number) => boolean): { readonly table: KeyTable; readonly renumber: Int32Array } {
    const table = new KeyTable(this.smallest);
    const renumber = new Int32Array(this.count).fill(-1);
    for (let e = 0; e < this.count; e++) if (keep(e)) renumber[e] = table.add(this.text(e));
    return { table, renumber };
  }

  /** Moves the keys out of the heap, each keeping its number. */
  private moveOut(): void {
    const keys = this.smallKeys;
    this.small = undefined;
    this.smallKeys = [];
    this.count = 0;
    for (const key of keys) this.append(key, hashOf(key));
  }

  private findHashed(key: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i] ?? 0;
      if (slot === 0) return -1;
      const e = slot - 1;
      if (this.hashes[e] === hash && this.equals(e, key)) return e;
    }
  }

  private equals(entry: number, key: string): boolean {
    const start = this.startOf(entry);
    const length = this.lengthOf(entry, start);
    const bytes = this.bytes;
    if (length >= 0) {
      if (key.length !== length) return false;
      for (let i = 0; i < length; i++) if (bytes[start + i] !== key.charCodeAt(i)) return false;
      return true;
    }
    if (key.length !== -length) return false;
    for (let i = 0; i < key.length; i++) if (((bytes[start + 2 * i] ?? 0) | ((bytes[start + 2 * i + 1] ?? 0) << 8)) !== key.charCodeAt(i)) return false;
    return true;
  }

  private append(key: string, hash: number): number {
    const e = this.count;
    const narrow = isNarrow(key);
    const size = narrow ? key.length : 2 * key.length;
    this.bytes = grown(this.bytes, this.used + size, (n) => new Uint8Array(n));
    if (narrow) for (let i = 0; i < key.length; i++) this.bytes[this.used + i] = key.charCodeAt(i);
    else
      for (let i = 0; i < key.length; i++) {
        const unit = key.charCodeAt(i);
        this.bytes[this.used + 2 * i] = unit & 0xff;
        this.bytes[this.used + 2 * i + 1] = unit >>> 8;
      }
    this.ends = grown(this.ends, e + 1, (n) => new Int32Array(n));
    this.hashes = grown(this.hashes, e + 1, (n) => new Int32Array(n));
    this.ends[e] = narrow ? this.used + size : -(this.used + size);
    this.hashes[e] = hash;
    this.used += size;
    this.count = e + 1;
    if (this.count * 4 > this.slots.length * 3) this.rehash(this.slots.length * 2);
    else this.place(e, hash);
    return e;
  }

  /** Where entry `entry`'s bytes start. */
  private startOf(entry: number): number {
    return entry === 0 ? 0 : Math.abs(this.ends[entry - 1] ?? 0);
  }

  /** Entry `entry`'s code units, negative when stored two bytes a unit. */
  private lengthOf(entry: number, start: number): number {
    const end = this.ends[entry] ?? 0;
    return end >= 0 ? end - start : -((-end - start) / 2);
  }

  private place(entry: number, hash: number): void {
    const mask = this.slots.length - 1;
    let i = hash & mask;
    while ((this.slots[i] ?? 0) !== 0) i = (i + 1) & mask;
    this.slots[i] = entry + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let e = 0; e < this.count; e++) this.place(e, this.hashes[e] ?? 0);
  }
}

/** Bytes as a string of the same code units. */
const latin1 = (bytes: Uint8Array, start: number, length: number): string => {
  if (length <= 16) {
    let out = "";
    for (let i = 0; i < length; i++) out += String.fromCharCode(bytes[start + i] ?? 0);
    return out;
  }
  let out = "";
  for (let at = start; at < start + length; at += 4096) out += String.fromCharCode(...bytes.subarray(at, Math.min(at + 4096, start + length)));
  return out;
};

