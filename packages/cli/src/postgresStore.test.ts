import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStoreUrl } from "./storeOpener.js";
import { runCli, runCliWith } from "./testing-support/audit.js";
import { type Ran, tempDir } from "./testing-support/harness.js";
import { type FreshDatabase, freshDatabase } from "./testing-support/postgres.js";

/*
 * --store on PostgreSQL and PGlite, through the binary's own opener (storeOpener.ts), against the
 * test run's real server: each test in a database of its own, on a history `tenfold generate` wrote.
 */

let dir: Awaited<ReturnType<typeof tempDir>>;
let history: string;
let campaignId: string;
/** Days of the generated campaign: 30 and 90 days after its launch. */
let midDay: string;
let lateDay: string;
const databases: FreshDatabase[] = [];

beforeAll(async () => {
  dir = await tempDir();
  history = `${dir.path}/history.ndjson`;
  expect((await runCli("generate", "--seed", "2013", "--groups", "5", "--events", "250", "--out", history)).code).toBe(0);
  const first = (await readFile(history, "utf8")).split("\n")[0] ?? "";
  const { data } = JSON.parse(first) as { data: { campaignId: string; launchedOn: string } };
  campaignId = data.campaignId;
  const daysAfterLaunch = (n: number): string => new Date(Date.parse(`${data.launchedOn}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  midDay = daysAfterLaunch(30);
  lateDay = daysAfterLaunch(90);
});

afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()));
  await dir.remove();
});

const database = async (): Promise<FreshDatabase> => {
  const db = await freshDatabase();
  databases.push(db);
  return db;
};

/** The CLI with the binary's store opener (and the harness's deterministic clock and ids). */
const tenfold = (...argv: ReadonlyArray<string>): Promise<Ran> => runCliWith({ openStore: openStoreUrl }, ...argv);

/** A successful run's stdout; a failure fails the test with its stderr. */
const ok = async (ran: Promise<Ran>): Promise<string> => {
  const { code, stdout, stderr } = await ran;
  expect(stderr).toBe("");
  expect(code).toBe(0);
  return stdout;
};

describe("tenfold --store postgres://…", () => {
  it("appends a history with --input and --store, and reads back the same statistics with --store alone", async () => {
    const db = await database();
    const inMemory = await ok(tenfold("stats", "--input", history, "--json"));
    expect(JSON.parse(inMemory)).toMatchObject({ campaignId, groups: 5 });
    expect(await ok(tenfold("stats", "--input", history, "--store", db.url, "--json"))).toBe(inMemory);
    expect(await ok(tenfold("stats", "--store", db.url, "--campaign", campaignId, "--json"))).toBe(inMemory);
    // The table and a view read from the server too, as from the file.
    expect(await ok(tenfold("stats", "--store", db.url, "--campaign", campaignId, "--as-of", midDay))).toBe(await ok(tenfold("stats", "--input", history, "--as-of", midDay)));
    // In the server, in the default schema "tenfold": one row an event, each sealed.
    const rows = await db.query(`SELECT count(*)::int AS n, count(hash)::int AS sealed, min(stream_id) AS stream FROM tenfold.events`);
    expect(rows).toEqual([{ n: 250, sealed: 250, stream: `tenfold-campaign-${campaignId}` }]);
  });

  it("exports from the server the bytes an export of the file gives, with the same heads and diff", async () => {
    const db = await database();
    await ok(tenfold("export", "--input", history, "--out", `${dir.path}/memory.ndjson`));
    await ok(tenfold("export", "--input", history, "--store", db.url, "--out", `${dir.path}/appended.ndjson`));
    await ok(tenfold("export", "--store", db.url, "--out", `${dir.path}/server.ndjson`));
    const memory = await readFile(`${dir.path}/memory.ndjson`);
    expect(memory.length).toBeGreaterThan(0);
    expect((await readFile(`${dir.path}/appended.ndjson`)).equals(memory)).toBe(true);
    expect((await readFile(`${dir.path}/server.ndjson`)).equals(memory)).toBe(true);
    expect(await ok(tenfold("heads", "--store", db.url))).toBe(await ok(tenfold("heads", "--input", `${dir.path}/memory.ndjson`)));
    const diff = ["--from", midDay, "--to", lateDay, "--json"];
    expect(await ok(tenfold("diff", "--store", db.url, ...diff))).toBe(await ok(tenfold("diff", "--input", history, ...diff)));
  });

  it("takes a schema from the URL's schema parameter, the rest of the query going to the driver", async () => {
    const db = await database();
    const url = `${db.url}?schema=audit_copy&application_name=tenfold_cli_test`;
    const imported = await ok(tenfold("stats", "--input", history, "--store", url, "--json"));
    expect(await ok(tenfold("stats", "--store", url, "--json"))).toBe(imported);
    expect(await db.query(`SELECT count(*)::int AS n FROM audit_copy.events`)).toEqual([{ n: 250 }]);
    expect(await db.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name IN ('tenfold', 'audit_copy')`)).toEqual([{ schema_name: "audit_copy" }]);
    // Another schema of the same database holds nothing.
    expect(await tenfold("stats", "--store", `${db.url}?schema=elsewhere`)).toEqual({ code: 1, stdout: "", stderr: 'the store holds no campaign (no "tenfold-campaign-…" stream under tenfold-)\n' });
  });
});

describe("tenfold --store pglite:DIR", () => {
  it("keeps a campaign embedded in a directory, exports it, and the export gives the same statistics on a server", async () => {
    const db = await database();
    const embedded = `pglite:${dir.path}/campaign-db`;
    const started = await ok(tenfold("stats", "--input", history, "--store", embedded, "--json"));
    expect(JSON.parse(started)).toMatchObject({ campaignId, groups: 5 });
    // Closed and opened again: the directory holds the campaign.
    expect(await ok(tenfold("stats", "--store", embedded, "--json"))).toBe(started);
    const exported = `${dir.path}/from-pglite.ndjson`;
    await ok(tenfold("export", "--store", embedded, "--out", exported));
    expect(await ok(tenfold("verify", "--input", exported))).toBe("250 lines, 0 problems; 250 sealed events in 1 stream\n");
    expect(await ok(tenfold("stats", "--input", exported, "--store", db.url, "--json"))).toBe(started);
    expect(await ok(tenfold("stats", "--store", db.url, "--campaign", campaignId, "--json"))).toBe(started);
  }, 120_000);
});
