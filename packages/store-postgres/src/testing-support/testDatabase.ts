import { randomUUID } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { inject } from "vitest";
import { type PostgresEventStore, createPostgresEventStore, describeOpenError } from "../PostgresEventStore.js";
import type { PostgresEventStoreOptions } from "../options.js";

/** The test run's server (vitest.globalSetup.ts provides it). */
export const testServerUrl = (): string => inject("tenfoldPgUrl");

/** A schema name unique to this test run. */
export const freshSchema = (label = "t"): string => `${label}_${randomUUID().replace(/-/g, "").slice(0, 16)}`;

/** A store in a fresh schema of the test run's server; a failure to open fails the test. */
export const openTestStore = async (options: PostgresEventStoreOptions = {}, url = testServerUrl()): Promise<PostgresEventStore> => {
  const opened = await createPostgresEventStore({ connectionString: url }, { schema: freshSchema(), ...options })();
  if (E.isLeft(opened)) throw new Error(describeOpenError(opened.left));
  return opened.right;
};

/** Runs `work` with a plain client of the server (for what the tests do around the store), ending it afterwards. */
export const withClient = async <A>(work: (client: pg.Client) => Promise<A>, url = testServerUrl()): Promise<A> => {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
};
