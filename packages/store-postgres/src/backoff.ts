/** @internal The delay before attempt `failures + 1`: doubling from `initialMs`, at most `maxMs`. */
export const backoff = (failures: number, initialMs: number, maxMs: number): number => Math.min(maxMs, initialMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
