import type { PGlite } from "@electric-sql/pglite";
import { redactSecrets, urlSecrets } from "@tenfold/core/adapter";
import { nodePersonalCipher } from "@tenfold/core/node";
import { type KeyStoreError, type PersonalCipher, type SubjectKeyStore, describeKeyStoreError } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { type InvalidConnectionString, redactConnectionString } from "./connectionString.js";
import type { Database } from "./database.js";
import { type SchemaTooNew, migrate } from "./migrations.js";
import { pgDatabase, poolOf } from "./pgDatabase.js";
import { pgliteDatabase } from "./pgliteDatabase.js";
import { settingsOf } from "./options.js";
import type { PgliteConnection, PostgresConnection } from "./PostgresEventStore.js";
import { namesOf } from "./schema.js";
import { keyStoreFailure, keyTable } from "./subjectKeyTable.js";

// model

/** An open PostgreSQL (or PGlite) key store: the port of `@tenfold/core/personal`, and `close`, which releases its connections. */
export interface PostgresKeyStore extends SubjectKeyStore {
  readonly close: () => Promise<void>;
  /** Where the store is, without credentials: safe to print. */
  readonly description: string;
}

/** Options of {@link createPostgresKeyStore} and {@link createPgliteKeyStore}. */
export interface PostgresKeyStoreOptions {
  /** The PostgreSQL schema of the `subject_keys` table: the event store's, to keep both in one database. @defaultValue "tenfold" */
  readonly schema?: string;
  /** What makes a new subject's key, and names its algorithm. @defaultValue nodePersonalCipher (AES-256-GCM, node:crypto) */
  readonly cipher?: Pick<PersonalCipher, "algorithm" | "newKey">;
  /** Longest run of one statement, in milliseconds (pools the store makes only). @defaultValue 30_000 */
  readonly statementTimeoutMs?: number;
  /** Connections of the pool the store makes from a connection string. @defaultValue 4 */
  readonly poolSize?: number;
}

/** Why a key store could not be opened: the database failed or cannot be reached (KeyStoreUnavailable), its schema is newer than this code, or the connection string is unusable. */
export type KeyStoreOpenError = KeyStoreError | SchemaTooNew | InvalidConnectionString;

// constructors

/** Opens the key store over a database: migrates the schema, then serves the port. */
const open = async (
  db: Database,
  schema: string,
  cipher: Pick<PersonalCipher, "algorithm" | "newKey">,
  description: string,
  redact: (text: string) => string,
): Promise<E.Either<KeyStoreOpenError, PostgresKeyStore>> => {
  const names = namesOf(schema);
  try {
    const tooNew = await migrate(db, names);
    if (tooNew !== undefined) {
      await db.close();
      return E.left(tooNew);
    }
  } catch (error) {
    await db.close().catch(() => undefined);
    return E.left(keyStoreFailure(error, `opening the key store in schema "${schema}"`, redact));
  }
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= db.close());
  return E.right({ ...keyTable({ db, names, cipher, redact }), close, description });
};

/**
 * Opens the key store of personal data (DOMAIN.md, schema version 2) on a PostgreSQL server: one
 * key per data subject in the `subject_keys` table of the schema, apart from the events (created
 * or migrated on open, by the event store's migrations). Over `{ pool }` it shares the event
 * store's pool (left open); over `{ connectionString }` it makes a pool of its own, which may be
 * another database's. `keysFor` creates missing keys in one transaction; `destroy` sets the key
 * NULL (a tombstone row remembers the subject as erased), then rewrites the table (`VACUUM
 * FULL`) so that the old row versions holding the key bytes leave its files. Failures are
 * KeyStoreError values, which never hold a key or a password.
 * @example
 * const keys = await createPostgresKeyStore({ pool })();
 * if (E.isRight(keys)) { const found = await keys.right.keysFor([{ campaignId: "xining-2013", subject: "cadre:c-1" }])(); … }
 */
export const createPostgresKeyStore = (connection: PostgresConnection, options: PostgresKeyStoreOptions = {}): TE.TaskEither<KeyStoreOpenError, PostgresKeyStore> => {
  const settings = settingsOf({ schema: options.schema, statementTimeoutMs: options.statementTimeoutMs, poolSize: options.poolSize ?? 4 }); // a bad option throws now
  const cipher = options.cipher ?? nodePersonalCipher;
  return async () => {
    if ("pool" in connection) {
      return open(pgDatabase(connection.pool, false, undefined), settings.schema, cipher, `PostgreSQL (a pool of the caller's), schema ${settings.schema}, subject keys`, redactSecrets([]));
    }
    const url = connection.connectionString;
    const pool = poolOf(url, settings);
    if (E.isLeft(pool)) return pool;
    return open(pgDatabase(pool.right, true, undefined), settings.schema, cipher, `${redactConnectionString(url)}, schema ${settings.schema}, subject keys`, redactSecrets([url, ...urlSecrets(url)]));
  };
};

/**
 * The key store embedded on PGlite, in the same schema as an event store's: pass the one PGlite
 * instance both use (`{ pglite }`, left open), or a `dataDir` of its own. Needs the optional peer
 * dependency `@electric-sql/pglite`.
 */
export const createPgliteKeyStore = (connection: PgliteConnection = {}, options: PostgresKeyStoreOptions = {}): TE.TaskEither<KeyStoreOpenError, PostgresKeyStore> => {
  const { schema } = settingsOf({ schema: options.schema });
  const cipher = options.cipher ?? nodePersonalCipher;
  const redact = redactSecrets([]);
  return async () => {
    if ("pglite" in connection) return open(pgliteDatabase(connection.pglite, false), schema, cipher, `PGlite (an instance of the caller's), schema ${schema}, subject keys`, redact);
    const dataDir = connection.dataDir;
    let db: PGlite;
    try {
      const { PGlite } = await import("@electric-sql/pglite");
      db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
    } catch (error) {
      return E.left(keyStoreFailure(error, `opening PGlite${dataDir === undefined ? " in memory" : ` in ${dataDir}`}`, redact));
    }
    return open(pgliteDatabase(db, true), schema, cipher, `PGlite ${dataDir ?? "(in memory)"}, schema ${schema}, subject keys`, redact);
  };
};

/** A sentence a person reads. */
export const describeKeyStoreOpenError = (error: KeyStoreOpenError): string => {
  switch (error._tag) {
    case "SchemaTooNew":
      return `schema "${error.schema}" is at version ${error.found}, newer than this Tenfold knows (${error.supported}): upgrade Tenfold, or open another schema`;
    case "InvalidConnectionString":
      return error.reason;
    case "KeyStoreUnavailable":
    case "SubjectAlreadyErased":
    case "KeyStoreCorrupt":
      return describeKeyStoreError(error);
  }
};
