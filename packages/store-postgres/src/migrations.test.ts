import { type NewEvent, anyRevision, exactRevision, noStream } from "@tenfold/core";
import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { SCHEMA_VERSION, migrate } from "./migrations.js";
import { createPgliteEventStore, createPostgresEventStore, describeOpenError } from "./PostgresEventStore.js";
import { pgDatabase } from "./pgDatabase.js";
import { pgliteDatabase } from "./pgliteDatabase.js";
import { namesOf } from "./schema.js";
import { chainProblems, groupFormed, groups, orFail } from "./testing-support/events.js";
import { freshSchema, openTestStore, testServerUrl, withClient } from "./testing-support/testDatabase.js";

const versions = (schema: string): Promise<number[]> =>
  withClient(async (c) => (await c.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`)).rows.map((r) => r.version));

describe("migrations run on open", () => {
  it("create the schema once, however many connections open it at the same moment", async () => {
    const schema = freshSchema("race");
    const stores = await Promise.all(Array.from({ length: 6 }, () => openTestStore({ schema, poolSize: 1, listen: false })));
    expect(await versions(schema)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    await orFail(stores[0]!.append("tenfold-campaign-race", groups("r", 2), anyRevision));
    const page = await orFail(stores[5]!.readStream("tenfold-campaign-race"));
    expect(page.events).toHaveLength(2);
    await Promise.all(stores.map((s) => s.close()));
  });

  it("leave a migrated schema as it is when it is opened again", async () => {
    const schema = freshSchema("again");
    const first = await openTestStore({ schema });
    await orFail(first.append("tenfold-campaign-kept", groups("k", 3), anyRevision));
    await first.close();
    const second = await openTestStore({ schema });
    expect((await orFail(second.readStream("tenfold-campaign-kept"))).events).toHaveLength(3);
    expect(await versions(schema)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    await second.close();
  });

  it("bring a schema the older code migrated (version 2) forward: its events read as before, and appends carry personal entries", async () => {
    const schema = freshSchema("v2");
    const streamId = "tenfold-campaign-older";
    // Sealed version 1 events, as recorded; then written into a schema at version 2 by migration 2's
    // append_events, called as the older code called it.
    const source = await openTestStore();
    const versionOne = groups("o", 3).map(({ personal: _, ...e }) => ({ ...e, schemaVersion: 1 }));
    const recorded = (await orFail(source.append(streamId, versionOne, noStream))).recorded;
    await source.close();
    const db = pgDatabase(new pg.Pool({ connectionString: testServerUrl(), max: 1 }), true, undefined);
    await migrate(db, namesOf(schema), 2);
    const column = (pick: (e: NewEvent) => unknown): unknown[] => recorded.map(pick);
    await db.query(`SELECT * FROM "${schema}".append_events($1, 'none', NULL, $2::uuid[], $3::text[], $4::text[], $5::integer[], $6::text[], $7::text[], $8::text[], $9::text[])`, [
      streamId,
      column((e) => e.eventId),
      column((e) => e.type),
      column((e) => JSON.stringify(e.data)),
      column((e) => e.schemaVersion),
      column((e) => e.recordedAt),
      column((e) => JSON.stringify(e.metadata)),
      column((e) => e.previousHash),
      column((e) => e.hash),
    ]);
    await db.close();
    expect(await versions(schema)).toEqual([1, 2]);

    const store = await openTestStore({ schema });
    expect(await versions(schema)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    const read = (await orFail(store.readStream(streamId))).events;
    expect(read).toEqual(recorded);
    expect(read.some((e) => "personal" in e)).toBe(false);
    expect(chainProblems(read)).toEqual([]);
    const functions = await withClient(async (c) => (await c.query<{ n: number }>(`SELECT pronargs AS n FROM pg_proc WHERE proname = 'append_events' AND pronamespace = $1::regnamespace`, [`"${schema}"`])).rows);
    expect(functions).toEqual([{ n: 12 }]); // migration 2's function replaced, not beside the new one
    // An append now carries personal entries: the value given in plaintext, kept by the migrated
    // schema only encrypted (null in data, the subject's key in subject_keys), read back with its salt.
    const summary = "canary-王-pg: the well is dry";
    const next = {
      type: "ProblemRaised",
      data: { campaignId: "pg-test", problemId: "p-1", groupId: "g-1", contactId: "c-1", summary, raisedOn: "2013-03-02" },
      eventId: randomUUID(),
      schemaVersion: 2,
      recordedAt: "2013-03-02T08:00:00.000Z",
      metadata: { actor: "clerk", correlationId: null, causationId: null },
      personal: { summary: { subject: "contact:c-1" } },
    } as unknown as NewEvent;
    const [appended] = (await orFail(store.append(streamId, [next], exactRevision(2n)))).recorded;
    const [readNext] = (await orFail(store.readStream(streamId, { fromRevision: 3n }))).events;
    expect(readNext).toStrictEqual(appended);
    expect(readNext?.data).toStrictEqual(next.data);
    expect(readNext?.personal).toStrictEqual({ summary: { subject: "contact:c-1", commitment: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, salt: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown } });
    const [row] = await withClient(async (c) => (await c.query<{ data: string; personal: string }>(`SELECT data, personal FROM "${schema}".events WHERE stream_id = $1 AND stream_revision = 3`, [streamId])).rows);
    expect(JSON.parse(row?.data ?? "null")).toStrictEqual({ ...next.data, summary: null });
    expect(JSON.parse(row?.personal ?? "null")).toStrictEqual({
      summary: { subject: "contact:c-1", commitment: readNext?.personal?.["summary"]?.commitment, encrypted: { algorithm: "AES-256-GCM", nonce: expect.any(String) as unknown, ciphertext: expect.any(String) as unknown } },
    });
    expect(`${row?.data ?? ""}${row?.personal ?? ""}`).not.toMatch(/canary|王/);
    const keys = await withClient(async (c) => (await c.query<{ bytes: number }>(`SELECT octet_length(key) AS bytes FROM "${schema}".subject_keys WHERE campaign_id = 'pg-test' AND subject = 'contact:c-1'`)).rows);
    expect(keys).toEqual([{ bytes: 32 }]);
    expect(chainProblems((await orFail(store.readStream(streamId))).events)).toEqual([]); // one chain over the older events and the new
    await store.close();
  });

  it("bring a PGlite schema at version 2 forward as well", async () => {
    const pglite = await PGlite.create();
    const names = namesOf("tenfold");
    await migrate(pgliteDatabase(pglite, false), names, 2);
    const old = groupFormed("p");
    await pglite.query(
      `SELECT * FROM ${names.quoted}.append_events('tenfold-campaign-p', 'none', NULL, ARRAY[$1]::uuid[], ARRAY[$2]::text[], ARRAY[$3]::text[], ARRAY[1], ARRAY[$4]::text[], ARRAY[$5]::text[], ARRAY[NULL]::text[], ARRAY[NULL]::text[])`,
      [old.eventId, old.type, JSON.stringify(old.data), old.recordedAt, JSON.stringify(old.metadata)],
    );
    const opened = await createPgliteEventStore({ pglite }, { seal: false })();
    if (E.isLeft(opened)) throw new Error(describeOpenError(opened.left));
    const [read] = (await orFail(opened.right.readStream("tenfold-campaign-p"))).events;
    expect(read).toMatchObject({ eventId: old.eventId, data: old.data, schemaVersion: 1 });
    expect(read !== undefined && "personal" in read).toBe(false);
    const next = groupFormed("q");
    expect((await orFail(opened.right.append("tenfold-campaign-p", [next], exactRevision(0n)))).recorded[0]?.personal).toEqual({});
    expect((await pglite.query<{ version: number }>(`SELECT max(version) AS version FROM ${names.migrations}`)).rows[0]?.version).toBe(SCHEMA_VERSION);
    await opened.right.close();
    await pglite.close();
  });

  it("refuse a schema that a newer Tenfold migrated, naming both versions, and write nothing to it", async () => {
    const schema = freshSchema("newer");
    await (await openTestStore({ schema })).close();
    await withClient((c) => c.query(`INSERT INTO "${schema}".schema_migrations (version, description) VALUES (99, 'from the future')`));
    const opened = await createPostgresEventStore({ connectionString: testServerUrl() }, { schema })();
    expect(E.isLeft(opened) && opened.left).toEqual({ _tag: "SchemaTooNew", schema, found: 99, supported: SCHEMA_VERSION });
    if (E.isLeft(opened)) expect(describeOpenError(opened.left)).toBe(`schema "${schema}" is at version 99, newer than this Tenfold knows (${SCHEMA_VERSION}): upgrade Tenfold, or open another schema`);
  });

  it("keep stores in different schemas of one database apart", async () => {
    const [a, b] = await Promise.all([openTestStore(), openTestStore()]);
    await orFail(a.append("tenfold-campaign-apart", groups("a", 2), anyRevision));
    expect((await orFail(b.readAll())).events).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it("refuse a schema name that is not a plain identifier, when the store is created", () => {
    expect(() => createPostgresEventStore({ connectionString: testServerUrl() }, { schema: 'x"; DROP TABLE y; --' })).toThrow(/schema must be 1–48 lowercase letters/);
  });
});
