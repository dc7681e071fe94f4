/**
 * @tenfold/store-postgres — the Tenfold event store (`EventStore` of `@tenfold/core`) on
 * PostgreSQL through `pg`, and embedded in process on PGlite: sealed appends in one transaction
 * each, every expected-revision kind enforced in it, idempotent retries, a global order without
 * gaps for readers, paged reads with bigint positions, and catch-up-then-live subscriptions woken
 * by LISTEN/NOTIFY that survive a server restart; and the key store of personal data
 * (`SubjectKeyStore` of `@tenfold/core/personal`) in a table of the same schema.
 * @packageDocumentation
 */

export {
  createPgliteEventStore,
  createPostgresEventStore,
  describeOpenError,
  type OpenError,
  type PgliteConnection,
  type PostgresConnection,
  type PostgresEventStore,
} from "./PostgresEventStore.js";
export type { PostgresEventStoreOptions, ReconnectPolicy } from "./options.js";
export {
  createPgliteKeyStore,
  createPostgresKeyStore,
  describeKeyStoreOpenError,
  type KeyStoreOpenError,
  type PostgresKeyStore,
  type PostgresKeyStoreOptions,
} from "./subjectKeys.js";
export { type InvalidConnectionString, isPostgresConnectionString, redactConnectionString } from "./connectionString.js";
export { SCHEMA_VERSION, type SchemaTooNew } from "./migrations.js";
export { DEFAULT_SCHEMA } from "./schema.js";
export { DEFAULT_MAX_COUNT } from "./arguments.js";
