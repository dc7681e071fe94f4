import type * as TE from "fp-ts/lib/TaskEither.js";
import type { ExpectedRevision } from "./ExpectedRevision.js";
import type { NewEvent, RecordedEvent } from "./RecordedEvent.js";
import type { StoreError } from "./StoreError.js";

/** What an accepted append wrote. */
export interface AppendResult {
  /** The stream's last revision after the append: expect it next time (`-1n`: an empty append to a stream that does not exist). */
  readonly nextExpectedRevision: bigint;
  /** The events as recorded, with revisions and positions. */
  readonly recorded: ReadonlyArray<RecordedEvent>;
}

/** What the caller of an append already knows. */
export interface AppendOptions {
  /**
   * The stream's last event as the caller has just read it from this store: its revision and its
   * `hash`. A sealing store chains onto it instead of reading the stream again; it is used only
   * when `expected` is exactly that revision, and an append on a stale head is refused as
   * WrongExpectedRevision, never chained wrongly. Stores that do not seal ignore it.
   */
  readonly head?: { readonly revision: bigint; readonly hash: string };
}

/** Where to start reading a stream, and how much to read. */
export interface ReadStreamOptions {
  /** First revision to read. @defaultValue 0n */
  readonly fromRevision?: bigint;
  /** Most events to return in this page. @defaultValue 1000 */
  readonly maxCount?: number;
}

/** One page of a stream. */
export interface StreamPage {
  readonly events: ReadonlyArray<RecordedEvent>;
  /** Revision to read from next, or null when the stream has no more events now. */
  readonly next: bigint | null;
}

/** Where to start reading all events, and how much to read. */
export interface ReadAllOptions {
  /** Read events after this position (a checkpoint); from the start when absent. */
  readonly after?: bigint;
  /** Most events to return in this page. @defaultValue 1000 */
  readonly maxCount?: number;
}

/** One page of all events in global order. */
export interface AllPage {
  readonly events: ReadonlyArray<RecordedEvent>;
  /** The checkpoint to read after next, or null when there are no more events now. */
  readonly next: bigint | null;
}

/** Where a subscription starts. */
export interface SubscribeOptions {
  /** Deliver events after this position (a checkpoint); from the start when absent. */
  readonly after?: bigint;
}

/** What a subscription delivers: each event once in global order; once, that it caught up; or why it stopped. */
export type SubscriptionMessage =
  | { readonly _tag: "Event"; readonly event: RecordedEvent }
  | { readonly _tag: "CaughtUp"; readonly position: bigint | null }
  | { readonly _tag: "SubscriptionFailed"; readonly error: StoreError };

/** A catch-up-then-live subscription to all events. Iterate it; `close` ends the iteration. */
export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  readonly close: () => Promise<void>;
}

/**
 * The event-store port. Streams hold events in revision order from 0; all streams together
 * hold one global order. Every failure is a {@link StoreError} value; only invalid arguments
 * (programmer errors, such as a `maxCount` below 1) throw a `RangeError`, when the method is
 * called, never when its task runs.
 *
 * Re-appending a batch whose event ids the stream already holds as the same contiguous run
 * (a retry after a lost reply) succeeds without writing a second copy, as EventStoreDB does.
 * An empty batch writes nothing and succeeds when the stream meets `expected`, with the stream's
 * current last revision (`-1n` when it does not exist) and nothing recorded.
 * A subscription's `CaughtUp.position` is the last position delivered or skipped when it caught up.
 *
 * Retries on conflict: a store never retries an append whose `expected` revision the stream does
 * not meet; it returns WrongExpectedRevision and the caller decides (the command handler reads the
 * stream again and decides again: it owns retries on conflict). A sealing store that must re-seal
 * an `Any` or `StreamExists` append because another writer moved the head re-seals on the new
 * head: those expectations cannot conflict, so that is not a retry the caller could make.
 */
export interface EventStore {
  /** Appends events atomically when the stream meets `expected`; else WrongExpectedRevision and nothing written. */
  readonly append: (
    streamId: string,
    events: ReadonlyArray<NewEvent>,
    expected: ExpectedRevision,
    options?: AppendOptions,
  ) => TE.TaskEither<StoreError, AppendResult>;
  /** Reads one page of a stream; a stream never written reads as empty. */
  readonly readStream: (streamId: string, options?: ReadStreamOptions) => TE.TaskEither<StoreError, StreamPage>;
  /** Reads one page of all events in global order. */
  readonly readAll: (options?: ReadAllOptions) => TE.TaskEither<StoreError, AllPage>;
  /** Subscribes to all events: those already recorded, then live ones, without gap or duplicate. */
  readonly subscribeToAll: (options?: SubscribeOptions) => Subscription;
}
