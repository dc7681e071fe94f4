import { nodePersonalCipher } from "@tenfold/core/node";
import { type SubjectKeyStore, createMemoryKeyStore } from "@tenfold/core/personal";
import type * as Postgres from "@tenfold/store-postgres";
import * as E from "fp-ts/lib/Either.js";
import { BOTH_STORES, queryGivesPassword, reasonOf, type StoreSettings } from "./eventStore.js";

/*
 * The key store of personal data (DOMAIN.md, personal data): one key per data subject, apart from
 * the events; an erasure destroys the subject's key. Which one follows from the event store: the
 * in-memory store keeps its keys in memory, PostgreSQL in the `subject_keys` table of its own
 * database (its default), and EventStoreDB, which holds no keys, in the PostgreSQL database that
 * TENFOLD_KEYS_PG_URL names (another database may hold PostgreSQL's keys too).
 */

// model

/** A key store and how to let go of it. */
export interface OpenedKeyStore {
  readonly keys: SubjectKeyStore;
  readonly close: () => Promise<void>;
  /** What it is, safe to log (no credentials, no key). */
  readonly description: string;
}

/** Where the keys are: the store's settings, and the PostgreSQL database of the keys when it is another. */
export interface KeyStoreSettings extends StoreSettings {
  /** PostgreSQL's connection string for the keys (`TENFOLD_KEYS_PG_URL`): needed with EventStoreDB. */
  readonly keysPgUrl?: string | undefined;
}

/** EventStoreDB without a database for the keys. */
export const ESDB_NEEDS_KEYS =
  "TENFOLD_ESDB_URL is set but TENFOLD_KEYS_PG_URL is not: EventStoreDB holds no keys of personal data, so TENFOLD_KEYS_PG_URL must name a PostgreSQL database to keep them in (postgres://user:password@host:5432/database)";

/** Keys in PostgreSQL for events kept only in memory. */
export const MEMORY_KEYS_ELSEWHERE =
  "TENFOLD_KEYS_PG_URL is set without TENFOLD_ESDB_URL or TENFOLD_PG_URL: the in-memory store keeps its keys in memory; set a store, or unset TENFOLD_KEYS_PG_URL";

// constructors

/** The `subject_keys` table of the database at `url` (schema "tenfold", created or migrated now); `variable` names the setting in messages. */
const openPostgresKeys = async (url: string, variable: string, where: string): Promise<E.Either<string, OpenedKeyStore>> => {
  if (queryGivesPassword(url)) return E.left(`${variable} gives a password as a query parameter, where it would be logged: put it in the URL (postgres://user:password@host/database) or in PGPASSWORD`);
  let pg: typeof Postgres;
  try {
    pg = await import("@tenfold/store-postgres");
  } catch (error) {
    return E.left(`keeping keys in PostgreSQL needs @tenfold/store-postgres (${reasonOf(error)})`);
  }
  const opened = await pg.createPostgresKeyStore({ connectionString: url })();
  const what = variable === "TENFOLD_PG_URL" ? "" : "the key store cannot be opened: ";
  if (E.isLeft(opened)) return E.left(`${variable} (${pg.redactConnectionString(url)}): ${what}${pg.describeKeyStoreOpenError(opened.left)}`);
  const keys = opened.right;
  return E.right({ keys, close: keys.close, description: `PostgreSQL at ${keys.description} (${where})` });
};

/**
 * The key store for these settings (blank strings count as not given): with TENFOLD_KEYS_PG_URL,
 * that database's; else with TENFOLD_PG_URL, the event store's own database; with EventStoreDB
 * alone, an error ({@link ESDB_NEEDS_KEYS}); with no store, in memory. Both stores given is an error.
 */
export const openKeyStore = async (settings: KeyStoreSettings = {}): Promise<E.Either<string, OpenedKeyStore>> => {
  const esdbUrl = settings.esdbUrl?.trim() || undefined;
  const pgUrl = settings.pgUrl?.trim() || undefined;
  const keysPgUrl = settings.keysPgUrl?.trim() || undefined;
  if (esdbUrl !== undefined && pgUrl !== undefined) return E.left(BOTH_STORES);
  if (keysPgUrl !== undefined) {
    if (esdbUrl === undefined && pgUrl === undefined) return E.left(MEMORY_KEYS_ELSEWHERE);
    return openPostgresKeys(keysPgUrl, "TENFOLD_KEYS_PG_URL", "TENFOLD_KEYS_PG_URL");
  }
  if (pgUrl !== undefined) return openPostgresKeys(pgUrl, "TENFOLD_PG_URL", "the event store's database");
  if (esdbUrl !== undefined) return E.left(ESDB_NEEDS_KEYS);
  return E.right({ keys: createMemoryKeyStore(nodePersonalCipher), close: () => Promise.resolve(), description: "in memory" });
};
