/**
 * @tenfold/store-eventstoredb — the Tenfold event store (`EventStore` of `@tenfold/core`) on
 * KurrentDB (EventStoreDB), through `@kurrent/kurrentdb-client` or `@eventstore/db-client`: optimistic concurrency, idempotent retries with deterministic event
 * ids, paged reads, and catch-up-then-live subscriptions that survive a server restart.
 * @packageDocumentation
 */

export { createEventStoreDbStore } from "./EventStoreDbStore.js";
export { connectEventStoreDb, describeConnectionError, type ConnectError, type EventStoreDbConnectOptions, type EventStoreDbConnection } from "./connect.js";
export { CLIENT_PACKAGES, type ClientPackageMissing, type EventStoreDbClientPackage } from "./clientPackage.js";
export type { EventStoreClient } from "./client.js";
export {
  isEventStoreDbConnectionString,
  parseConnectionString,
  redactConnectionString,
  type ConnectionSettings,
  type InvalidConnectionString,
} from "./connectionString.js";
export type { EventStoreDbStoreOptions, ReconnectPolicy } from "./options.js";
export { DEFAULT_MAX_COUNT } from "./arguments.js";
export { TENFOLD_EVENT_ID_NAMESPACE, deterministicEventIds, eventIdFor, uuidV5 } from "./eventIds.js";
export type { StoredMetadata } from "./storedFormat.js";
