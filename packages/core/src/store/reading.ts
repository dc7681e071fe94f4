import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import type { EventStore } from "./EventStore.js";
import type { RecordedEvent } from "./RecordedEvent.js";
import type { StoreError } from "./StoreError.js";
import { readAllPages } from "./pages.js";

/** What folding a stream produced: the state and the last revision read (null: none). */
export interface Folded<S> {
  readonly state: S;
  readonly lastRevision: bigint | null;
}

/**
 * Folds a stream page by page from `fromRevision`, never holding more than one page.
 * `lastRevision` seeds the result when the stream has nothing new.
 */
export const foldStream =
  <S>(
    store: EventStore,
    streamId: string,
    start: Folded<S>,
    step: (state: S, event: RecordedEvent) => S,
    pageSize = 1000,
  ): TE.TaskEither<StoreError, Folded<S>> =>
  async () => {
    let { state, lastRevision } = start;
    let next: bigint | null = lastRevision === null ? 0n : lastRevision + 1n;
    while (next !== null) {
      const page = await store.readStream(streamId, { fromRevision: next, maxCount: pageSize })();
      if (E.isLeft(page)) return page;
      const { events } = page.right;
      for (const event of events) state = step(state, event);
      // Read once a page, not once an event: an event's revision may sit on another cache line.
      lastRevision = events.at(-1)?.streamRevision ?? lastRevision;
      next = page.right.next;
    }
    return E.right({ state, lastRevision });
  };

/** Reads every event of a stream into memory: for small streams and tests; prefer {@link foldStream}. */
export const readWholeStream = (store: EventStore, streamId: string): TE.TaskEither<StoreError, ReadonlyArray<RecordedEvent>> => {
  const events: RecordedEvent[] = [];
  const folded = foldStream<null>(store, streamId, { state: null, lastRevision: null }, (s, e) => {
    events.push(e);
    return s;
  });
  return async () => E.map(() => events)(await folded());
};

/** Reads every event of the store in global order into memory: for small stores and tests. */
export const readWholeLog = (store: EventStore, pageSize = 1000): TE.TaskEither<StoreError, ReadonlyArray<RecordedEvent>> =>
  async () => {
    const events: RecordedEvent[] = [];
    for await (const page of readAllPages(store, { pageSize })) {
      if (E.isLeft(page)) return page;
      events.push(...page.right);
    }
    return E.right(events);
  };
