import type { PGlite } from "@electric-sql/pglite";
import {
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type StoreError,
  type Subscription,
  describeStoreError,
} from "@tenfold/core";
import { redactSecrets, urlSecrets, withSeal } from "@tenfold/core/adapter";
import { nodeSha256 } from "@tenfold/core/node";
import type { PersonalDataStore } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import type pg from "pg";
import { appendEvents } from "./append.js";
import { createAppendQueue } from "./appendQueue.js";
import { MAX_BIGINT, checkAfter, checkEvents, checkExpectedRevision, checkFromRevision, checkMaxCount, checkStreamId } from "./arguments.js";
import { type InvalidConnectionString, redactConnectionString } from "./connectionString.js";
import type { Database, Unlisten } from "./database.js";
import { toStoreError } from "./errors.js";
import { type SchemaTooNew, migrate } from "./migrations.js";
import { type PostgresEventStoreOptions, type Settings, settingsOf } from "./options.js";
import { pgDatabase, poolOf } from "./pgDatabase.js";
import { pgliteDatabase } from "./pgliteDatabase.js";
import { readAllPage, readStreamPage } from "./reading.js";
import { type Names, namesOf } from "./schema.js";
import { subscribe } from "./subscription.js";
import { createWakeups } from "./wakeups.js";
import { withPersonalLayer } from "./personalLayer.js";

// model

/** An open PostgreSQL (or PGlite) event store: the port, and `close`, which ends its subscriptions and releases its connections. */
export interface PostgresEventStore extends PersonalDataStore {
  readonly close: () => Promise<void>;
  /** Where the store is, without credentials: safe to print. */
  readonly description: string;
}

/** What an open store adds to the port. */
type Closable = Pick<PostgresEventStore, "close" | "description">;

/** Why a store could not be opened: the database failed or cannot be reached, its schema is newer than this code, or the connection string is unusable. */
export type OpenError = StoreError | SchemaTooNew | InvalidConnectionString;

/** Where the store connects: a connection string (the store makes and ends its pool), or a pool of the caller's (left open). */
export type PostgresConnection = { readonly connectionString: string } | { readonly pool: pg.Pool };

/** Where an embedded store keeps its files (`dataDir`; in memory when absent), or a PGlite instance of the caller's (left open). */
export type PgliteConnection = { readonly dataDir?: string } | { readonly pglite: PGlite };

// constructors

const nowhere = Promise.resolve(undefined);

/** What `open` puts over the sealed store: the personal-data layer (the public stores), or nothing (tests only). */
type Layer<S extends EventStore> = (sealed: EventStore, context: { readonly db: Database; readonly names: Names; readonly redact: (text: string) => string }) => Promise<E.Either<StoreError, S>>;

/** The public store's layer: personal data protected, with the key store of the options (DOMAIN.md, schema version 2). */
const personalLayer =
  (options: PostgresEventStoreOptions): Layer<PersonalDataStore> =>
  (sealed, context) =>
    withPersonalLayer(sealed, context, { keys: options.keys, sha256: options.sha256 });

/** Opens the store over a database: migrates the schema, then serves the port, wrapped in `layer`. */
const open = async <S extends EventStore>(
  db: Database,
  settings: Settings,
  options: PostgresEventStoreOptions,
  description: string,
  redact: (text: string) => string,
  layer: Layer<S>,
): Promise<E.Either<OpenError, S & Closable>> => {
  const { sha256 } = options;
  const names = namesOf(settings.schema);
  try {
    const tooNew = await migrate(db, names);
    if (tooNew !== undefined) {
      await db.close();
      return E.left(tooNew);
    }
  } catch (error) {
    await db.close().catch(() => undefined);
    return E.left(toStoreError(error, `opening the event store in schema "${names.schema}"`, redact));
  }
  const wakeups = createWakeups();
  const context = { db, names, queue: createAppendQueue(db, names), redact, wrote: wakeups.wake };
  const subscriptions = new Set<Subscription>();
  let listening: Promise<Unlisten | undefined> | undefined;
  const startListening = (): void => {
    if (listening !== undefined || !settings.listen || db.listen === undefined) return;
    listening = db.listen(names.channel, wakeups.wake).catch(() => undefined);
  };

  const append: EventStore["append"] = (streamId, events, expected) => {
    const id = checkStreamId(streamId);
    const batch = checkEvents(events);
    const expectation = checkExpectedRevision(expected);
    return () => appendEvents(context, id, batch, expectation);
  };
  const readStream: EventStore["readStream"] = (streamId, options) => {
    const id = checkStreamId(streamId);
    const from = checkFromRevision(options?.fromRevision);
    const max = checkMaxCount(options?.maxCount);
    return () => (from > MAX_BIGINT ? Promise.resolve(E.right({ events: [], next: null })) : readStreamPage(context, id, from, max));
  };
  const readAll: EventStore["readAll"] = (options) => {
    const after = checkAfter(options?.after);
    const max = checkMaxCount(options?.maxCount);
    return () => (after !== undefined && after >= MAX_BIGINT ? Promise.resolve(E.right({ events: [], next: null })) : readAllPage(context, after, max));
  };
  const subscribeToAll: EventStore["subscribeToAll"] = (options) => {
    const after = checkAfter(options?.after);
    startListening();
    const subscription = subscribe(context, wakeups, settings, after, () => subscriptions.delete(subscription));
    subscriptions.add(subscription);
    return subscription;
  };
  const checkAppend = (_: string, batch: ReadonlyArray<NewEvent>, expected: ExpectedRevision): void => {
    checkEvents(batch);
    checkExpectedRevision(expected);
  };
  const bare: EventStore = { append, readStream, readAll, subscribeToAll };
  const sealed = settings.seal ? withSeal(bare, sha256 ?? nodeSha256, { checkAppend }) : bare;
  const layered = await layer(sealed, context);
  if (E.isLeft(layered)) {
    await db.close().catch(() => undefined);
    return layered;
  }
  const store = layered.right;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await Promise.all([...subscriptions].map((s) => s.close()));
      const unlisten = await (listening ?? nowhere);
      await unlisten?.();
      await db.close();
    })());
  return E.right({ ...store, close, description });
};

