import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { campaignStreamId, noStream } from "@tenfold/core";
import { type KeyStoreError, type SubjectKeyStore, type SubjectRef, describeKeyStoreError, subjectRefKey } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgliteEventStore, createPostgresEventStore, describeOpenError } from "./PostgresEventStore.js";
import { type PostgresKeyStore, createPgliteKeyStore, createPostgresKeyStore, describeKeyStoreOpenError } from "./subjectKeys.js";
import { groups, orFail } from "./testing-support/events.js";
import { freshSchema, testServerUrl, withClient } from "./testing-support/testDatabase.js";

/*
 * The key store of personal data on PostgreSQL and PGlite: keys made on first use and the same
 * ever after, in a table apart from the events; erasure leaves a tombstone, refuses new keys and
 * takes the key bytes out of the table's files; two processes asking for a new subject at once
 * get one key.
 */

const right = async <A>(task: () => Promise<E.Either<KeyStoreError, A>>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(describeKeyStoreError(result.left));
  return result.right;
};
const left = async <A>(task: () => Promise<E.Either<KeyStoreError, A>>): Promise<KeyStoreError> => {
  const result = await task();
  if (E.isRight(result)) throw new Error("expected the key store to refuse");
  return result.left;
};

const campaign = (): string => `c-${randomUUID().slice(0, 8)}`;
const ref = (campaignId: string, subject: string): SubjectRef => ({ campaignId, subject });

/** The laws every database gives: `open` opens another instance over the same database; `keyColumn` reads a subject's key column (null when erased), after setting it to the hex `set` when given. */
const laws = (open: () => Promise<PostgresKeyStore>, keyColumn: (r: SubjectRef, set?: string) => Promise<{ key: Uint8Array | null; erased: boolean } | undefined>): void => {
  let store: PostgresKeyStore;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(() => store.close());

  it("creates a subject's key on first use, and gives the same key next time and to a new store instance", async () => {
    const c = campaign();
    const [a, b] = [ref(c, "cadre:c-1"), ref(c, "contact:p-1")];
    const first = await right(store.keysFor([a, b, a]));
    expect([...first.keys()].sort()).toEqual([subjectRefKey(a), subjectRefKey(b)].sort());
    const key = first.get(subjectRefKey(a));
    expect(key?.algorithm).toBe("AES-256-GCM");
    expect(key?.material).toHaveLength(32);
    expect(key?.material).not.toEqual(first.get(subjectRefKey(b))?.material);
    expect((await right(store.keysFor([a]))).get(subjectRefKey(a))).toEqual(key);
    const other = await open();
    expect((await right(other.keysFor([a]))).get(subjectRefKey(a))).toEqual(key);
    expect(await right(other.existingKeys([a, b, ref(c, "cadre:never")]))).toEqual(first);
    await other.close();
    expect((await keyColumn(a))?.key).toEqual(key?.material);
  });

  it("destroys a key: the column is NULL, keysFor refuses and creates nothing, erasedSubjects lists it; again is no error", async () => {
    const c = campaign();
    const [gone, kept, fresh] = [ref(c, "cadre:c-2"), ref(c, "cadre:c-3"), ref(c, "cadre:c-4")];
    await right(store.keysFor([gone, kept]));
    await right(store.destroy(gone));
    expect(await keyColumn(gone)).toEqual({ key: null, erased: true });
    expect((await right(store.existingKeys([gone, kept]))).has(subjectRefKey(gone))).toBe(false);
    expect(await left(store.keysFor([fresh, gone]))).toEqual({ _tag: "SubjectAlreadyErased", campaignId: c, subject: "cadre:c-2" });
    expect(await keyColumn(fresh)).toBeUndefined();
    await right(store.destroy(gone));
    await right(store.destroy(fresh)); // never given a key: remembered as erased all the same
    expect(await left(store.keysFor([fresh]))).toMatchObject({ _tag: "SubjectAlreadyErased", subject: "cadre:c-4" });
    expect((await right(store.erasedSubjects())).filter((r) => r.campaignId === c)).toEqual([gone, fresh]);
    expect((await right(store.existingKeys([kept]))).get(subjectRefKey(kept))?.material).toHaveLength(32);
  });

  it("says KeyStoreCorrupt, without the bytes, of a stored key that is not 32 bytes", async () => {
    const c = campaign();
    const r = ref(c, "cadre:short");
    await right(store.keysFor([r]));
    await keyColumn(r, "0102");
    const error = await left(store.existingKeys([r]));
    expect(error).toMatchObject({ _tag: "KeyStoreCorrupt", reason: "the key is not 32 bytes of AES-256-GCM" });
  });
};

