/**
 * @internal
 * Grow-only indexes kept outside the JavaScript heap, for the states that remember one entry an
 * event: a history of ten million events remembers millions of ids, and as `Map` entries (an
 * entry, a string and a record each, ~100 bytes) they are what the garbage collector walks again
 * and again. Here an index is a few typed arrays: the ids' characters in one byte array, found
 * through an open-addressed table of entry numbers; each entry's stamp (the version that added it)
 * in a column; a record's fields in `Int32Array` columns, its strings as numbers of a shared
 * {@link Names} table. About 25 bytes an id and 4 a field, and nothing for the collector to trace.
 * A small index (up to 65,536 ids) keeps its ids in a `Map` first, where a lookup uses the
 * string's cached hash (`KeyTable`); only its stamps and fields are in typed arrays from the start.
 *
 * The semantics are those of `GrowOnlyIndex`: a state of version `v` sees the entries stamped at
 * or below `v`; only the newest state of a lineage writes; a branch gets a copy (`copyAt`) of what
 * its version sees.
 */

import { grown, KeyTable } from "./KeyTable.js";

/** The largest version a stamp holds (32 bits: four billion events in one campaign). */
const MAX_VERSION = 0xffffffff;

/**
 * @internal Strings that records refer to (ids of other entities, days, kinds), each stored once
 * for a lineage and its branches. Append-only and never versioned: a name being known decides
 * nothing; only the records that use it are stamped.
 */
export class Names {
  private readonly table: KeyTable;
  private readonly cache: string[] = [];

  /** An empty table of names (`smallest`: see {@link KeyTable}). */
  constructor(smallest?: number) {
    this.table = new KeyTable(smallest);
  }

  /** The number of `name`, adding it when new. */
  of(name: string): number {
    return this.table.intern(name);
  }

  /** The name numbered `n`. */
  name(n: number): string {
    const cached = this.cache[n];
    if (cached !== undefined) return cached;
    const text = this.table.text(n);
    // The few names records share most (days, groups, kinds) are looked up often: keep the first ones.
    if (n < 4096) this.cache[n] = text;
    return text;
  }
}

/** @internal A grow-only set of ids, each stamped with the version that added it. */
export class StampedSet {
  protected keys: KeyTable;
  protected stamps = new Uint32Array(16);

  /** An empty set (`smallest`: how many ids it keeps in the heap, see {@link KeyTable}). */
  constructor(protected readonly smallest?: number) {
    this.keys = new KeyTable(smallest);
  }

  /** How many ids the set holds (at any version). */
  get size(): number {
    return this.keys.count;
  }

  /** Whether `key` is present as seen at `version`. */
  has(version: number, key: string): boolean {
    const e = this.keys.find(key);
    return e >= 0 && (this.stamps[e] ?? 0) <= version;
  }

  /** Adds `key` at `version` (the version being written), or restamps it when present; its entry number. */
  add(version: number, key: string): number {
    const found = this.keys.find(key);
    if (version > MAX_VERSION) throw new RangeError(`a campaign's index holds versions up to ${MAX_VERSION}, not ${version}`);
    const e = found >= 0 ? found : this.keys.add(key);
    this.stamps = grown(this.stamps, e + 1, (n) => new Uint32Array(n));
    this.stamps[e] = version;
    return e;
  }

  /** Adds `key` at `version` unless that version sees it already; whether it was new. */
  mark(version: number, key: string): boolean {
    const e = this.keys.find(key);
    if (e >= 0 && (this.stamps[e] ?? 0) <= version) return false;
    this.add(version, key);
    return true;
  }

  /** A copy holding only what `version` sees, for a branch. */
  copyAt(version: number): StampedSet {
    const copy = new StampedSet(this.smallest);
    this.copyInto(copy, version);
    return copy;
  }