/** Opens the store on a PostgreSQL server, wrapped in `layer`. */
const openPostgres = <S extends EventStore>(connection: PostgresConnection, options: PostgresEventStoreOptions, layer: Layer<S>): TE.TaskEither<OpenError, S & Closable> => {
  const settings = settingsOf(options); // a bad option throws a RangeError now, not when the task runs
  return async () => {
    if ("pool" in connection) {
      const db = pgDatabase(connection.pool, false, settings.listen ? { _tag: "Pool" } : undefined);
      return open(db, settings, options, `PostgreSQL (a pool of the caller's), schema ${settings.schema}`, redactSecrets([]), layer);
    }
    const url = connection.connectionString;
    const made = poolOf(url, settings);
    if (E.isLeft(made)) return made;
    const pool = made.right;
    const redact = redactSecrets([url, ...urlSecrets(url)]);
    const db = pgDatabase(pool, true, settings.listen ? { _tag: "Config", config: { connectionString: url, connectionTimeoutMillis: 10_000 } } : undefined);
    return open(db, settings, options, `${redactConnectionString(url)}, schema ${settings.schema}`, redact, layer);
  };
};

/** Opens the store on PGlite, wrapped in `layer`. */
const openPglite = <S extends EventStore>(connection: PgliteConnection, options: PostgresEventStoreOptions, layer: Layer<S>): TE.TaskEither<OpenError, S & Closable> => {
  const settings = settingsOf(options);
  return async () => {
    if ("pglite" in connection) return open(pgliteDatabase(connection.pglite, false), settings, options, `PGlite (an instance of the caller's), schema ${settings.schema}`, redactSecrets([]), layer);
    const dataDir = connection.dataDir;
    let db: PGlite;
    try {
      const { PGlite } = await import("@electric-sql/pglite");
      db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
    } catch (error) {
      return E.left(toStoreError(error, `opening PGlite${dataDir === undefined ? " in memory" : ` in ${dataDir}`}`, redactSecrets([])));
    }
    return open(pgliteDatabase(db, true), settings, options, `PGlite ${dataDir ?? "(in memory)"}, schema ${settings.schema}`, redactSecrets([]), layer);
  };
};

/**
 * Opens the event store on a PostgreSQL server (or a database derived from it): creates or
 * migrates its schema, then serves the port. Every append is sealed (DOMAIN.md's hash chain, the
 * same bytes as every Tenfold store) and runs in one READ COMMITTED transaction; positions come
 * from a one-row counter taken last, so readers never see a gap. Subscriptions are woken by
 * LISTEN/NOTIFY and poll as well. Failures are StoreError values; a schema migrated by a newer
 * Tenfold is SchemaTooNew; a connection string is never repeated with its password.
 * @example
 * const opened = await createPostgresEventStore({ connectionString: "postgres://tenfold:secret@localhost:5432/tenfold" })();
 * if (E.isRight(opened)) { const store = opened.right; … await store.close(); }
 */
export const createPostgresEventStore = (connection: PostgresConnection, options: PostgresEventStoreOptions = {}): TE.TaskEither<OpenError, PostgresEventStore> =>
  openPostgres(connection, options, personalLayer(options));

/**
 * Opens the event store embedded in this process on PGlite (PostgreSQL compiled to WebAssembly):
 * the same SQL and migrations as on a server, kept in `dataDir` (in memory without one). Needs
 * the optional peer dependency `@electric-sql/pglite`.
 * @example
 * const opened = await createPgliteEventStore({ dataDir: "./campaign-db" })();
 */
export const createPgliteEventStore = (connection: PgliteConnection = {}, options: PostgresEventStoreOptions = {}): TE.TaskEither<OpenError, PostgresEventStore> =>
  openPglite(connection, options, personalLayer(options));

/** No layer: the sealed store as it is. */
const sealedOnly: Layer<EventStore> = (sealed) => Promise.resolve(E.right(sealed));

/**
 * @internal Tests only (not exported by the package): the store exactly as `createPostgresEventStore`
 * and `createPgliteEventStore` open it, sealed, but without the personal-data layer — what the layer
 * appends to and reads from, so that a test sees `personal` as the events table keeps it. No
 * erasure is reconciled and `keys` is not used.
 */
export const openBelowPersonalLayer = {
  postgres: (connection: PostgresConnection, options: PostgresEventStoreOptions = {}): TE.TaskEither<OpenError, EventStore & Closable> => openPostgres(connection, options, sealedOnly),
  pglite: (connection: PgliteConnection = {}, options: PostgresEventStoreOptions = {}): TE.TaskEither<OpenError, EventStore & Closable> => openPglite(connection, options, sealedOnly),
};

/** A sentence a person reads. */
export const describeOpenError = (error: OpenError): string => {
  switch (error._tag) {
    case "SchemaTooNew":
      return `schema "${error.schema}" is at version ${error.found}, newer than this Tenfold knows (${error.supported}): upgrade Tenfold, or open another schema`;
    case "InvalidConnectionString":
      return error.reason;
    case "WrongExpectedRevision":
    case "StoreUnavailable":
    case "InvalidStoredEvent":
    case "AppendTooLarge":
    case "StoreFailure":
      return describeStoreError(error);
  }
};
