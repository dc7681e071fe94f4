/**
 * @tenfold/store-memory — the Tenfold event store (`EventStore` of `@tenfold/core`) held in
 * memory: optimistic concurrency, one global order, idempotent retries, frozen events, and
 * catch-up-then-live subscriptions.
 * @packageDocumentation
 */

export { createMemoryEventStore, createUnsealedMemoryEventStore, type MemoryEventStoreOptions } from "./MemoryEventStore.js";
export { DEFAULT_MAX_COUNT } from "./arguments.js";
