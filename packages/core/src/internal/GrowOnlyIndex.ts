/**
 * @internal
 * Persistent, grow-only maps for fold states, so that `evolve` stays pure and O(1). The indexes
 * that grow with every event live outside the heap (`CompactIndex.ts`); the few that hold objects
 * (the statistics' groups) are `Map`s of values stamped here. `extend` branches both kinds.
 *
 * A state holds a `version` and the shared {@link Lineage} of the indexes it reads. Every entry is
 * stamped with the version that added it, and a state reads only entries stamped at or below its
 * own version, so older states keep seeing exactly what they saw. Extending the newest state of a
 * lineage writes in place; extending an older one (a branch) first copies what it can see.
 */

import { StampedSet } from "./CompactIndex.js";

/** @internal What every stored entry carries: the version that added it. */
export interface Stamped {
  readonly since: number;
}

interface Entry<V> extends Stamped {
  readonly value: V;
}

/** @internal Indexes that grow together, and the newest version written to them. */
export interface Lineage<M extends object> {
  tip: number;
  readonly maps: M;
}

/** @internal A map of grow-only values stamped by version. */
export type Index<V> = Map<string, Entry<V>>;

/** @internal Reads `key` as seen at `version`. */
export const lookup = <V>(index: Index<V>, version: number, key: string): V | undefined => {
  const entry = index.get(key);
  return entry !== undefined && entry.since <= version ? entry.value : undefined;
};

/** @internal Adds `key` at `version` (the version being written). The key must be absent. */
export const insert = <V>(index: Index<V>, version: number, key: string, value: V): void => {
  index.set(key, { since: version, value });
};

/** @internal Starts a lineage of empty indexes. */
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
  const maps: Record<string, Index<unknown> | StampedSet> = {};
  for (const [name, index] of Object.entries(lineage.maps) as Array<[string, Index<unknown> | StampedSet]>) {
    if (index instanceof StampedSet) {
      maps[name] = index.copyAt(version);
      continue;
    }
    const copy: Index<unknown> = new Map();
    for (const [key, entry] of index) if (entry.since <= version) copy.set(key, entry);
    maps[name] = copy;
  }
  return { tip: version + 1, maps: maps as M };
};
