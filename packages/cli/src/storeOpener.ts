import type { OpenError, PostgresEventStore } from "@tenfold/store-postgres";
import { describeStoreError } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import type { OpenedStore, StoreOpener, StoreOpenOptions } from "./io.js";
import { shownStoreUrl, storeTarget } from "./storeUrl.js";

/*
 * The binary's store opener: each adapter is loaded only when a command names a store of its kind,
 * so that commands on files never load a database driver.
 */

type Opened = E.Either<string, OpenedStore>;

/**
 * An EventStoreDB URL through @tenfold/store-eventstoredb (whose connection is lazy). EventStoreDB
 * keeps no keys of personal data: it is given the key store of `--keys`, else one in memory (its
 * keys die with the process, so the CLI writes no personal value to it then).
 */
const openEventStoreDb = async (url: string, { keys }: StoreOpenOptions, esdbClient: string | undefined): Promise<Opened> => {
  const esdb = await import("@tenfold/store-eventstoredb");
  if (!esdb.isEventStoreDbConnectionString(url)) return E.left(`"${shownStoreUrl(url)}" is not a KurrentDB connection string (kurrentdb://host:2113, esdb://host:2113 or kurrentdb+discover://…)`);
  const clientPackage = esdb.CLIENT_PACKAGES.find((name) => name === esdbClient);
  if (esdbClient !== undefined && esdbClient !== "" && clientPackage === undefined) {
    return E.left(`TENFOLD_ESDB_CLIENT must be ${esdb.CLIENT_PACKAGES.join(" or ")}, or unset`);
  }
  const connected = esdb.connectEventStoreDb(url, { ...(keys === undefined ? {} : { keys }), ...(clientPackage === undefined ? {} : { clientPackage }) });
  if (E.isLeft(connected)) return E.left(esdb.describeConnectionError(connected.left));
  if (keys !== undefined) {
    // Keys given: destroy again those of subjects the log says were erased (a key directory restored from a backup).
    const reconciled = await connected.right.store.reconcileErasures()();
    if (E.isLeft(reconciled)) {
      await connected.right.close();
      return E.left(`cannot reconcile the erasures of ${connected.right.description} with --keys: ${describeStoreError(reconciled.left)}`);
    }
  }
  return E.right({ ...connected.right, keysInMemory: keys === undefined });
};

/**
 * A PostgreSQL server (schema "tenfold" unless the URL's `schema` says otherwise), or PGlite in a
 * directory: opened, and the schema migrated, now. Its keys of personal data are in that database's
 * `subject_keys` table, unless `--keys` names another key store (a directory): then they are there.
 */
const openPostgres = async (target: { readonly url: string; readonly schema: string | undefined } | { readonly dataDir: string }, { keys }: StoreOpenOptions): Promise<Opened> => {
  const pg = await import("@tenfold/store-postgres");
  const where = "dataDir" in target ? `pglite:${target.dataDir}` : pg.redactConnectionString(target.url);
  const options = { ...("schema" in target && target.schema !== undefined ? { schema: target.schema } : {}), ...(keys === undefined ? {} : { keys }) };
  try {
    const opened = await ("dataDir" in target ? pg.createPgliteEventStore({ dataDir: target.dataDir }, options) : pg.createPostgresEventStore({ connectionString: target.url }, options))();
    return E.bimap(
      // An unusable connection string's reason already shows it, redacted.
      (error: OpenError) => (error._tag === "InvalidConnectionString" ? error.reason : `cannot open ${where}: ${pg.describeOpenError(error)}`),
      (store: PostgresEventStore): OpenedStore => ({ store, close: store.close, description: store.description }),
    )(opened);
  } catch (error) {
    // The options are checked by throwing RangeError (a schema name it does not accept).
    return E.left(`cannot open ${where}: ${error instanceof RangeError ? error.message : `unexpected ${error instanceof Error ? error.name : "failure"}`}`);
  }
};

/** How the binary opens stores: `esdbClient` names the KurrentDB client package to connect through (`TENFOLD_ESDB_CLIENT`), else the first installed. */
export interface StoreOpenerSettings {
  readonly esdbClient?: string | undefined;
}

/**
 * Opens what a `--store` value names: KurrentDB or EventStoreDB (`kurrentdb://…`, `esdb://…`),
 * PostgreSQL (`postgres://…`, `postgresql://…`) or PGlite (`pglite:DIR`).
 */
export const storeOpener =
  (settings: StoreOpenerSettings = {}): StoreOpener =>
  async (url, options = {}) => {
    const target = storeTarget(url);
    if (E.isLeft(target)) return target;
    switch (target.right._tag) {
      case "EventStoreDb":
        return openEventStoreDb(target.right.url, options, settings.esdbClient);
      case "Postgres":
      case "Pglite":
        return openPostgres(target.right, options);
    }
  };

/** {@link storeOpener} with the first installed KurrentDB client package. */
export const openStoreUrl: StoreOpener = storeOpener();
