/**
 * @internal
 * Persistent, grow-only maps for fold states, so that `evolve` stays pure and O(1).
 *
 * A state holds a `version` and the shared {@link Lineage} of the maps it reads. Every entry is
 * stamped with the version that added it (a value and its stamp; a record holding its own stamp;
 * a set's key with its stamp alone), and a state reads only entries stamped at or below its own
 * version, so older states keep seeing exactly what they saw. Extending the newest state of
 * a lineage writes in place; extending an older one (a branch) first copies what it can see.
 */

/** @internal What every stored entry carries: the version that added it. */
export interface Stamped {
  readonly since: number;
}

interface Entry<V> extends Stamped {
  readonly value: V;
}

/** @internal Maps that grow together, and the newest version written to them. */
export interface Lineage<M extends object> {
  tip: number;
  readonly maps: M;
}

/** @internal A map of grow-only entries stamped by version. */
export type Index<V> = Map<string, Entry<V>>;

/** @internal A map of grow-only records, each stamped in its own `since`: one object an entry, not a value and its stamp. */
export type RecordIndex<R extends Stamped> = Map<string, R>;

/** @internal A grow-only set: each key with the version that added it, and nothing else. */
export type SetIndex = Map<string, number>;

/** The version that added an entry of any kind of index. */
const sinceOf = (entry: Stamped | number): number => (typeof entry === "number" ? entry : entry.since);

/** @internal Reads `key` as seen at `version`. */
export const lookup = <V>(index: Index<V>, version: number, key: string): V | undefined => {
  const entry = index.get(key);
  return entry !== undefined && entry.since <= version ? entry.value : undefined;
};

/** @internal Reads the record `key` as seen at `version`. */
export const lookupRecord = <R extends Stamped>(index: RecordIndex<R>, version: number, key: string): R | undefined => {
  const record = index.get(key);
  return record !== undefined && record.since <= version ? record : undefined;
};

/** @internal Whether `key` is present as seen at `version`, in an index of any kind. */
export const has = (index: ReadonlyMap<string, Stamped | number>, version: number, key: string): boolean => {
  const entry = index.get(key);
  return entry !== undefined && sinceOf(entry) <= version;
};

/** @internal The values seen at `version`, in insertion order. */
export const valuesAt = function* <V>(index: Index<V>, version: number): Generator<V> {
  for (const entry of index.values()) if (entry.since <= version) yield entry.value;
};

/** @internal Adds `key` at `version` (the version being written). The key must be absent. */
export const insert = <V>(index: Index<V>, version: number, key: string, value: V): void => {
  index.set(key, { since: version, value });
};

/** @internal Adds the record `key`, stamped with the version being written. The key must be absent. */
export const insertRecord = <R extends Stamped>(index: RecordIndex<R>, key: string, record: R): void => {
  index.set(key, record);
};

/** @internal Adds `key` to a set at `version` (the version being written). The key must be absent. */
export const insertKey = (index: SetIndex, version: number, key: string): void => {
  index.set(key, version);
};

/** @internal Starts a lineage of empty maps. */
export const newLineage = <M extends object>(maps: M): Lineage<M> => ({
  tip: 0,
  maps,
});

/**
 * @internal Returns a lineage in which version `version + 1` may be written: the same one when
 * `version` is its tip, else a copy holding only what `version` sees.
 */
export const extend = <M extends object>(lineage: Lineage<M>, version: number): Lineage<M> => {
  if (lineage.tip === version) {
    lineage.tip = version + 1;
    return lineage;
  }
  const maps: Record<string, Map<string, Stamped | number>> = {};
  for (const [name, index] of Object.entries(lineage.maps) as Array<[string, Map<string, Stamped | number>]>) {
    const copy = new Map<string, Stamped | number>();
    for (const [key, entry] of index) if (sinceOf(entry) <= version) copy.set(key, entry);
    maps[name] = copy;
  }
  return { tip: version + 1, maps: maps as M };
};
