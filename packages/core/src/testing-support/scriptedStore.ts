/*
 * Test support: a minimal EventStore over arrays, with hooks to script faults and concurrent
 * writers, for testing code that uses the port (the real in-memory store is @tenfold/store-memory).
 */
import * as E from "fp-ts/lib/Either.js";
import type { AllPage, AppendResult, EventStore, StreamPage } from "../store/EventStore.js";
import { type ExpectedRevision, meetsExpectation } from "../store/ExpectedRevision.js";
import type { NewEvent, RecordedEvent } from "../store/RecordedEvent.js";
import { type StoreError, wrongExpectedRevision } from "../store/StoreError.js";

export interface ScriptedStore extends EventStore {
  readonly streams: Map<string, RecordedEvent[]>;
  readonly reads: Array<{ streamId: string; fromRevision: bigint }>;
  /** Runs before each append; may write concurrently or return an error to fail the append with. */
  beforeAppend: (streamId: string) => Promise<StoreError | undefined>;
  /** Appends as another writer would, skipping `beforeAppend`; throws if refused. */
  readonly writeDirectly: (streamId: string, events: ReadonlyArray<NewEvent>, expected: ExpectedRevision) => void;
}

export const scriptedStore = (): ScriptedStore => {
  const streams = new Map<string, RecordedEvent[]>();
  let position = 0n;
  const write = (streamId: string, events: ReadonlyArray<NewEvent>, expected: ExpectedRevision): E.Either<StoreError, AppendResult> => {
    const stream = streams.get(streamId) ?? [];
    const actual = stream.length === 0 ? null : BigInt(stream.length - 1);
    if (!meetsExpectation(expected, actual)) return E.left(wrongExpectedRevision(streamId, expected, actual));
    const recorded = events.map((e, i) => ({ ...e, streamId, streamRevision: BigInt(stream.length + i), position: position++ }));
    streams.set(streamId, [...stream, ...recorded]);
    return E.right({ nextExpectedRevision: BigInt(stream.length + recorded.length - 1), recorded });
  };
  const store: ScriptedStore = {
    streams,
    reads: [],
    beforeAppend: () => Promise.resolve(undefined),
    writeDirectly: (streamId, events, expected) => {
      const result = write(streamId, events, expected);
      if (E.isLeft(result)) throw new Error(`direct write failed: ${result.left._tag}`);
    },
    append: (streamId, events, expected) => async () => {
      const fault = await store.beforeAppend(streamId);
      return fault === undefined ? write(streamId, events, expected) : E.left(fault);
    },
    readStream: (streamId, options = {}) => () => {
      const from = options.fromRevision ?? 0n;
      store.reads.push({ streamId, fromRevision: from });
      const all = streams.get(streamId) ?? [];
      const max = options.maxCount ?? 1000;
      const events = all.slice(Number(from), Number(from) + max);
      const next = Number(from) + events.length < all.length ? from + BigInt(events.length) : null;
      return Promise.resolve(E.right<StoreError, StreamPage>({ events, next }));
    },
    readAll: (options = {}) => () => {
      const log = [...streams.values()].flat().sort((a, b) => (a.position < b.position ? -1 : 1));
      const after = options.after;
      const from = log.filter((e) => after === undefined || e.position > after);
      const events = from.slice(0, options.maxCount ?? 1000);
      const next = events.length < from.length ? (events.at(-1)?.position ?? null) : null;
      return Promise.resolve(E.right<StoreError, AllPage>({ events, next }));
    },
    subscribeToAll: () => {
      throw new Error("not used by these tests");
    },
  };
  return store;
};