  /** Fills `copy` with the entries `version` sees; the old entry numbers to the new (or -1). */
  protected copyInto(copy: StampedSet, version: number): Int32Array {
    const { table, renumber } = this.keys.filtered((e) => (this.stamps[e] ?? 0) <= version);
    copy.keys = table;
    copy.stamps = new Uint32Array(Math.max(16, table.count));
    for (let e = 0; e < renumber.length; e++) {
      const to = renumber[e] ?? -1;
      if (to >= 0) copy.stamps[to] = this.stamps[e] ?? 0;
    }
    return renumber;
  }
}

/** @internal How a record is laid out in `width` numbers: strings as {@link Names}, lists in the index's own list store. */
export interface RecordLayout<R> {
  readonly width: number;
  /** Writes `record`'s fields at `out[at .. at + width)`. */
  readonly write: (record: R, out: Int32Array, at: number, store: FieldStore) => void;
  /** Reads the record at `row[at .. at + width)`, stamped `since`. */
  readonly read: (row: Int32Array, at: number, since: number, store: FieldStore) => R;
}

/** @internal What a layout writes strings and lists of strings to. */
export interface FieldStore {
  readonly names: Names;
  /** Stores a list of names; where it starts (its length is the layout's to keep). */
  readonly pushList: (names: ReadonlyArray<string>) => number;
  /** The list of `length` names stored at `start`. */
  readonly list: (start: number, length: number) => ReadonlyArray<string>;
}

/** @internal A grow-only map of ids to records, each stamped with the version that added it. */
export class StampedRecords<R> extends StampedSet {
  private fields: Int32Array;
  private lists = new Int32Array(16);
  private listsUsed = 0;
  private readonly store: FieldStore;

  /** An empty index of records laid out by `layout`, naming strings in `names` (shared by a lineage). */
  constructor(
    private readonly layout: RecordLayout<R>,
    names: Names,
    smallest?: number,
  ) {
    super(smallest);
    this.fields = new Int32Array(16 * layout.width);
    this.store = {
      names,
      pushList: (xs) => {
        const start = this.listsUsed;
        this.lists = grown(this.lists, start + xs.length, (n) => new Int32Array(n));
        for (let i = 0; i < xs.length; i++) this.lists[start + i] = names.of(xs[i] ?? "");
        this.listsUsed += xs.length;
        return start;
      },
      list: (start, length) => {
        const out: string[] = [];
        for (let i = 0; i < length; i++) out.push(names.name(this.lists[start + i] ?? 0));
        return out;
      },
    };
  }

  /** The record `key` as seen at `version`, or undefined. */
  get(version: number, key: string): R | undefined {
    const e = this.keys.find(key);
    if (e < 0) return undefined;
    const since = this.stamps[e] ?? 0;
    return since <= version ? this.layout.read(this.fields, e * this.layout.width, since, this.store) : undefined;
  }

  /** Adds (or replaces) the record `key` at `version`, the version being written. */
  put(version: number, key: string, record: R): void {
    const e = this.add(version, key);
    const width = this.layout.width;
    this.fields = grown(this.fields, (e + 1) * width, (n) => new Int32Array(n));
    this.layout.write(record, this.fields, e * width, this.store);
  }

  /** A copy holding only what `version` sees, for a branch (its names still shared). */
  override copyAt(version: number): StampedRecords<R> {
    const copy = new StampedRecords(this.layout, this.store.names, this.smallest);
    const renumber = this.copyInto(copy, version);
    const width = this.layout.width;
    // A row's strings are numbers of the shared names and its lists places in the list store: both carry over as they are.
    copy.fields = new Int32Array(Math.max(16, renumber.length) * width);
    for (let e = 0; e < renumber.length; e++) {
      const to = renumber[e] ?? -1;
      if (to >= 0) copy.fields.set(this.fields.subarray(e * width, (e + 1) * width), to * width);
    }
    copy.lists = this.lists.slice();
    copy.listsUsed = this.listsUsed;
    return copy;
  }
}
