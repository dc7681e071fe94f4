/*
 * The calls the store makes, typed by their shape: a client of `@kurrent/kurrentdb-client` (1.x)
 * and one of `@eventstore/db-client` (6.x) both fit, so the store imports neither package and an
 * application installs the one it wants. The two differ in three places the store meets: the
 * append option is `streamState` in one and `expectedRevision` in the other (the store passes
 * both); reads are Node streams with `cancel()` in one and plain async iterators in the other
 * (KurrentDB's reads go through its Rust bridge); a wrong expected version carries `actualState`
 * or `actualVersion`. Errors are told apart by their `type` string, which both packages share.
 */

// model

/** A position in $all, as both clients report it. */
export interface ClientPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** A stored event, as both clients give it. */
export interface ClientRecordedEvent {
  readonly streamId: string;
  readonly id: string;
  readonly isJson: boolean;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: ClientPosition;
}

/** A read's item: the event, the link that led to it when links are resolved, and the commit position when the server gave one. */
export interface ClientResolvedEvent {
  readonly event?: ClientRecordedEvent;
  readonly link?: ClientRecordedEvent;
  readonly commitPosition?: bigint;
}

/** An event to append, JSON data and JSON metadata (`jsonEvent` of either client makes the same object). */
export interface ClientEventData {
  readonly id: string;
  readonly contentType: "application/json";
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

/** What the server answered an append. */
export interface ClientAppendResult {
  readonly success: boolean;
  readonly nextExpectedRevision: bigint;
  readonly position?: ClientPosition;
}

/** The state a stream must be in for an append: the two clients' `ANY`, `NO_STREAM`, `STREAM_EXISTS`, or the last revision. */
export type ClientStreamState = "any" | "no_stream" | "stream_exists" | bigint;

/** The append's options, under both clients' names. */
export interface ClientAppendOptions {
  /** KurrentDB client 1.x's name. */
  readonly streamState: ClientStreamState;
  /** EventStoreDB client 6.x's name. */
  readonly expectedRevision: ClientStreamState;
  readonly deadline: number;
}

/** A stream read's options. */
export interface ClientReadStreamOptions {
  readonly fromRevision: "start" | "end" | bigint;
  readonly maxCount: bigint;
  readonly direction?: "forwards" | "backwards";
  readonly requiresLeader?: boolean;
}

/** An $all read's options. */
export interface ClientReadAllOptions {
  readonly fromPosition: "start" | ClientPosition;
  readonly maxCount: bigint;
}

/** An $all subscription's options: from a position, filtered on stream-name prefixes. */
export interface ClientSubscribeOptions {
  readonly fromPosition: "start" | ClientPosition;
  readonly filter: { readonly filterOn: "streamName"; readonly prefixes: string[]; readonly checkpointInterval: number };
}

/** A live subscription to $all: a Node stream of resolved events. */
export interface ClientSubscription extends AsyncIterable<ClientResolvedEvent> {
  on(event: "error", listener: (error: Error) => void): unknown;
  on(event: "confirmation", listener: () => void): unknown;
  unsubscribe(): Promise<void>;
  destroy(): unknown;
}

/**
 * A client of KurrentDB or EventStoreDB: `KurrentDBClient` of `@kurrent/kurrentdb-client` 1.x or
 * `EventStoreDBClient` of `@eventstore/db-client` 6.x, made with `throwOnAppendFailure` at its
 * default (`true`).
 */
export interface EventStoreClient {
  appendToStream(streamName: string, events: ClientEventData[], options: ClientAppendOptions): Promise<ClientAppendResult>;
  readStream(streamName: string, options: ClientReadStreamOptions): AsyncIterable<ClientResolvedEvent>;
  readAll(options: ClientReadAllOptions): AsyncIterable<ClientResolvedEvent>;
  subscribeToAll(options: ClientSubscribeOptions): ClientSubscription;
  dispose(): Promise<void>;
}

// constants

/** The clients' `START` and `END` read positions and `BACKWARDS` direction (the same strings in both). */
export const START = "start";
export const END = "end";
export const BACKWARDS = "backwards";
