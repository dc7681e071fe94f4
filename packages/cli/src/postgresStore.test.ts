import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStoreUrl } from "./storeOpener.js";
import { runCli, runCliWith } from "./testing-support/audit.js";
import { ndjson, type Ran, tempDir } from "./testing-support/harness.js";
import { allMarkers, directoryBytes, MARKED_HISTORY, MARKERS, markersIn, sealedVersion1 } from "./testing-support/personal.js";
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

  it("exports from the server what an export of the file gives (but the salts the server chose), with the same heads and diff", async () => {
    const db = await database();
    await ok(tenfold("export", "--input", history, "--out", `${dir.path}/memory.ndjson`));
    await ok(tenfold("export", "--input", history, "--store", db.url, "--out", `${dir.path}/appended.ndjson`));
    await ok(tenfold("export", "--store", db.url, "--out", `${dir.path}/server.ndjson`));
    const server = await readFile(`${dir.path}/server.ndjson`);
    expect(server.length).toBeGreaterThan(0);
    expect((await readFile(`${dir.path}/appended.ndjson`)).equals(server)).toBe(true);
    // The server commits to each personal value with salts of its own: commitments and hashes differ, all else is the same.
    const withoutCommitments = (text: string): ReadonlyArray<unknown> =>
      text.trimEnd().split("\n").map((l) => {
        const { personal, previousHash: _p, hash: _h, ...rest } = JSON.parse(l) as Record<string, unknown>;
        return { ...rest, subjects: Object.values(personal as Record<string, { subject: string }>).map((entry) => entry.subject) };
      });
    expect(withoutCommitments(server.toString("utf8"))).toEqual(withoutCommitments(await readFile(`${dir.path}/memory.ndjson`, "utf8")));
    // An export of the server's export gives its bytes again: the server's salts and commitments are kept.
    await ok(tenfold("export", "--input", `${dir.path}/server.ndjson`, "--out", `${dir.path}/again.ndjson`));
    expect((await readFile(`${dir.path}/again.ndjson`)).equals(server)).toBe(true);
    expect(await ok(tenfold("heads", "--store", db.url))).toBe(await ok(tenfold("heads", "--input", `${dir.path}/server.ndjson`)));
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

describe("tenfold --store pglite:DIR, personal data", () => {
  it("keeps a history kept with --keys, its subjects' keys in that directory (not the database's table): the values revealed, stored encrypted, erased through the handler", async () => {
    const v1 = await dir.write("personal-v1.ndjson", ndjson(sealedVersion1(MARKED_HISTORY)));
    const kept = `${dir.path}/personal.ndjson`;
    const keys = `${dir.path}/personal-keys`;
    await ok(tenfold("migrate", "--input", v1, "--out", kept, "--keys", keys));
    const embedded = `pglite:${dir.path}/personal-db`;
    const refused = await tenfold("stats", "--input", kept, "--store", embedded);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("personal.name: is encrypted: give --keys DIR");
    const fresh = `pglite:${dir.path}/personal-db-2`;
    await ok(tenfold("stats", "--input", kept, "--keys", keys, "--store", fresh));
    const included = `${dir.path}/personal-included.ndjson`;
    expect((await tenfold("export", "--store", fresh, "--keys", keys, "--personal", "include", "--out", included)).code).toBe(0);
    for (const marker of allMarkers()) expect(await readFile(included, "utf8")).toContain(marker);
    // The database's own key table holds none of them: without --keys, the values read as erased.
    const withoutKeys = `${dir.path}/personal-without-keys.ndjson`;
    expect((await tenfold("export", "--store", fresh, "--personal", "include", "--out", withoutKeys)).code).toBe(0);
    expect(markersIn(await readFile(withoutKeys), allMarkers())).toEqual([]);
    const erased = await tenfold("erase", "--store", fresh, "--keys", keys, "--subject", "contact:h1", "--request-ref", "PIPL-3", "--on", "2014-02-03");
    expect(erased.stdout).toContain(`SubjectErased recorded in PGlite ${dir.path}/personal-db-2, schema tenfold (stream tenfold-campaign-c1 revision 19, hash `);
    expect(erased.stdout).toContain(`its key destroyed in ${keys}.`);
    const after = `${dir.path}/personal-after.ndjson`;
    expect((await tenfold("export", "--store", fresh, "--keys", keys, "--personal", "include", "--out", after)).code).toBe(0);
    expect(await readFile(`${keys}/subject-keys.ndjson`, "utf8")).toContain('"subject":"contact:h1","erased":true');
    expect(markersIn(await readFile(after), MARKERS["contact:h1"])).toEqual([]);
    expect(await readFile(after, "utf8")).toContain(MARKERS["cadre:k2"][1]);
    expect(markersIn(await directoryBytes(`${dir.path}/personal-db-2`), MARKERS["contact:h1"])).toEqual([]);
    expect(await ok(tenfold("verify", "--input", after))).toBe("20 lines, 0 problems; 20 sealed events in 1 stream\n");
  }, 120_000);
});

