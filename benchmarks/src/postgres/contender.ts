import type { CampaignEvent } from "@tenfold/core";
import type { Aggregate, TypeCounts } from "../stores/workload.js";

/** The PostgreSQL stores of S10: Tenfold sealed (its default), Tenfold unsealed (`seal: false`), Emmett's. */
export const POSTGRES_CONTENDERS = ["tenfold", "tenfold-unsealed", "emmett"] as const;

/** The name of one. */
export type PostgresContenderName = (typeof POSTGRES_CONTENDERS)[number];

/** Called for every event a reader delivers: `stream#revision` (revisions from 0) and its global position. */
export type OnEvent = (key: string, position: bigint) => void;

/**
 * One library's PostgreSQL store, driven through its own API as its documentation shows. Each
 * method fails by throwing: a benchmark that lost events must not report a speed.
 */
export interface PostgresContender {
  /** Appends `events` to a stream whose last revision is `lastRevision` (from 0; -1: no stream yet); the last event's global position. */
  readonly append: (streamId: string, events: ReadonlyArray<CampaignEvent>, lastRevision: number) => Promise<bigint>;
  /** Reads one stream and folds it. */
  readonly aggregate: (streamId: string) => Promise<Aggregate>;
  /** Reads every event in global order, page by page, into per-type counters. */
  readonly readAll: () => Promise<TypeCounts>;
  /** A catch-up subscription from the start until it has reached the end; the number of events delivered. */
  readonly catchUp: (onEvent?: OnEvent) => Promise<number>;
  /** A catch-up subscription from the start that keeps following until stopped. */
  readonly follow: (onEvent: OnEvent) => { readonly stop: () => Promise<void> };
  /** Ends subscriptions and connections. */
  readonly close: () => Promise<void>;
}

/** Opens a contender's store on an empty database. */
export type PostgresContenderFactory = (url: string) => Promise<PostgresContender>;
