/*
 * Wake-ups of this process's subscriptions: by a NOTIFY heard on the listening connection, by its
 * reconnection, or by an append of this store. A wake-up is a hint only: subscriptions re-poll on
 * a timer too, so a lost notification costs at most one poll interval. The generation counter
 * closes the race between a subscriber's last read and its wait: a wake-up in between is not lost.
 */

/** @internal Wake-ups shared by a store's subscriptions. */
export interface Wakeups {
  /** The number of wake-ups so far: read it before reading the store, pass it to `wait`. */
  readonly generation: () => number;
  /** Resolves at the first wake-up after generation `seen` (at once if one came already), after `ms`, or when `signal` aborts. */
  readonly wait: (seen: number, ms: number, signal: AbortSignal) => Promise<void>;
  readonly wake: () => void;
}

/** @internal New wake-ups. */
export const createWakeups = (): Wakeups => {
  let generation = 0;
  const waiting = new Set<() => void>();
  return {
    generation: () => generation,
    wait: (seen, ms, signal) =>
      new Promise((resolve) => {
        if (generation !== seen || signal.aborted) return resolve();
        const done = (): void => {
          clearTimeout(timer);
          waiting.delete(done);
          signal.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        waiting.add(done);
        signal.addEventListener("abort", done, { once: true });
      }),
    wake: () => {
      generation++;
      for (const done of [...waiting]) done();
    },
  };
};
