import { readFile, readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describePersonalDataContract, tracesIn } from "@tenfold/testing/personal";
import { describe, expect, it } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { createPgliteEventStore, createPostgresEventStore, describeOpenError } from "./PostgresEventStore.js";
import { startThrowawayServer } from "./testing/index.js";

/*
 * The personal-data acceptance on a PostgreSQL server of its own (so its data directory, its
 * write-ahead log and its server log can be searched for markers) and on PGlite in a directory.
 */

/** Every file under `dir`, with its bytes (files that vanish while read, such as a recycled WAL segment, are skipped). */
const filesUnder = async (dir: string): Promise<Array<{ where: string; bytes: Uint8Array }>> => {
  const found: Array<{ where: string; bytes: Uint8Array }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes !== undefined) found.push({ where: path, bytes });
  }
  return found;
};

describePersonalDataContract("PostgreSQL server (its data directory, WAL and server log)", async () => {
  const server = await startThrowawayServer();
  const opened = await createPostgresEventStore({ connectionString: server.url }, { poolSize: 4 })();
  if (E.isLeft(opened)) throw new Error(describeOpenError(opened.left));
  const store = opened.right;
  const storedBytes = async () => {
    // Everything written reaches the files: the WAL flushed, the buffers written out.
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query("CHECKPOINT");
    await client.end();
    const files = [...(await filesUnder(server.dataDir)), ...(await filesUnder(dirname(server.dataDir)).then((all) => all.filter((f) => f.where.endsWith("server.log"))))];
    if (!files.some((f) => f.where.includes("pg_wal"))) throw new Error("no WAL file found under the data directory");
    return files;
  };
  return {
    store,
    storedBytes,
    close: async () => {
      await store.close();
      await server.destroy();
    },
  };
});

describePersonalDataContract("PGlite (its data directory)", async () => {
  const { mkdtemp, rm } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const dataDir = await mkdtemp(join(tmpdir(), "tenfold-pglite-personal-"));
  const opened = await createPgliteEventStore({ dataDir })();
  if (E.isLeft(opened)) throw new Error(describeOpenError(opened.left));
  const store = opened.right;
  return {
    store,
    storedBytes: () => filesUnder(dataDir),
    close: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe("the data-directory search (a control: it finds what is there)", () => {
  it("finds a marker written in the clear to a table, in the files, after a checkpoint", async () => {
    const server = await startThrowawayServer();
    try {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query("CREATE TABLE plain (note text)");
      await client.query("INSERT INTO plain VALUES ($1)", ["control-marker-王"]);
      await client.query("CHECKPOINT");
      await client.end();
      expect(tracesIn(await filesUnder(server.dataDir), [{ subject: "contact:x", marker: "control-marker-王" }]).length).toBeGreaterThan(0);
    } finally {
      await server.destroy();
    }
  }, 120_000);
});
