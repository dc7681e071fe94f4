import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import type { EventStore, SubscriptionMessage } from "../store/EventStore.js";
import { recordedEvent } from "../store/envelope.js";
import type { NewEvent, PersonalEntries, RecordedEvent } from "../store/RecordedEvent.js";
import { type StoreError, storeFailure } from "../store/StoreError.js";
import { subscriptionOf } from "../store/subscription.js";
import type { Sha256 } from "../seal/seal.js";
import type { PersonalCipher } from "./PersonalCipher.js";
import { type SubjectKeyStore, type SubjectRef, describeKeyStoreError, subjectRefKey } from "./SubjectKeyStore.js";
import { webRandomBytes } from "./commitment.js";
import { erasuresIn, fromKeyStore, hasNoPersonalEntry, scanErasures } from "./erasures.js";
import { commitEvent, revealedEntries, storedForm, subjectsOf } from "./protect.js";
import { revealAll, subjectsToReveal } from "./reveal.js";

/** What {@link withPersonalData} needs. */
export interface PersonalDataOptions {
  /** Where the subjects' keys live, apart from the events. */
  readonly keys: SubjectKeyStore;
  /** The cipher (Node: `nodePersonalCipher`). */
  readonly cipher: PersonalCipher;
  /** SHA-256 for commitments (Node: `nodeSha256`). */
  readonly sha256: Sha256;
  /** Random bytes for salts. @defaultValue Web Crypto's `getRandomValues` */
  readonly randomBytes?: (length: number) => Uint8Array;
  /** The subjects the log records as erased, for {@link reconcileErasures}; by default every SubjectErased read from `readAll`. */
  readonly erasedInLog?: () => TE.TaskEither<StoreError, ReadonlyArray<SubjectRef>>;
  /**
   * Whether the first read that decrypts anything first runs {@link PersonalDataStore.reconcileErasures}
   * (again after a failure, until it succeeds): for a store that opens lazily and cannot reconcile
   * when it is made. @defaultValue false (the store reconciles when it is opened)
   */
  readonly reconcileOnFirstRead?: boolean;
}

/** A store with personal data protected, and the reconciliation its key store needs on open. */
export interface PersonalDataStore extends EventStore {
  /**
   * Destroys again the key of every subject the log records as erased that the key store still holds
   * (a key store restored from a backup taken before an erasure must not bring the data back), and
   * gives those subjects. Run it when the store is opened: the PostgreSQL store does.
   */
  readonly reconcileErasures: () => TE.TaskEither<StoreError, ReadonlyArray<SubjectRef>>;
}

/** The events of an append in the form a store keeps (each personal value null in `data`, salt and value encrypted in `personal`), with what their appender reads back. */
export interface Protected {
  readonly stored: ReadonlyArray<NewEvent>;
  /** By event id, for the events with a `personal` member: their entries with salts (none where no value was given), and their data with the values, as a reader gets them. */
  readonly revealed: ReadonlyMap<string, { readonly personal: PersonalEntries; readonly data: Readonly<Record<string, unknown>> }>;
}

/**
 * Commits to and encrypts the personal values of `events` (creating their subjects' keys): what a
 * store, or an NDJSON file kept with a key store, holds. Throws a RangeError naming the event and
 * field when an entry is malformed (checked when called, before the task runs).
 */
export const protectEvents = (options: PersonalDataOptions, events: ReadonlyArray<NewEvent>): TE.TaskEither<StoreError, Protected> => {
  const protection = { cipher: options.cipher, sha256: options.sha256, randomBytes: options.randomBytes ?? webRandomBytes };
  const committed = events.map((e, i) => commitEvent(protection, e, `events[${i}]`));
  return async () => {
    const refs = subjectsOf(committed);
    const found = refs.length === 0 ? E.right(new Map()) : await options.keys.keysFor(refs)();
    if (E.isLeft(found)) return E.left(fromKeyStore(found.left));
    const revealed = new Map<string, { readonly personal: PersonalEntries; readonly data: Readonly<Record<string, unknown>> }>();
    for (const c of committed) {
      const personal = revealedEntries(c);
      if (personal !== undefined) revealed.set(c.event.eventId, { personal, data: c.event.data });
    }
    return E.right({ stored: committed.map((c) => storedForm(protection, c, found.right)), revealed });
  };
};

/** Events as a reader gets them: each personal value decrypted where its subject's key exists, else null and named in `erased`. */
export const revealEvents = (options: Pick<PersonalDataOptions, "keys" | "cipher">, events: ReadonlyArray<RecordedEvent>): TE.TaskEither<StoreError, ReadonlyArray<RecordedEvent>> => () =>
  revealWith(options, events, subjectsToReveal(events));

/** {@link revealEvents} with the subjects already found. */
const revealWith = async (options: Pick<PersonalDataOptions, "keys" | "cipher">, events: ReadonlyArray<RecordedEvent>, refs: ReadonlyArray<SubjectRef>): Promise<E.Either<StoreError, ReadonlyArray<RecordedEvent>>> => {
  if (refs.length === 0) return revealAll(options.cipher, events, new Map());
  const found = await options.keys.existingKeys(refs)();
  return E.isLeft(found) ? E.left(fromKeyStore(found.left)) : revealAll(options.cipher, events, found.right);
};

/**
 * The same store with personal data protected (DOMAIN.md, personal data): on append, each personal
 * value of a schema-2 event is committed to (a new salt, or the salt and commitment it carries,
 * checked) and stored only encrypted under its subject's key, `null` in `data`, outside the seal;
 * a recorded SubjectErased destroys its subject's key. Reads and subscriptions give each value
 * where its key exists, else `null` with the field in `erased`. Put it above the seal
 * (`withPersonalData(withSeal(adapter))`) so the seal covers what DOMAIN.md says it does.
 */
