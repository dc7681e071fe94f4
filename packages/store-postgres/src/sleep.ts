/** @internal Resolves after `ms`, or at once when `signal` aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });

/** @internal The delay before attempt `failures + 1`: doubling from `initialMs`, at most `maxMs`. */
export const backoff = (failures: number, initialMs: number, maxMs: number): number => Math.min(maxMs, initialMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
