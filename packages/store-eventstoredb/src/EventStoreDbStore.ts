import { withSeal } from "@tenfold/core/adapter";
import { nodePersonalCipher, nodeSha256 } from "@tenfold/core/node";
import { type PersonalDataStore, createMemoryKeyStore, withPersonalData } from "@tenfold/core/personal";
import type {
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from "@tenfold/core";
import { appendEvents } from "./append.js";
import type { EventStoreClient } from "./client.js";
import { checkAfter, checkEvents, checkFromRevision, checkMaxCount, checkStreamId, toClientExpected } from "./arguments.js";
import { type EventStoreDbStoreOptions, settingsOf } from "./options.js";
import { readAllPage, readStreamPage } from "./reading.js";
import { subscribe } from "./subscription.js";

/**
 * An {@link EventStore} on KurrentDB (EventStoreDB), through a client that the caller makes and
 * disposes of: a `KurrentDBClient` of `@kurrent/kurrentdb-client` 1.x or an `EventStoreDBClient`
 * of `@eventstore/db-client` 6.x.
 *
 * - `append` sends the port's expectation as the client's (`NO_STREAM`, `STREAM_EXISTS`, `ANY`,
 *   the exact bigint revision); a WrongExpectedVersionError becomes WrongExpectedRevision with the
 *   actual revision. The appended events are read back, so that every recorded event carries its
 *   revision and $all commit position. An empty batch only checks the expectation; its
 *   `nextExpectedRevision` is -1n when the stream does not exist.
 * - Event ids are the events' `eventId`s (UUIDs), so retrying an append whose reply was lost is a
 *   no-op on the server (see {@link deterministicEventIds}).
 * - `readStream` and `readAll` read one page from the server event by event; a stream never
 *   written reads as empty. `readAll` and `subscribeToAll` see only this store's streams (those
 *   starting with `tenfold-`, or those of the `namespace`). Revisions and positions are bigints.
 * - Unavailability, deadlines (`deadlineMs`, on every call) and lost connections are
 *   StoreUnavailable; a stored event that does not decode is InvalidStoredEvent; anything else is
 *   StoreFailure; no method throws, except a RangeError for a bad argument, when it is called.
 *
 * @example
 * const client = KurrentDBClient.connectionString`kurrentdb://127.0.0.1:2113?tls=false`;
 * const store = createEventStoreDbStore(client);
 * await store.append(campaignStreamId("xining-2013"), events, noStream)();
 */
export const createEventStoreDbStore = (client: EventStoreClient, options?: EventStoreDbStoreOptions): PersonalDataStore =>
  makeStore(client, options).store;

/** @internal A store, and a way to close every subscription it opened that is still open. */
export const makeStore = (
  client: EventStoreClient,
  options?: EventStoreDbStoreOptions,
): { readonly store: PersonalDataStore; readonly closeSubscriptions: () => Promise<void> } => {
  const settings = settingsOf(options);
  const subscriptions = new Set<Subscription>();

  const append: EventStore["append"] = (streamId, events, expected) => {
    const request = {
      streamId: checkStreamId(streamId),
      events: checkEvents(events),
      expected,
      clientExpected: toClientExpected(expected),
    };
    return () => appendEvents(client, settings, request);
  };

  const readStream: EventStore["readStream"] = (streamId: string, options?: ReadStreamOptions) => {
    const id = checkStreamId(streamId);
    const from = checkFromRevision(options?.fromRevision);
    const max = checkMaxCount(options?.maxCount);
    return () => readStreamPage(client, settings, id, from, max);
  };

  const readAll: EventStore["readAll"] = (options?: ReadAllOptions) => {
    const after = checkAfter(options?.after);
    const max = checkMaxCount(options?.maxCount);
    return () => readAllPage(client, settings, after, max);
  };

  const subscribeToAll: EventStore["subscribeToAll"] = (options?: SubscribeOptions) => {
    const subscription = subscribe(client, settings, checkAfter(options?.after), () => subscriptions.delete(subscription));
    subscriptions.add(subscription);
    return subscription;
  };

  const closeSubscriptions = async (): Promise<void> => {
    await Promise.all([...subscriptions].map((s) => s.close()));
  };

  // Every event is sealed into its stream's hash chain before it is stored (the seal lives in metadata).
  // The adapter's own rules (UUID event ids) are checked when append is called, before any sealing.
  const checkAppend = (_: string, batch: ReadonlyArray<NewEvent>, expected: ExpectedRevision): void => {
    checkEvents(batch);
    toClientExpected(expected);
  };
  const sha256 = options?.sha256 ?? nodeSha256;
  const sealed = withSeal({ append, readStream, readAll, subscribeToAll }, sha256, { checkAppend });
  const keys = options?.keys ?? createMemoryKeyStore(nodePersonalCipher);
  // The connection is lazy, so nothing is reconciled here: `store.reconcileErasures()` reads the whole
  // of $all (this store's streams), which an application runs when it starts (the example service does).
  return { store: withPersonalData(sealed, { keys, cipher: nodePersonalCipher, sha256 }), closeSubscriptions };
};
