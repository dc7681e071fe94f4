import type { EventStore } from "./EventStore.js";
import type { RecordedEvent } from "./RecordedEvent.js";
import type { StoreError } from "./StoreError.js";
import * as E from "fp-ts/lib/Either.js";

/*
 * Page-by-page reading as async iteration, for any EventStore: each step holds one page only.
 */

/** Where paged reading starts and how big a page is. */
export interface PagingOptions {
  /** Events per page. @defaultValue 1000 */
  readonly pageSize?: number;
}

/**
 * The events of a stream from `fromRevision`, one page per step; a failure is the last step.
 * @example
 * for await (const page of readStreamPages(store, streamId)) { if (E.isLeft(page)) break; fold(page.right); }
 */
export async function* readStreamPages(
  store: EventStore,
  streamId: string,
  options: PagingOptions & { readonly fromRevision?: bigint } = {},
): AsyncGenerator<E.Either<StoreError, ReadonlyArray<RecordedEvent>>, void> {
  let next: bigint | null = options.fromRevision ?? 0n;
  while (next !== null) {
    const page = await store.readStream(streamId, { fromRevision: next, maxCount: options.pageSize ?? 1000 })();
    if (E.isLeft(page)) {
      yield page;
      return;
    }
    if (page.right.events.length > 0) yield E.right(page.right.events);
    next = page.right.next;
  }
}

/**
 * All events in global order after the checkpoint `after`, one page per step; a failure is the last step.
 * @example
 * for await (const page of readAllPages(store)) { if (E.isLeft(page)) break; count += page.right.length; }
 */
export async function* readAllPages(
  store: EventStore,
  options: PagingOptions & { readonly after?: bigint } = {},
): AsyncGenerator<E.Either<StoreError, ReadonlyArray<RecordedEvent>>, void> {
  let after = options.after;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: options.pageSize ?? 1000 })();
    if (E.isLeft(page)) {
      yield page;
      return;
    }
    if (page.right.events.length > 0) yield E.right(page.right.events);
    if (page.right.next === null) return;
    after = page.right.next;
  }
}
