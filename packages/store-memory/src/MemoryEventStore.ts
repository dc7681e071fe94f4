import type { AllPage, EventStore, ReadAllOptions, ReadStreamOptions, RecordedEvent, StreamPage, SubscribeOptions } from "@tenfold/core";
import type { Sha256 } from "@tenfold/core/audit";
import { withSeal } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { nodePersonalCipher, nodeSha256 } from "@tenfold/core/node";
import { type PersonalDataStore, type SubjectKeyStore, createMemoryKeyStore, withPersonalData } from "@tenfold/core/personal";
import { checkAfter, checkExpected, checkFromRevision, checkMaxCount, checkOptions, checkStreamId } from "./arguments.js";
import { type EventLog, appendBatch, emptyLog } from "./EventLog.js";
import { prepareBatch } from "./prepare.js";
import { subscribe } from "./subscription.js";

/*
 * A page's array is a fresh copy that belongs to the caller, so it is not frozen: V8 iterates a
 * frozen array several times slower (`for…of` over one leaves the fast path), and reading is what
 * a store does most. The events in it are the store's own and are frozen.
 */
const page = (events: ReadonlyArray<RecordedEvent>, next: bigint | null): StreamPage & AllPage =>
  Object.freeze({ events, next });

const readStreamPage = (log: EventLog, streamId: string, fromRevision: bigint, maxCount: number): StreamPage => {
  const events = log.streams.get(streamId)?.events ?? [];
  if (fromRevision >= BigInt(events.length)) return page([], null);
  const from = Number(fromRevision);
  const to = Math.min(events.length, from + maxCount);
  return page(events.slice(from, to), to < events.length ? BigInt(to) : null);
};

const readAllPage = (log: EventLog, after: bigint | undefined, maxCount: number): AllPage => {
  const size = log.events.length;
  if (after !== undefined && after >= BigInt(size - 1)) return page([], null);
  const from = after === undefined ? 0 : Number(after) + 1;
  const to = Math.min(size, from + maxCount);
  return page(log.events.slice(from, to), to < size ? BigInt(to - 1) : null);
};

/**
 * An {@link EventStore} held in this process's memory: for tests, demos and single-process tools.
 * Not durable: everything is lost when the process ends.
 *
 * - Streams count revisions from 0n; positions count from 0n in one global order across streams.
 * - `append` is atomic and honours every {@link ExpectedRevision} kind. A retry of an earlier
 *   append (the same event ids, in the same order, under an expectation the stream met then)
 *   writes nothing and returns what that append recorded. A batch that only partly overlaps
 *   the stream's recorded event ids, holds an id recorded in another stream, or holds one id
 *   twice fails with StoreFailure and writes nothing. An empty batch checks the expectation and
 *   writes nothing; its `nextExpectedRevision` is the last revision, or -1n when there is no stream.
 * - Recorded events are deep copies of what was appended, frozen at every level. The array of a
 *   page is a fresh copy that belongs to the caller. A schema-2 event's `personal` entries are
 *   kept verbatim (copied and frozen the same way) and read back; `erased` is never stored.
 * - `subscribeToAll` delivers every event after the checkpoint in global order, one CaughtUp
 *   when it first reaches the head, then live events, with no gap or duplicate.
 * - Bad arguments (an empty stream id, a maxCount below 1 or not an integer, a negative
 *   revision or position, a malformed event) are programmer errors: the method throws a
 *   RangeError when called. Every other outcome is a value.
 *
 * This is the bare store, without seals: {@link createMemoryEventStore} is what users want.
 * @example
 * const store = createUnsealedMemoryEventStore();
 * await store.append("s-1", [event], noStream)(); // right({ nextExpectedRevision: 0n, recorded: [...] })
 */
export const createUnsealedMemoryEventStore = (): EventStore => memoryStore({ copyOnAppend: true });

/**
 * The store. With `copyOnAppend` false, `append` takes data and metadata as they are: only for
 * the store under {@link createMemoryEventStore}'s seal, which copies and freezes every event when
 * `append` is called and is the only way to reach it.
 */
const memoryStore = ({ copyOnAppend }: { readonly copyOnAppend: boolean }): EventStore => {
  const log = emptyLog();

  const append: EventStore["append"] = (streamId, events, expected) => {
    const id = checkStreamId(streamId);
    const expectation = checkExpected(expected);
    const batch = prepareBatch(events, copyOnAppend);
    return () => Promise.resolve(appendBatch(log, id, batch, expectation));
  };

  const readStream = (streamId: string, options?: ReadStreamOptions): TE.TaskEither<never, StreamPage> => {
    const id = checkStreamId(streamId);
    const { fromRevision, maxCount } = checkOptions(options);
    const from = checkFromRevision(fromRevision);
    const max = checkMaxCount(maxCount);
    return () => Promise.resolve(E.right(readStreamPage(log, id, from, max)));
  };

  const readAll = (options?: ReadAllOptions): TE.TaskEither<never, AllPage> => {
    const { after, maxCount } = checkOptions(options);
    const checkpoint = checkAfter(after);
    const max = checkMaxCount(maxCount);
    return () => Promise.resolve(E.right(readAllPage(log, checkpoint, max)));
  };

  const subscribeToAll: EventStore["subscribeToAll"] = (options?: SubscribeOptions) =>
    subscribe(log, checkAfter(checkOptions(options).after));

  return { append, readStream, readAll, subscribeToAll };
};

/** Options of {@link createMemoryEventStore}. */
export interface MemoryEventStoreOptions {
  /** The SHA-256 that seals events and commits to personal values. @defaultValue node:crypto's */
  readonly sha256?: Sha256;
  /** Where the data subjects' keys live. @defaultValue a new in-memory key store (keys die with the process, as the events do) */
  readonly keys?: SubjectKeyStore;
  /** Random bytes for the salts of personal values (a fixed source makes a test's salts the same every run). @defaultValue Web Crypto's */
  readonly randomBytes?: (length: number) => Uint8Array;
}

/**
 * A new, empty event store in memory that seals every appended event into its stream's hash
 * chain (`previousHash`, `hash`; DOMAIN.md), as every Tenfold store does, and keeps personal
 * values only encrypted under their subjects' keys (`keys`), destroying a key when its subject's
 * SubjectErased is appended.
 * @example
 * const store = createMemoryEventStore();
 * await store.append("s-1", [event], noStream)(); // right({ nextExpectedRevision: 0n, recorded: [{ ..., previousHash: "000…", hash: "…" }] })
 */
export const createMemoryEventStore = ({ sha256 = nodeSha256, keys = createMemoryKeyStore(nodePersonalCipher), randomBytes }: MemoryEventStoreOptions = {}): PersonalDataStore =>
  withPersonalData(withSeal(memoryStore({ copyOnAppend: false }), sha256), { keys, cipher: nodePersonalCipher, sha256, ...(randomBytes === undefined ? {} : { randomBytes }) });
