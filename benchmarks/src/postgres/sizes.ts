import type { WorkloadSize } from "../stores/workload.js";

/**
 * Sizes of S10, the PostgreSQL scenario: `appends` appends of `batch` events round-robin over
 * `streams` streams (the store workload of S1, smaller), written once by one writer and once by
 * `writers` concurrent writers; then `liveAppends` appends by `writers` writers while a catch-up
 * reader follows the store (the correctness row).
 */
export interface PostgresSize extends WorkloadSize {
  readonly writers: number;
  readonly liveAppends: number;
  /** Whether each child warms up first on a throwaway database (not in the smoke run). */
  readonly warmUp: boolean;
}
