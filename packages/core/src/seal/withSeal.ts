import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { recentMap } from "../internal/RecentMap.js";
import type { AppendOptions, AppendResult, EventStore } from "../store/EventStore.js";
import { type ExpectedRevision, expectRevision, meetsExpectation } from "../store/ExpectedRevision.js";
import { checkExpectedRevision, checkStreamId } from "../store/arguments.js";
import { snapshotNewEvents } from "../store/snapshot.js";
import { newEvent } from "../store/envelope.js";
import type { NewEvent } from "../store/RecordedEvent.js";
import { type StoreError, storeFailure, wrongExpectedRevision } from "../store/StoreError.js";
import { foldStream } from "../store/reading.js";
import { GENESIS_HASH, type Sha256, hashEnvelopeSharing, noSharedTexts } from "./seal.js";

interface Head {
  readonly revision: bigint | null;
  /** The last event's hash; undefined when the stream holds an unsealed event. */
  readonly hash: string | undefined;
}

/** Attempts when other writers move the stream under an `Any`/`StreamExists` append. */
const ATTEMPTS = 5;

/** How many streams' heads a sealing store remembers (the most recently written). */
const REMEMBERED_HEADS = 65_536;

/**
 * The head a caller told an append, when it is of use: `expected` is exactly its revision. A head
 * equal to the one this store remembers (the common case: the handler tells what the store just
 * wrote) is that head; any other is checked, and a malformed one throws a RangeError.
 */
const checkHead = (given: AppendOptions["head"], expected: ExpectedRevision, known: Head | null | undefined): Head | undefined => {
  if (given === undefined) return undefined;
  const head: unknown = given;
  const { revision, hash } = (typeof head === "object" && head !== null ? head : {}) as Partial<Record<"revision" | "hash", unknown>>;
  const remembered = typeof hash === "string" && known !== null && known !== undefined && known.revision === revision && known.hash === hash;
  if (!remembered && (typeof revision !== "bigint" || revision < 0n || typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash))) {
    throw new RangeError("options.head: expected { revision: a bigint of 0 or more, hash: 64 lowercase hex digits }");
  }
  return expected._tag === "Exact" && expected.revision === revision ? { revision, hash } : undefined;
};

/** Seals events on top of `head`: each gets its revision's place in the chain. */
export const sealEvents = (sha256: Sha256, streamId: string, head: { readonly revision: bigint | null; readonly hash: string }, events: ReadonlyArray<NewEvent>): ReadonlyArray<NewEvent> => {
  let previousHash = head.hash;
  let revision = head.revision === null ? 0n : head.revision + 1n;
  const shared = noSharedTexts();
  return events.map((event) => {
    const { type, data, eventId, schemaVersion, recordedAt, metadata, personal } = event;
    const hash = hashEnvelopeSharing(sha256, previousHash, { type, data, schemaVersion, eventId, streamId, streamRevision: revision, recordedAt, metadata, personal }, shared);
    const sealed = newEvent({ type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash, personal });
    previousHash = hash;
    revision++;
    return sealed;
  });
};

/** Options of {@link withSeal}. */
export interface WithSealOptions {
  /** An adapter's own checks of an append's arguments (UUID event ids, say), run when `append` is called; they throw a RangeError. */
  readonly checkAppend?: (streamId: string, events: ReadonlyArray<NewEvent>, expected: ExpectedRevision) => void;
}

/**
 * The same store, sealing every appended event with `previousHash` and `hash` (DOMAIN.md's hash
 * chain) before it reaches the adapter, so every adapter stores the same bytes. Each append is
 * made with the exact revision its seal was computed on: a stale writer is refused, never chained
 * wrongly. When `append` is called, its arguments are checked (a RangeError then, as the port
 * says) and its events copied and frozen, so the seal covers what was passed at that moment.
 * Reads and subscriptions pass through.
 */
