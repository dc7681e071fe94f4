import type { Sha256 } from "@tenfold/core/audit";
import type { SubjectKeyStore } from "@tenfold/core/personal";
import { checkSchemaName } from "./schema.js";

// model

/** How a subscription retries after a failed read (a server restart, a lost connection): delays double from `initialDelayMs` up to `maxDelayMs`. */
export interface ReconnectPolicy {
  /** Wait before the first retry. @defaultValue 100 */
  readonly initialDelayMs?: number;
  /** Longest wait between two retries. @defaultValue 5000 */
  readonly maxDelayMs?: number;
  /** Consecutive failed reads after which the subscription stops with StoreUnavailable. @defaultValue 60 */
  readonly maxAttempts?: number;
}

/** Options of {@link createPostgresEventStore} and {@link createPgliteEventStore}. */
export interface PostgresEventStoreOptions {
  /** The PostgreSQL schema that holds the store's tables, created on open. @defaultValue "tenfold" */
  readonly schema?: string;
  /** Whether subscriptions LISTEN for appends on a connection of their own; false behind a transaction-mode pooler, where they poll. @defaultValue true */
  readonly listen?: boolean;
  /** How often a caught-up subscription reads again when nothing woke it. @defaultValue 1000 with listen, 200 without */
  readonly pollIntervalMs?: number;
  /** Retries of a subscription's failed reads. */
  readonly reconnect?: ReconnectPolicy;
  /** Longest run of one statement, in milliseconds, before it fails with StoreUnavailable (pools the store makes only). @defaultValue 30_000 */
  readonly statementTimeoutMs?: number;
  /** Connections of the pool the store makes from a connection string. @defaultValue 10 */
  readonly poolSize?: number;
  /** The SHA-256 that seals appended events (DOMAIN.md's hash chain). @defaultValue node:crypto's */
  readonly sha256?: Sha256;
  /** Whether appends are sealed. Only measurements turn it off: every Tenfold store seals. @defaultValue true */
  readonly seal?: boolean;
  /**
   * Where the data subjects' keys live (DOMAIN.md, personal data). @defaultValue the `subject_keys`
   * table of the same schema, over the store's own connections (`createPostgresKeyStore`)
   */
  readonly keys?: SubjectKeyStore;
}

/** @internal The options with every default filled in. */
export interface Settings {
  readonly schema: string;
  readonly listen: boolean;
  readonly pollIntervalMs: number;
  readonly reconnect: Required<ReconnectPolicy>;
  readonly statementTimeoutMs: number;
  readonly poolSize: number;
  readonly seal: boolean;
}

// constructors

const positive = (value: number | undefined, fallback: number, what: string): number => {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw new RangeError(`${what} must be a positive number, got ${String(value)}`);
  return value;
};

/** @internal Checks the options (a bad option is a programmer error: RangeError) and fills in the defaults. */
export const settingsOf = (options: PostgresEventStoreOptions = {}): Settings => {
  const listen = options.listen ?? true;
  const reconnect = options.reconnect ?? {};
  return {
    schema: checkSchemaName(options.schema),
    listen,
    pollIntervalMs: positive(options.pollIntervalMs, listen ? 1000 : 200, "pollIntervalMs"),
    reconnect: {
      initialDelayMs: positive(reconnect.initialDelayMs, 100, "reconnect.initialDelayMs"),
      maxDelayMs: positive(reconnect.maxDelayMs, 5000, "reconnect.maxDelayMs"),
      maxAttempts: Math.floor(positive(reconnect.maxAttempts, 60, "reconnect.maxAttempts")),
    },
    statementTimeoutMs: Math.floor(positive(options.statementTimeoutMs, 30_000, "statementTimeoutMs")),
    poolSize: Math.floor(positive(options.poolSize, 10, "poolSize")),
    seal: options.seal ?? true,
  };
};
