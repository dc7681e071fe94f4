/**
 * @tenfold/example-embedding — a small HTTP service embedding Tenfold through `@tenfold/di`:
 * the service as a function, for tests and other programs (`src/main.ts` is the entry point).
 * @packageDocumentation
 */

export { startService, type RunningService, type ServiceOptions } from "./service.js";
export { readEnvironment, startFromEnvironment, type Environment, type EnvironmentSettings } from "./environment.js";
export { BOTH_STORES, openEventStore, type OpenedStore, type StoreSettings } from "./eventStore.js";
export { ESDB_NEEDS_KEYS, MEMORY_KEYS_ELSEWHERE, openKeyStore, type KeyStoreSettings, type OpenedKeyStore } from "./keyStore.js";
export { LIVE_STATISTICS, SERVICE_SETTINGS, WRITE_POSITIONS, type ServiceSettings } from "./tokens.js";
export { createWritePositions, type WritePositions } from "./writePositions.js";
export { CommandsEndpoint } from "./http/CommandsEndpoint.js";
export { ErasuresEndpoint } from "./http/ErasuresEndpoint.js";
export { StatisticsEndpoint } from "./http/StatisticsEndpoint.js";