export const withSeal = (store: EventStore, sha256: Sha256, options: WithSealOptions = {}): EventStore => {
  /** Heads this store wrote or was told, by stream; null once a head may be stale. */
  const heads = recentMap<string, Head | null>(REMEMBERED_HEADS);

  const readHead = (streamId: string): TE.TaskEither<StoreError, Head> => async () => {
    const folded = await foldStream<string | undefined>(store, streamId, { state: GENESIS_HASH, lastRevision: null }, (_, e) => e.hash)();
    return E.map(({ state, lastRevision }: { state: string | undefined; lastRevision: bigint | null }) => ({ revision: lastRevision, hash: state }))(folded);
  };

  /** A retry of an append that already succeeded (same ids, same place) gets the original result. */
  const alreadyAppended = (streamId: string, events: ReadonlyArray<NewEvent>, expected: ExpectedRevision): TE.TaskEither<StoreError, AppendResult | undefined> => async () => {
    const from = expected._tag === "NoStream" ? 0n : expected._tag === "Exact" ? expected.revision + 1n : undefined;
    if (from === undefined) return E.right(undefined);
    const page = await store.readStream(streamId, { fromRevision: from, maxCount: events.length })();
    if (E.isLeft(page)) return page;
    const found = page.right.events;
    const same = found.length === events.length && found.every((e, i) => e.eventId === events[i]?.eventId);
    const last = found.at(-1);
    return E.right(same && last !== undefined ? { nextExpectedRevision: last.streamRevision, recorded: found } : undefined);
  };

  const appendSealed = (streamId: string, events: ReadonlyArray<NewEvent>, expected: ExpectedRevision, told: Head | undefined): TE.TaskEither<StoreError, AppendResult> => async () => {
    if (events.length === 0) return store.append(streamId, events, expected)();
    for (let attempt = 1; ; attempt++) {
      const cached = (attempt === 1 ? told : undefined) ?? heads.get(streamId) ?? undefined;
      const loaded = cached === undefined ? await readHead(streamId)() : E.right(cached);
      if (E.isLeft(loaded)) return loaded;
      const head = loaded.right;
      if (!meetsExpectation(expected, head.revision)) {
        if (cached !== undefined) {
          heads.set(streamId, null); // the head known may be stale: judge on the stream itself
          continue;
        }
        const retried = await alreadyAppended(streamId, events, expected)();
        if (E.isLeft(retried)) return retried;
        if (retried.right !== undefined) return E.right(retried.right);
        return E.left(wrongExpectedRevision(streamId, expected, head.revision));
      }
      if (head.hash === undefined) return E.left(storeFailure(`stream "${streamId}" holds an unsealed event at revision ${head.revision}; its chain cannot be extended`));
      const sealed = sealEvents(sha256, streamId, { revision: head.revision, hash: head.hash }, events);
      const result = await store.append(streamId, sealed, expectRevision(head.revision))();
      if (E.isRight(result)) {
        // The head is the stored last event's: a store that took the batch as a repeat of one it already
        // holds (the same ids, other content) returns the events as first recorded, with their hashes.
        const stored = result.right.recorded.at(-1);
        heads.set(streamId, { revision: result.right.nextExpectedRevision, hash: stored === undefined ? sealed.at(-1)?.hash : stored.hash });
        return result;
      }
      // Nothing was written when the batch was too large: the head known stays true (an import halves its batches).
      if (result.left._tag === "AppendTooLarge") return result;
      heads.set(streamId, null);
      if (result.left._tag !== "WrongExpectedRevision") return result;
      const retryable = expected._tag === "Any" || expected._tag === "StreamExists";
      if (!retryable || attempt >= ATTEMPTS) {
        const fresh = await readHead(streamId)();
        return E.left(wrongExpectedRevision(streamId, expected, E.isRight(fresh) ? fresh.right.revision : result.left.actual));
      }
    }
  };

  const append: EventStore["append"] = (streamId, events, expected, appendOptions) => {
    const id = checkStreamId(streamId);
    const expectation = checkExpectedRevision(expected);
    const batch = snapshotNewEvents(events);
    const told = checkHead(appendOptions?.head, expectation, heads.get(id));
    options.checkAppend?.(id, batch, expectation);
    return appendSealed(id, batch, expectation, told);
  };

  return { ...store, append };
};