describe("the key store on the server", () => {
  const schema = freshSchema("keys");
  const pool = new pg.Pool({ connectionString: testServerUrl(), max: 4 });
  afterAll(() => pool.end());
  const open = async (): Promise<PostgresKeyStore> => {
    const opened = await createPostgresKeyStore({ connectionString: testServerUrl() }, { schema, poolSize: 2 })();
    if (E.isLeft(opened)) throw new Error(describeKeyStoreOpenError(opened.left));
    return opened.right;
  };
  const keyColumn = async (r: SubjectRef, set?: string): Promise<{ key: Uint8Array | null; erased: boolean } | undefined> => {
    if (set !== undefined) await pool.query(`UPDATE "${schema}".subject_keys SET key = decode($3, 'hex') WHERE campaign_id = $1 AND subject = $2`, [r.campaignId, r.subject, set]);
    const { rows } = await pool.query<{ key: Buffer | null; erased: boolean }>(`SELECT key, erased_at IS NOT NULL AS erased FROM "${schema}".subject_keys WHERE campaign_id = $1 AND subject = $2`, [r.campaignId, r.subject]);
    const row = rows[0];
    return row === undefined ? undefined : { key: row.key === null ? null : new Uint8Array(row.key), erased: row.erased };
  };
  laws(open, keyColumn);

  it("gives two instances asking for the same new subject at once one key", async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const c = campaign();
    for (let i = 0; i < 20; i++) {
      const r = ref(c, `contact:race-${i}`);
      const [ka, kb] = await Promise.all([right(a.keysFor([r])), right(b.keysFor([r]))]);
      expect(ka.get(subjectRefKey(r))?.material).toEqual(kb.get(subjectRefKey(r))?.material);
    }
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".subject_keys WHERE campaign_id = $1`, [c]);
    expect(rows[0]?.n).toBe("20");
    await Promise.all([a.close(), b.close()]);
  });

  it("takes a destroyed key's bytes out of the table's file, where a VACUUM alone would leave them", async (context) => {
    const superuser = await withClient(async (client) => (await client.query<{ s: boolean }>("SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user")).rows[0]?.s === true);
    if (!superuser) context.skip(); // reading a relation's file takes a superuser
    const store = await open();
    const c = campaign();
    const refs = Array.from({ length: 300 }, (_, i) => ref(c, `contact:f-${i}`));
    const keys = await right(store.keysFor(refs));
    // The last row of the first page: the one whose dead version a plain VACUUM leaves in the page's free space.
    const { rows } = await pool.query<{ subject: string }>(`SELECT subject FROM "${schema}".subject_keys WHERE campaign_id = $1 AND (ctid::text::point)[0] = 0 ORDER BY (ctid::text::point)[1] DESC LIMIT 1`, [c]);
    const victim = ref(c, rows[0]?.subject ?? "");
    const material = keys.get(subjectRefKey(victim))?.material ?? new Uint8Array();
    await right(store.destroy(victim));
    await pool.query("CHECKPOINT");
    const file = (await pool.query<{ f: Buffer }>(`SELECT pg_read_binary_file(pg_relation_filepath('"${schema}".subject_keys')) AS f`)).rows[0]?.f ?? Buffer.alloc(0);
    expect(file.includes(Buffer.from(material))).toBe(false);
    expect(file.includes(Buffer.from(keys.get(subjectRefKey(refs[0]!))?.material ?? []))).toBe(true); // the search does find a live key
    await store.close();
  });

  it("keeps the keys in a table apart from the events, in the schema of an event store sharing its pool", async () => {
    const shared = freshSchema("shared");
    const events = await createPostgresEventStore({ pool }, { schema: shared, listen: false })();
    if (E.isLeft(events)) throw new Error(describeOpenError(events.left));
    const keys = await createPostgresKeyStore({ pool }, { schema: shared })();
    if (E.isLeft(keys)) throw new Error(describeKeyStoreOpenError(keys.left));
    await orFail(events.right.append(campaignStreamId("apart"), groups("a", 1), noStream));
    await right(keys.right.keysFor([ref("apart", "cadre:c-1")]));
    const columns = await pool.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name IN ('events', 'subject_keys') ORDER BY table_name, ordinal_position",
      [shared],
    );
    const of = (table: string): string[] => columns.rows.filter((r) => r.table_name === table).map((r) => r.column_name);
    expect(of("subject_keys")).toEqual(["campaign_id", "subject", "algorithm", "key", "created_at", "erased_at"]);
    expect(of("events")).not.toContain("key");
    await Promise.all([events.right.close(), keys.right.close()]);
    expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]); // the caller's pool is left open
  });

  it("reports failures as KeyStoreUnavailable without the password or the key", async () => {
    const url = new URL(testServerUrl());
    url.port = "1";
    const opened = await createPostgresKeyStore({ connectionString: url.toString() })();
    expect(E.isLeft(opened) && opened.left._tag).toBe("KeyStoreUnavailable");
    if (E.isLeft(opened)) expect(describeKeyStoreOpenError(opened.left)).not.toContain(url.password);
    const material = new Uint8Array(32).fill(0xab);
    const keys = await createPostgresKeyStore({ pool }, { schema, cipher: { algorithm: "AES-256-GCM", newKey: () => new Uint8Array(material) } })();
    if (E.isLeft(keys)) throw new Error(describeKeyStoreOpenError(keys.left));
    await pool.query(`ALTER TABLE "${schema}".subject_keys ADD CONSTRAINT no_blocked CHECK (campaign_id <> 'blocked')`);
    const error = await left(keys.right.keysFor([ref("blocked", "cadre:c-1")]));
    expect(error).toMatchObject({ _tag: "KeyStoreUnavailable", reason: expect.stringContaining("no_blocked") as unknown });
    expect(describeKeyStoreError(error)).not.toMatch(/abab|q6ur/i);
    await keys.right.close();
  });
});

