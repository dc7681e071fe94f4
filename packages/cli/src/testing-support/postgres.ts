/* Test support (not built): fresh databases on the test run's PostgreSQL server (vitest.globalSetup.ts starts it). */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** A database of its own on the test run's server: its URL (with the server's password), and how to drop it. */
export interface FreshDatabase {
  readonly name: string;
  readonly url: string;
  /** The password in `url`, to check that no output shows it. */
  readonly password: string;
  /** Runs one query in the database, for what a test checks around the CLI. */
  readonly query: (text: string) => Promise<ReadonlyArray<Record<string, unknown>>>;
  readonly drop: () => Promise<void>;
}

/** The test run's server. */
export const serverUrl = (): string => inject("tenfoldPgUrl");

/** Runs `work` with a client of the database at `url`, ending it afterwards. */
const withClient = async <A>(url: string, work: (client: pg.Client) => Promise<A>): Promise<A> => {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** `url` with another database (its path) and the same credentials and options. */
export const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/** Creates a database of its own on the test run's server. */
export const freshDatabase = async (label = "cli"): Promise<FreshDatabase> => {
  const server = serverUrl();
  const name = `${label}_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  await withClient(server, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(server, name);
  return {
    name,
    url,
    password: decodeURIComponent(new URL(server).password),
    query: (text) => withClient(url, async (client) => (await client.query<Record<string, unknown>>(text)).rows),
    drop: () => withClient(server, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
};
