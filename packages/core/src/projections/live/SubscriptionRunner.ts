import type { RecordedEvent } from "../../store/RecordedEvent.js";
import type { StoreError } from "../../store/StoreError.js";
import type { Projection } from "../Projection.js";
import type * as O from "fp-ts/lib/Option.js";

// model

/** Where a live projection is: catching up, live, waiting to resubscribe, failed for good, or stopped. */
export type RunnerStatus =
  | { readonly _tag: "CatchingUp" }
  | { readonly _tag: "Live" }
  | { readonly _tag: "Retrying"; readonly error: StoreError; readonly attempt: number }
  | { readonly _tag: "Failed"; readonly error: StoreError }
  | { readonly _tag: "Stopped" };

/** How the first catch-up ended: caught up (to `position`), failed for good, or stopped first. */
export type CatchUpOutcome =
  | { readonly _tag: "CaughtUp"; readonly position: bigint | null }
  | { readonly _tag: "Failed"; readonly error: StoreError }
  | { readonly _tag: "Stopped" };

/** How long to wait before resubscribing when the store is unavailable: doubling from the first delay up to the last. */
export interface RetryPolicy {
  /** @defaultValue 500 */
  readonly initialDelayMs?: number;
  /** @defaultValue 30000 */
  readonly maxDelayMs?: number;
}

/** Where a run starts: after a checkpoint, from the states saved at that checkpoint. */
export interface RunOptions<S> {
  /** Apply the events after this position; from the first event when absent. */
  readonly after?: bigint;
  /** The state of each campaign at `after`, by campaign id. */
  readonly states?: Iterable<readonly [string, S]>;
  /** @defaultValue the runner's policy */
  readonly retry?: RetryPolicy;
}

/**
 * A projection kept current by a subscription to all events: catch-up, then live. Each event
 * is applied once, in global order, to the state of its campaign (`data.campaignId`).
 * StoreUnavailable makes it resubscribe after its checkpoint (with backoff); any other store
 * error, or a projection that throws, stops it as Failed.
 */
export interface LiveProjection<S> {
  /** Settles once: when the projection first caught up, failed for good, or was stopped first. */
  readonly caughtUp: Promise<CatchUpOutcome>;
  /** Where it is now. */
  readonly status: () => RunnerStatus;
  /** The current state of a campaign; none before its first event. */
  readonly state: (campaignId: string) => O.Option<S>;
  /** The campaigns seen so far, in order of their first event. */
  readonly campaignIds: () => ReadonlyArray<string>;
  /** The position of the last event applied (or caught up to); null before any. */
  readonly checkpoint: () => bigint | null;
  /**
   * True once the checkpoint is at or past `position` (e.g. of an append just made: read your
   * writes); false when it stopped, failed, or `signal` aborted first.
   */
  readonly waitUntil: (position: bigint, signal?: AbortSignal) => Promise<boolean>;
  /** Ends the subscription; resolves when nothing more will be applied. */
  readonly stop: () => Promise<void>;
}

/** Starts live projections over one store. */
export interface SubscriptionRunner {
  /** Starts `projection` over the store's `subscribeToAll`; stop it with `stop()`. */
  readonly run: <S>(projection: Projection<S, RecordedEvent>, options?: RunOptions<S>) => LiveProjection<S>;
}
