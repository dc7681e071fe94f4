/**
 * @internal
 * Persistent, grow-only maps for fold states, so that `evolve` stays pure and O(1).
 *
 * A state holds a `version` and the shared {@link Lineage} of the maps it reads. Every entry is
 * stamped with the version that added it, and a state reads only entries stamped at or below its
 * own version, so older states keep seeing exactly what they saw. Extending the newest state of
 * a lineage writes in place; extending an older one (a branch) first copies what it can see.
 */

interface Entry<V> {
  readonly since: number;
  readonly value: V;
}

/** @internal Maps that grow together, and the newest version written to them. */
export interface Lineage<M extends object> {
  tip: number;
  readonly maps: M;
}

/** @internal A map of grow-only entries stamped by version. */
export type Index<V> = Map<string, Entry<V>>;

/** @internal Reads `key` as seen at `version`. */
export const lookup = <V>(index: Index<V>, version: number, key: string): V | undefined => {
  const entry = index.get(key);
  return entry !== undefined && entry.since <= version ? entry.value : undefined;
};

/** @internal Whether `key` is present as seen at `version`. */
export const has = (index: Index<unknown>, version: number, key: string): boolean => {
  const entry = index.get(key);
  return entry !== undefined && entry.since <= version;
};

/** @internal The values seen at `version`, in insertion order. */
export const valuesAt = function* <V>(index: Index<V>, version: number): Generator<V> {
  for (const entry of index.values()) if (entry.since <= version) yield entry.value;
};

/** @internal Adds `key` at `version` (the version being written). The key must be absent. */
export const insert = <V>(index: Index<V>, version: number, key: string, value: V): void => {
  index.set(key, { since: version, value });
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
  const maps: Record<string, Map<string, Entry<unknown>>> = {};
  for (const [name, index] of Object.entries(lineage.maps) as Array<[string, Map<string, Entry<unknown>>]>) {
    const copy = new Map<string, Entry<unknown>>();
    for (const [key, entry] of index) if (entry.since <= version) copy.set(key, entry);
    maps[name] = copy;
  }
  return { tip: version + 1, maps: maps as M };
};