export const withPersonalData = (store: EventStore, options: PersonalDataOptions): PersonalDataStore => {
  const { keys } = options;
  let reconciled: Promise<E.Either<StoreError, unknown>> | undefined;
  /** Resolves once the erasures are reconciled, when this store reconciles on its first read. */
  const beforeFirstRead = async (): Promise<E.Either<StoreError, unknown>> => {
    if (options.reconcileOnFirstRead !== true) return E.right(undefined);
    reconciled ??= reconcileErasures()();
    const done = await reconciled;
    if (E.isLeft(done)) reconciled = undefined;
    return done;
  };
  const reveal = async (events: ReadonlyArray<RecordedEvent>): Promise<E.Either<StoreError, ReadonlyArray<RecordedEvent>>> => {
    const refs = subjectsToReveal(events);
    if (refs.length > 0) {
      const ready = await beforeFirstRead();
      if (E.isLeft(ready)) return ready;
    }
    return revealWith(options, events, refs);
  };

  const destroyKeys = async (refs: ReadonlyArray<SubjectRef>): Promise<E.Either<StoreError, void>> => {
    for (const ref of refs) {
      const destroyed = await keys.destroy(ref)();
      if (E.isLeft(destroyed)) {
        return E.left(storeFailure(`the erasure of ${ref.subject} is recorded but its key could not be destroyed (${describeKeyStoreError(destroyed.left)}); it is destroyed when the store is next opened, or by reconcileErasures`));
      }
    }
    return E.right(undefined);
  };

  const append: EventStore["append"] = (streamId, events, expected, appendOptions) => {
    if (!Array.isArray(events)) throw new RangeError("events must be an array of events");
    const batch = events as ReadonlyArray<NewEvent>;
    // Most appends carry no personal value and erase no one: they pass straight through.
    if (batch.every(hasNoPersonalEntry) && !batch.some((e) => e.type === "SubjectErased")) return store.append(streamId, batch, expected, appendOptions);
    const protecting = protectEvents(options, batch);
    return async () => {
      const protectedEvents = await protecting();
      if (E.isLeft(protectedEvents)) return protectedEvents;
      const appended = await store.append(streamId, protectedEvents.right.stored, expected, appendOptions)();
      if (E.isLeft(appended)) return appended;
      const byId = protectedEvents.right.revealed;
      const recorded = appended.right.recorded.map((r) => {
        const own = byId.get(r.eventId);
        const personal = own === undefined ? undefined : { ...own.personal };
        if (own === undefined || personal === undefined || Object.keys(personal).length === 0) return r;
        const erased = Object.freeze(Object.keys(personal).filter((f) => personal[f]?.salt === undefined));
        for (const f of Object.keys(personal)) Object.freeze(personal[f]);
        Object.freeze(personal);
        const { type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash, streamId: s, streamRevision, position } = r;
        const values = { ...(data as unknown as Record<string, unknown>) };
        for (const f of Object.keys(personal)) values[f] = personal[f]?.salt === undefined ? null : own.data[f];
        Object.freeze(values);
        return recordedEvent({ type, data: values as unknown as RecordedEvent["data"], eventId, schemaVersion, recordedAt, metadata, previousHash, hash, personal, erased }, { streamId: s, streamRevision, position });
      });
      const destroyed = await destroyKeys(erasuresIn(events));
      return E.isLeft(destroyed) ? destroyed : E.right({ ...appended.right, recorded });
    };
  };

  /** A page of the store below, its events revealed (the task made when the read is called, so its argument checks throw then). */
  const revealPage =
    <P extends { readonly events: ReadonlyArray<RecordedEvent>; readonly next: bigint | null }>(task: TE.TaskEither<StoreError, P>): TE.TaskEither<StoreError, P> =>
    async () => {
      const page = await task();
      if (E.isLeft(page)) return page;
      const events = await reveal(page.right.events);
      return E.map((revealed: ReadonlyArray<RecordedEvent>) => ({ ...page.right, events: revealed }))(events);
    };

  const readStream: EventStore["readStream"] = (streamId, readOptions) => revealPage(store.readStream(streamId, readOptions));
  const readAll: EventStore["readAll"] = (readOptions) => revealPage(store.readAll(readOptions));

  const subscribeToAll: EventStore["subscribeToAll"] = (subscribeOptions) => {
    const inner = store.subscribeToAll(subscribeOptions);
    const messages = async function* (): AsyncGenerator<SubscriptionMessage, void> {
      for await (const message of inner) {
        if (message._tag !== "Event") {
          yield message;
          continue;
        }
        const revealed = await reveal([message.event]);
        if (E.isLeft(revealed)) {
          yield { _tag: "SubscriptionFailed", error: revealed.left };
          return;
        }
        yield { _tag: "Event", event: revealed.right[0] as RecordedEvent };
      }
    };
    return subscriptionOf(messages(), () => inner.close());
  };

  const reconcileErasures = (): TE.TaskEither<StoreError, ReadonlyArray<SubjectRef>> => async () => {
    const inLog = await (options.erasedInLog ?? (() => scanErasures(store)))()();
    if (E.isLeft(inLog)) return inLog;
    if (inLog.right.length === 0) return E.right([]);
    // Only the keys that came back (a key store restored from a backup) are destroyed again.
    const kept = await keys.existingKeys(inLog.right)();
    if (E.isLeft(kept)) return E.left(fromKeyStore(kept.left));
    const again = inLog.right.filter((ref) => kept.right.has(subjectRefKey(ref)));
    const destroyed = await destroyKeys(again);
    return E.isLeft(destroyed) ? destroyed : E.right(again);
  };

  return { append, readStream, readAll, subscribeToAll, reconcileErasures };
};
