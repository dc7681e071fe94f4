import type { EventStore } from "@tenfold/core";
import type { SubjectKeyStore } from "@tenfold/core/personal";
import type * as EventStoreDb from "@tenfold/store-eventstoredb";
import type * as Postgres from "@tenfold/store-postgres";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";

/** An event store and how to let go of it. */
export interface OpenedStore {
  readonly store: EventStore;
  readonly close: () => Promise<void>;
  /** What it is, safe to log (no credentials). */
  readonly description: string;
}

/** Which store to open: EventStoreDB's or PostgreSQL's connection string (at most one), or neither for the in-memory store. */
export interface StoreSettings {
  readonly esdbUrl?: string | undefined;
  readonly pgUrl?: string | undefined;
}

/** Both stores asked for: which one is meant is not guessed. */
export const BOTH_STORES = "TENFOLD_ESDB_URL and TENFOLD_PG_URL are both set: set one of them (EventStoreDB or PostgreSQL), or neither for the in-memory store";

/** Why a module could not be loaded. */
export const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : "not loadable");

/** EventStoreDB, whose connection is lazy: an unreachable server shows as 503s, not here. */
const openEventStoreDb = async (esdbUrl: string, keys: SubjectKeyStore): Promise<E.Either<string, OpenedStore>> => {
  let esdb: typeof EventStoreDb;
  try {
    esdb = await import("@tenfold/store-eventstoredb");
  } catch (error) {
    return E.left(`EventStoreDB support needs @tenfold/store-eventstoredb (${reasonOf(error)})`);
  }
  const connected = esdb.connectEventStoreDb(esdbUrl, { keys });
  if (E.isLeft(connected)) return E.left(`TENFOLD_ESDB_URL: ${esdb.describeConnectionError(connected.left)}`);
  const { store, close, description } = connected.right;
  return E.right({ store, close, description: `EventStoreDB at ${description}` });
};

/** Whether the URL's query (after the last `@`) has a `password`, which the driver would use but a redacted URL would still show. */
export const queryGivesPassword = (url: string): boolean => {
  const question = url.indexOf("?", Math.max(url.lastIndexOf("@"), 0));
  return question >= 0 && new URLSearchParams(url.slice(question + 1).split("#")[0]).has("password");
};

/** PostgreSQL, opened now (its schema "tenfold" created or migrated): an unreachable server stops the start. */
const openPostgres = async (pgUrl: string, keys: SubjectKeyStore): Promise<E.Either<string, OpenedStore>> => {
  if (queryGivesPassword(pgUrl)) return E.left("TENFOLD_PG_URL gives a password as a query parameter, where it would be logged: put it in the URL (postgres://user:password@host/database) or in PGPASSWORD");
  let pg: typeof Postgres;
  try {
    pg = await import("@tenfold/store-postgres");
  } catch (error) {
    return E.left(`PostgreSQL support needs @tenfold/store-postgres (${reasonOf(error)})`);
  }
  const opened = await pg.createPostgresEventStore({ connectionString: pgUrl }, { keys })();
  if (E.isLeft(opened)) return E.left(`TENFOLD_PG_URL (${pg.redactConnectionString(pgUrl)}): ${pg.describeOpenError(opened.left)}`);
  const store = opened.right;
  return E.right({ store, close: store.close, description: `PostgreSQL at ${store.description}` });
};

/**
 * The in-memory store, EventStoreDB when its connection string is given, or PostgreSQL when its
 * is (each driver is loaded only then); both given is an error. Blank strings count as not given.
 * Each keeps personal values only encrypted, under one key per data subject in `keys` (see
 * `./keyStore.ts` for the one the environment names).
 */
export const openEventStore = async (settings: StoreSettings, keys: SubjectKeyStore): Promise<E.Either<string, OpenedStore>> => {
  const esdbUrl = settings.esdbUrl?.trim() || undefined;
  const pgUrl = settings.pgUrl?.trim() || undefined;
  if (esdbUrl !== undefined && pgUrl !== undefined) return E.left(BOTH_STORES);
  if (esdbUrl !== undefined) return openEventStoreDb(esdbUrl, keys);
  if (pgUrl !== undefined) return openPostgres(pgUrl, keys);
  return E.right({ store: createMemoryEventStore({ keys }), close: () => Promise.resolve(), description: "in memory" });
};
