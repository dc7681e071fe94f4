/**
 * @internal A map that keeps only its `capacity` most recently added keys: adding one more forgets
 * the key added first (first in, first out; setting a key it holds changes its value, not its
 * place). Which key to forget is kept in a ring: on V8, deleting a Map's first key found with
 * `keys().next()` walks past every key deleted before it until the Map is rehashed, which made
 * that one line a tenth of the time of a command.
 */
export interface RecentMap<K, V> {
  readonly get: (key: K) => V | undefined;
  readonly has: (key: K) => boolean;
  readonly set: (key: K, value: V) => void;
  readonly size: () => number;
}

/** @internal An empty {@link RecentMap} of at most `capacity` keys (at least 1). */
export const recentMap = <K, V>(capacity: number): RecentMap<K, V> => {
  if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  const entries = new Map<K, V>();
  const ring: Array<K | undefined> = new Array<K | undefined>(capacity).fill(undefined);
  let oldest = 0;
  let filled = 0;
  return {
    get: (key) => entries.get(key),
    has: (key) => entries.has(key),
    set: (key, value) => {
      if (entries.has(key)) {
        entries.set(key, value);
        return;
      }
      if (filled === capacity) entries.delete(ring[oldest] as K);
      else filled++;
      ring[oldest] = key;
      oldest = (oldest + 1) % capacity;
      entries.set(key, value);
    },
    size: () => entries.size,
  };
};
