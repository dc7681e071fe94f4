/**
 * @tenfold/store-eventstoredb — the Tenfold event store (`EventStore` of `@tenfold/core`) on
 * EventStoreDB (KurrentDB): optimistic concurrency, idempotent retries with deterministic event
 * ids, paged reads, and catch-up-then-live subscriptions that survive a server restart.
 * @packageDocumentation
 */

export { createEventStoreDbStore } from "./EventStoreDbStore.js";
export { connectEventStoreDb, describeConnectionError, type EventStoreDbConnection } from "./connect.js";
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
