/*
 * Timing and heap measurement inside one child process. The child runs with --expose-gc, so a
 * forced full collection happens before every heap reading.
 */

/** Runs a full garbage collection twice (a second pass frees what finalisation released). */
export const collectGarbage = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with node --expose-gc: heap readings need a forced collection");
  gc();
  gc();
};

/** Heap bytes in use after a forced collection. */
export const heapAfterGc = (): number => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

/** What a timed task returned, and how long it took. */
export interface Timed<A> {
  readonly result: A;
  readonly seconds: number;
}

/** Times an async task with the monotonic clock. */
export const timed = async <A>(task: () => Promise<A>): Promise<Timed<A>> => {
  const start = process.hrtime.bigint();
  const result = await task();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { result, seconds };
};

/** Times a synchronous task with the monotonic clock. */
export const timedSync = <A>(task: () => A): Timed<A> => {
  const start = process.hrtime.bigint();
  const result = task();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { result, seconds };
};

/**
 * Runs a task `passes` times and keeps the fastest pass: on a shared machine a pass of a few
 * milliseconds is easily preempted, and the fastest pass is the one that was not.
 */
export const fastestOf = async <A>(passes: number, task: () => Promise<A>): Promise<Timed<A>> => {
  let best: Timed<A> | undefined;
  for (let i = 0; i < passes; i++) {
    const pass = await timed(task);
    if (best === undefined || pass.seconds < best.seconds) best = pass;
  }
  if (best === undefined) throw new RangeError("passes must be at least 1");
  return best;
};

/** {@link fastestOf} for a synchronous task. */
export const fastestOfSync = <A>(passes: number, task: () => A): Timed<A> => {
  let best: Timed<A> | undefined;
  for (let i = 0; i < passes; i++) {
    const pass = timedSync(task);
    if (best === undefined || pass.seconds < best.seconds) best = pass;
  }
  if (best === undefined) throw new RangeError("passes must be at least 1");
  return best;
};

/** The median of a non-empty list (the mean of the middle two for an even count). */
export const median = (xs: ReadonlyArray<number>): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? Number.NaN) + hi) / 2;
};

/** A small deterministic PRNG (mulberry32): numbers in [0, 1) from a 32-bit seed. */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
