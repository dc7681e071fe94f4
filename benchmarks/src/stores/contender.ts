import type { CampaignEvent, RecordedEvent } from "@tenfold/core";
import type { Aggregate, TypeCounts } from "./workload.js";

/**
 * The libraries compared on S1–S3, and Tenfold's store without its seal and personal layer and
 * with the seal alone (S1 only: the first is compared with Castore, and the two show what the seal
 * and the layer cost).
 */
export const STORE_CONTENDERS = ["tenfold", "emmett", "castore", "baseline", "tenfold-unsealed", "tenfold-seal-only"] as const;

/** The name of a compared library. */
export type ContenderName = (typeof STORE_CONTENDERS)[number];

/**
 * One library's in-memory store, driven the way its documentation shows. Each method fails by
 * throwing: a benchmark that lost events must not report a speed.
 */
export interface StoreContender {
  /** Appends `events` to a stream whose last revision is `lastRevision` (from 0; -1: no stream yet). */
  readonly append: (streamId: string, events: ReadonlyArray<CampaignEvent>, lastRevision: number) => Promise<void>;
  /** Reads one stream and folds it (S2). */
  readonly aggregate: (streamId: string) => Promise<Aggregate>;
  /** Reads every event, in global order where the store has one, into per-type counters (S3). */
  readonly rebuild: (streamIds: ReadonlyArray<string>) => Promise<TypeCounts>;
  /** Every recorded event in global order, as the store gives them (Tenfold's stores only: S1's seal floor hashes them again). */
  readonly recorded?: () => Promise<ReadonlyArray<RecordedEvent>>;
}

/** Makes a new, empty store of one library. */
export type ContenderFactory = () => StoreContender;
