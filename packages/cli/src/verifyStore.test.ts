import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStoreUrl } from "./storeOpener.js";
import { runCli, runCliWith } from "./testing-support/audit.js";
import { tempDir } from "./testing-support/harness.js";
import { type FreshDatabase, freshDatabase } from "./testing-support/postgres.js";

/*
 * `verify --store`: a campaign in PostgreSQL checked where it is, rules and chains, its problems
 * placed at the lines of its export; a row changed behind the store's back is found.
 */

let dir: Awaited<ReturnType<typeof tempDir>>;
let db: FreshDatabase;
let history: string;

beforeAll(async () => {
  dir = await tempDir();
  history = `${dir.path}/history.ndjson`;
  expect((await runCli("generate", "--seed", "7", "--groups", "3", "--events", "120", "--out", history)).code).toBe(0);
  db = await freshDatabase("verify");
  expect((await runCliWith({ openStore: openStoreUrl }, "stats", "--input", history, "--store", db.url)).code).toBe(0);
});

afterAll(async () => {
  await db.drop();
  await dir.remove();
});

const shown = (): string => db.url.replace(`:${encodeURIComponent(db.password)}@`, ":***@");

describe("tenfold verify --store", () => {
  it("checks the rules and the chain of the store's campaign: no problem in an intact store", async () => {
    const ran = await runCliWith({ openStore: openStoreUrl }, "verify", "--store", db.url);
    expect(ran).toEqual({ code: 0, stdout: "120 lines, 0 problems; 120 sealed events in 1 stream\n", stderr: "" });
    const chainsOnly = await runCliWith({ openStore: openStoreUrl }, "verify", "--store", db.url, "--chains-only");
    expect(chainsOnly.code).toBe(0);
  });

  it("finds a row changed behind the store's back, at its line of the export, without the password", async () => {
    const [row] = await db.query("SELECT stream_revision::text AS r FROM tenfold.events WHERE type = 'GroupFormed' ORDER BY stream_revision LIMIT 1");
    const revision = Number(row?.["r"]);
    await db.query(`UPDATE tenfold.events SET data = replace(data, '"name":"', '"name":"Renamed ') WHERE type = 'GroupFormed' AND stream_revision = ${revision}`);
    const ran = await runCliWith({ openStore: openStoreUrl }, "verify", "--store", db.url);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain(`${shown()}:${revision + 1}: `);
    expect(ran.stdout).toMatch(/120 lines, [1-9]\d* problems?; 120 sealed events in 1 stream\n$/);
    expect(ran.stdout + ran.stderr).not.toContain(db.password);
  });

  it("takes --input or --store, not both, and names a campaign that is not there", async () => {
    expect((await runCliWith({ openStore: openStoreUrl }, "verify", "--input", history, "--store", db.url)).stderr).toContain("give --input FILE or --store URL, not both");
    const missing = await runCliWith({ openStore: openStoreUrl }, "verify", "--store", db.url, "--campaign", "nowhere");
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('the store holds no campaign "nowhere"');
  });
});
