import type * as Testing from "@tenfold/store-postgres/testing";
import pg from "pg";

/*
 * The one throwaway PostgreSQL server of a bench run (started by the parent, shared by every S10
 * child) and what the children do on it: read its settings, create and drop the databases each
 * store gets to itself.
 */

/** The server settings the report states, read with SHOW. */
export const SETTINGS = ["server_version", "synchronous_commit", "fsync", "wal_sync_method", "full_page_writes", "shared_buffers", "max_connections"] as const;

/** A running server as the parent holds it. */
export interface BenchServer {
  readonly url: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly destroy: () => Promise<void>;
}

/** The connection string of another database on the same server. */
export const databaseUrl = (url: string, database: string): string => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/** Runs `work` on one connection to `url`, then closes it. */
export const withClient = async <A>(url: string, work: (client: pg.Client) => Promise<A>): Promise<A> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Reads {@link SETTINGS} from the server. */
export const readSettings = (url: string): Promise<Record<string, string>> =>
  withClient(url, async (client) => {
    const out: Record<string, string> = {};
    for (const name of SETTINGS) {
      const { rows } = await client.query<Record<string, string>>(`SHOW ${name}`);
      out[name] = rows[0]?.[name] ?? "unknown";
    }
    return out;
  });

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Creates an empty database (dropping one of the same name first) and returns its connection string. */
export const freshDatabase = (url: string, database: string): Promise<string> =>
  withClient(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoted(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted(database)}`);
    return databaseUrl(url, database);
  });

/** Drops a database, ending the connections still open to it. */
export const dropDatabase = (url: string, database: string): Promise<void> =>
  withClient(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoted(database)} WITH (FORCE)`);
  });

/**
 * Starts the throwaway server of `@tenfold/store-postgres/testing` and reads its settings; a
 * string says why it could not (the package or the binaries missing), and S10 is then unavailable.
 */
export const startBenchServer = async (): Promise<BenchServer | string> => {
  let testing: typeof Testing;
  try {
    testing = await import("@tenfold/store-postgres/testing");
  } catch (e) {
    return `@tenfold/store-postgres/testing cannot be loaded: ${e instanceof Error ? e.message : String(e)}`;
  }
  try {
    const server = await testing.startThrowawayServer();
    try {
      return { url: server.url, settings: await readSettings(server.url), destroy: server.destroy };
    } catch (e) {
      await server.destroy();
      throw e;
    }
  } catch (e) {
    return `the throwaway PostgreSQL server did not start: ${e instanceof Error ? e.message : String(e)}`;
  }
};
