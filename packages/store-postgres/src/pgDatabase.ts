import pg from "pg";
import type { Database, Queryable, Row, Unlisten } from "./database.js";
import { sleep } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";
import { type InvalidConnectionString, checkConnectionString, redactConnectionString } from "./connectionString.js";
import { backoff } from "./backoff.js";

/*
 * The store's database on a PostgreSQL server through `pg`. Every int8 the store reads is selected
 * as text and parsed to a bigint by the store, so `pg`'s global type parsers are left alone.
 */

const queryable = (client: pg.ClientBase): Queryable => ({
  query: async (text, parameters) => (await client.query<Row>(text, parameters === undefined ? undefined : [...parameters])).rows,
});

const ignore = (): void => undefined;

/** Quotes an identifier for SQL. */
const identifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * @internal The pool a store makes from a connection string (checked first): idle connections lost
 * are heard (the next query reports them); a string the driver refuses is InvalidConnectionString,
 * shown redacted.
 */
export const poolOf = (url: string, settings: { readonly poolSize: number; readonly statementTimeoutMs: number }): E.Either<InvalidConnectionString, pg.Pool> => {
  const checked = checkConnectionString(url);
  if (E.isLeft(checked)) return checked;
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({ connectionString: url, max: settings.poolSize, statement_timeout: settings.statementTimeoutMs, connectionTimeoutMillis: 10_000 });
  } catch {
    return E.left({ _tag: "InvalidConnectionString", reason: `"${redactConnectionString(url)}" is not a connection string the PostgreSQL client accepts` });
  }
  pool.on("error", () => undefined); // an idle connection lost: the next query reports it
  return E.right(pool);
};

/** What the listening connection is opened with. */
export type ListenerSource = { readonly _tag: "Config"; readonly config: pg.ClientConfig } | { readonly _tag: "Pool" };

/** @internal The database over a pool; `ownsPool`: whether closing the store ends the pool. */
export const pgDatabase = (pool: pg.Pool, ownsPool: boolean, listener: ListenerSource | undefined): Database => {
  const aborted = new AbortController();
  const listeners = new Set<() => Promise<void>>();

  /** Runs `work` on a connection of the pool; when it fails, rolls back whatever it left open and gives the connection back (or drops it, when it is gone). */
  const onConnection = async <A>(work: (client: pg.PoolClient) => Promise<A>): Promise<A> => {
    const client = await pool.connect();
    // A connection lost while checked out emits "error" as well as failing the query: unheard, it would crash the process.
    client.on("error", ignore);
    try {
      const result = await work(client);
      client.off("error", ignore);
      client.release();
      return result;
    } catch (error) {
      try {
        await client.query("ROLLBACK");
        client.off("error", ignore);
        client.release();
      } catch {
        client.release(true); // the connection is gone: the pool must not hand it out again
      }
      throw error;
    }
  };

  const transaction: Database["transaction"] = (work) =>
    onConnection(async (client) => {
      await client.query("BEGIN ISOLATION LEVEL READ COMMITTED");
      const result = await work(queryable(client));
      await client.query("COMMIT");
      return result;
    });

  const script: Database["script"] = (sql) =>
    onConnection(async (client) => ((await client.query<Row>(sql)) as unknown as ReadonlyArray<pg.QueryResult<Row>>).map((r) => r.rows));

  const openListener = async (): Promise<{ readonly client: pg.ClientBase; readonly release: () => void }> => {
    if (listener?._tag === "Config") {
      const client = new pg.Client(listener.config);
      client.on("error", () => undefined); // handled through "end" below; an unheard error would crash the process
      try {
        await client.connect();
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      return { client, release: () => void client.end().catch(() => undefined) };
    }
    const client = await pool.connect();
    client.on("error", ignore);
    // Released once: stopping and losing the connection both release it, and the pool throws on a second release.
    let released = false;
    return {
      client,
      release: () => {
        if (released) return;
        released = true;
        client.release(true);
      },
    };
  };

  /** One connection that LISTENs on `channel`, reconnecting with backoff when it is lost, waking the caller after each connection. */
  const listen = (channel: string, wake: () => void): Promise<Unlisten> => {
    const stopped = new AbortController();
    let current: { readonly client: pg.ClientBase; readonly release: () => void } | undefined;
    const loop = async (): Promise<void> => {
      for (let failures = 0; !stopped.signal.aborted && !aborted.signal.aborted; ) {
        try {
          const opened = await openListener();
          current = opened;
          const lost = new Promise<void>((resolve) => {
            opened.client.once("end", resolve);
            opened.client.once("error", resolve);
            // Stopped while connecting: the listener added now would never hear the abort.
            if (stopped.signal.aborted) resolve();
            else stopped.signal.addEventListener("abort", () => resolve(), { once: true });
          });
          opened.client.on("notification", (message) => message.channel === channel && wake());
          await opened.client.query(`LISTEN ${identifier(channel)}`);
          failures = 0;
          wake(); // anything sent while no connection listened was lost: re-poll
          await lost;
          opened.release();
          current = undefined;
        } catch {
          current?.release();
          current = undefined;
          failures++;
          await sleep(backoff(failures, 100, 5_000), stopped.signal);
        }
      }
    };
    const running = loop();
    const unlisten = async (): Promise<void> => {
      stopped.abort();
      current?.release();
      await running;
      listeners.delete(unlisten);
    };
    listeners.add(unlisten);
    return Promise.resolve(unlisten);
  };

  const close = async (): Promise<void> => {
    aborted.abort();
    await Promise.all([...listeners].map((stop) => stop()));
    if (ownsPool) await pool.end();
  };

  const query: Database["query"] = async (text, parameters) => (await pool.query<Row>(text, parameters === undefined ? undefined : [...parameters])).rows;
  return { query, script, transaction, listen: listener === undefined ? undefined : listen, close };
};