describe("the key store on PGlite", () => {
  let pglite: PGlite;
  const schema = "tenfold";
  // Starting PGlite (WebAssembly) takes seconds, more when other test files load theirs at the same time.
  beforeAll(async () => {
    pglite = await PGlite.create();
  }, 60_000);
  afterAll(() => pglite.close());
  const open = async (): Promise<PostgresKeyStore> => {
    const opened = await createPgliteKeyStore({ pglite }, { schema })();
    if (E.isLeft(opened)) throw new Error(describeKeyStoreOpenError(opened.left));
    return opened.right;
  };
  const keyColumn = async (r: SubjectRef, set?: string): Promise<{ key: Uint8Array | null; erased: boolean } | undefined> => {
    if (set !== undefined) await pglite.query(`UPDATE "${schema}".subject_keys SET key = decode($3, 'hex') WHERE campaign_id = $1 AND subject = $2`, [r.campaignId, r.subject, set]);
    const { rows } = await pglite.query<{ key: Uint8Array | null; erased: boolean }>(`SELECT key, erased_at IS NOT NULL AS erased FROM "${schema}".subject_keys WHERE campaign_id = $1 AND subject = $2`, [r.campaignId, r.subject]);
    const row = rows[0];
    return row === undefined ? undefined : { key: row.key === null ? null : new Uint8Array(row.key), erased: row.erased };
  };
  laws(open, keyColumn);

  it("shares one PGlite instance with the event store, in the same schema", async () => {
    const events = await createPgliteEventStore({ pglite }, { schema })();
    if (E.isLeft(events)) throw new Error(describeOpenError(events.left));
    const keys: SubjectKeyStore = await open();
    await orFail(events.right.append(campaignStreamId("pglite-apart"), groups("p", 1), noStream));
    expect((await right(keys.keysFor([ref("pglite-apart", "cadre:c-1")]))).size).toBe(1);
    const { rows } = await pglite.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('events', 'subject_keys')`, [schema]);
    expect(rows[0]?.n).toBe(2);
    await events.right.close();
  });
});
