import type { LiveProjection, StatisticsState } from "@tenfold/core";
import type { MerkleTree } from "@tenfold/core/audit";
import type { InjectionToken } from "tsyringe";
import type { WritePositions } from "./writePositions.js";

/** The service's limits. */
export interface ServiceSettings {
  /** Largest request body accepted, in bytes. */
  readonly bodyLimit: number;
  /** Longest a statistics read waits for the live read model (catch-up, own writes), in ms. */
  readonly readTimeoutMs: number;
}

/** The service's settings. */
export const SERVICE_SETTINGS: InjectionToken<ServiceSettings> = Symbol("embedding.ServiceSettings");

/** The live statistics read model: the statistics projection kept current by a subscription. */
export const LIVE_STATISTICS: InjectionToken<LiveProjection<StatisticsState>> = Symbol("embedding.LiveStatistics");

/** The positions this process wrote, per campaign. */
export const WRITE_POSITIONS: InjectionToken<WritePositions> = Symbol("embedding.WritePositions");

/** Each campaign's Merkle tree, kept current by a subscription: run only when the service signs its log. */
export const LOG_TREES: InjectionToken<LiveProjection<MerkleTree>> = Symbol("embedding.LogTrees");
