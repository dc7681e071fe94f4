import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import type { EventStore } from "../store/EventStore.js";
import { readAllPages } from "../store/pages.js";
import type { NewEvent } from "../store/RecordedEvent.js";
import { type StoreError, storeFailure, storeUnavailable } from "../store/StoreError.js";
import { type KeyStoreError, type SubjectRef, describeKeyStoreError } from "./SubjectKeyStore.js";

/** @internal Whether an event of an append has nothing for this layer to do: an empty `personal`, or none on a version-1 event. */
export const hasNoPersonalEntry = (event: NewEvent): boolean => {
  if (typeof event !== "object" || (event as unknown) === null) return false;
  const personal: unknown = event.personal;
  if (personal === undefined) return !(event.schemaVersion >= 2);
  if (typeof personal !== "object" || personal === null) return false;
  for (const _ in personal) return false;
  return true;
};

/** @internal A key store's failure as the store reports it. */
export const fromKeyStore = (error: KeyStoreError): StoreError =>
  error._tag === "KeyStoreUnavailable" ? storeUnavailable(describeKeyStoreError(error)) : storeFailure(describeKeyStoreError(error));

/** @internal The subjects a batch erases. */
export const erasuresIn = (events: ReadonlyArray<NewEvent>): ReadonlyArray<SubjectRef> =>
  events.flatMap((e) => (e.type === "SubjectErased" ? [{ campaignId: e.data.campaignId, subject: e.data.subject }] : []));

/** @internal The subjects erased in the whole log, read page by page. */
export const scanErasures = (store: EventStore): TE.TaskEither<StoreError, ReadonlyArray<SubjectRef>> => async () => {
  const found: SubjectRef[] = [];
  for await (const page of readAllPages(store)) {
    if (E.isLeft(page)) return page;
    found.push(...erasuresIn(page.right));
  }
  return E.right(found);
};

