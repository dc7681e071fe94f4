import type { Database } from "./database.js";
import type { Names } from "./schema.js";

/*
 * Versioned migrations, run when a store is opened. They run in one transaction under an advisory
 * lock on the schema's name, so two processes opening the same database at once apply each
 * migration once; a schema already at the newest version is left as it is. A schema that a newer
 * Tenfold migrated further than this code knows is refused, never written to.
 */

// model

/** One migration: its version (from 1, in order) and its statements. */
interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: (names: Names) => ReadonlyArray<string>;
}

/** Why the schema cannot be used by this code. */
export interface SchemaTooNew {
  readonly _tag: "SchemaTooNew";
  readonly schema: string;
  /** The version the schema is at. */
  readonly found: number;
  /** The newest version this code knows. */
  readonly supported: number;
}

/**
 * The append function of migrations 2 (`personal` false) and 3 (`personal` true: the events'
 * `personal` column too). Moves the stream's revision by the batch's size only if the stream meets
 * the expectation (kind 'exact' with p_expected, 'exists', 'none' or 'any'), then takes the next
 * positions from the counter and inserts the events; no row when the stream did not meet it.
 * PL/pgSQL keeps the plans of its statements, so an append is not planned again on every call.
 */
const appendFunction = (n: Names, personal: boolean): string =>
  `CREATE FUNCTION ${n.quoted}.append_events(
        p_stream text, p_kind text, p_expected bigint,
        p_ids uuid[], p_types text[], p_data text[], p_versions integer[], p_recorded text[], p_metadata text[], p_previous text[], p_hashes text[]${personal ? ", p_personal text[]" : ""}
      ) RETURNS TABLE (first_position bigint, first_revision bigint) LANGUAGE plpgsql AS $body$
      DECLARE
        v_count integer := cardinality(p_ids);
        v_revision bigint;
        v_base bigint;
      BEGIN
        IF p_kind = 'exact' THEN
          UPDATE ${n.streams} SET revision = revision + v_count WHERE stream_id = p_stream AND revision = p_expected RETURNING revision INTO v_revision;
        ELSIF p_kind = 'exists' THEN
          UPDATE ${n.streams} SET revision = revision + v_count WHERE stream_id = p_stream RETURNING revision INTO v_revision;
        ELSIF p_kind = 'none' THEN
          INSERT INTO ${n.streams} (stream_id, revision) VALUES (p_stream, v_count - 1) ON CONFLICT (stream_id) DO NOTHING RETURNING revision INTO v_revision;
        ELSE
          INSERT INTO ${n.streams} AS s (stream_id, revision) VALUES (p_stream, v_count - 1)
            ON CONFLICT (stream_id) DO UPDATE SET revision = s.revision + v_count RETURNING revision INTO v_revision;
        END IF;
        IF v_revision IS NULL THEN
          RETURN;
        END IF;
        UPDATE ${n.positions} SET last = last + v_count WHERE id RETURNING last - v_count INTO v_base;
        INSERT INTO ${n.events} (position, stream_id, stream_revision, event_id, type, data, schema_version, recorded_at, metadata, previous_hash, hash${personal ? ", personal" : ""})
          SELECT v_base + e.ord, p_stream, v_revision - v_count + e.ord, e.event_id, e.type, e.data, e.schema_version, e.recorded_at, e.metadata, e.previous_hash, e.hash${personal ? ", e.personal" : ""}
          FROM unnest(p_ids, p_types, p_data, p_versions, p_recorded, p_metadata, p_previous, p_hashes${personal ? ", p_personal" : ""})
            WITH ORDINALITY AS e(event_id, type, data, schema_version, recorded_at, metadata, previous_hash, hash, ${personal ? "personal, " : ""}ord);
        first_position := v_base + 1;
        first_revision := v_revision - v_count + 1;
        RETURN NEXT;
      END
      $body$`;

const MIGRATIONS: ReadonlyArray<Migration> = [
  {
    version: 1,
    description: "streams, events and the position counter",
    statements: (n) => [
      // One row per stream: its last revision. Appends lock it, so writers of one stream take turns.
      `CREATE TABLE ${n.streams} (
        stream_id text PRIMARY KEY,
        revision bigint NOT NULL CHECK (revision >= 0)
      )`,
      // The one-row counter that hands out global positions. An append takes it in its last
      // statement, so positions become visible in commit order: dense, and never behind a reader.
      `CREATE TABLE ${n.positions} (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        last bigint NOT NULL
      )`,
      `INSERT INTO ${n.positions} (id, last) VALUES (true, -1)`,
      // Every event with its envelope and seal. No foreign key to streams: the statement that inserts
      // events writes their stream's row too, and the key's check cost a quarter of an append's time. `data` and `metadata` hold the exact JSON text that
      // was sealed (jsonb would reorder keys and refuse \\u0000); `recorded_at` the exact sealed instant.
      `CREATE TABLE ${n.events} (
        position bigint PRIMARY KEY CHECK (position >= 0),
        stream_id text NOT NULL,
        stream_revision bigint NOT NULL CHECK (stream_revision >= 0),
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        data text NOT NULL,
        schema_version integer NOT NULL,
        recorded_at text NOT NULL,
        metadata text NOT NULL,
        previous_hash text,
        hash text,
        UNIQUE (stream_id, stream_revision)
      )`,
    ],
  },
  {
    version: 2,
    description: "append_events: one append in one call, its statements planned once per connection",
    statements: (n) => [appendFunction(n, false)],
  },
  {
    version: 3,
    description: "personal: each event's personal entries (schema version 2), kept outside the seal, and append_events taking them",
    statements: (n) => [
      // The exact JSON text of the event's `personal` (subjects, commitments, salts' and values'
      // ciphertext), as `data` is kept; NULL for an event without one (every version 1 event).
      `ALTER TABLE ${n.events} ADD COLUMN personal text`,
      // Migration 2's function, replaced: a process of the older code still running cannot append
      // to a schema it does not know, as it could not open one.
      `DROP FUNCTION ${n.quoted}.append_events(text, text, bigint, uuid[], text[], text[], integer[], text[], text[], text[], text[])`,
      appendFunction(n, true),
    ],
  },
  {
    version: 4,
    description: "subject_keys: one key per data subject of personal data, apart from the events",
    statements: (n) => [
      // A subject's key, created on its first personal value; its erasure sets `key` NULL and
      // `erased_at`, and the row stays as a tombstone so that no key is made for it again.
      `CREATE TABLE ${n.subjectKeys} (
        campaign_id text NOT NULL,
        subject text NOT NULL,
        algorithm text NOT NULL,
        key bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        PRIMARY KEY (campaign_id, subject),
        CHECK ((key IS NULL) = (erased_at IS NOT NULL))
      )`,
    ],
  },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

// utils

/** A 64-bit advisory lock key for the schema's migrations: the same in every process. */
const lockKey = (schema: string): string => {
  let hash = 1469598103934665603n; // FNV-1a, 64-bit
  for (const byte of new TextEncoder().encode(`tenfold-migrations:${schema}`)) {
    hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 1099511628211n);
  }
  return BigInt.asIntN(64, hash).toString();
};

/**
 * @internal Brings the schema to {@link SCHEMA_VERSION} (tests: to `target`): creates it, applies
 * each missing migration in order and records it. Resolves to a SchemaTooNew value when the schema
 * is newer; rejects with the driver's error when the database fails.
 */
export const migrate = async (db: Database, names: Names, target = SCHEMA_VERSION): Promise<SchemaTooNew | undefined> =>
  db.transaction(async (sql) => {
    await sql.query("SELECT pg_advisory_xact_lock($1::bigint)", [lockKey(names.schema)]);
    await sql.query(`CREATE SCHEMA IF NOT EXISTS ${names.quoted}`);
    await sql.query(
      `CREATE TABLE IF NOT EXISTS ${names.migrations} (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const [row] = await sql.query(`SELECT coalesce(max(version), 0)::int AS version FROM ${names.migrations}`);
    const found = Number(row?.["version"] ?? 0);
    if (found > SCHEMA_VERSION) return { _tag: "SchemaTooNew", schema: names.schema, found, supported: SCHEMA_VERSION };
    for (const migration of MIGRATIONS.filter((m) => m.version > found && m.version <= target)) {
      for (const statement of migration.statements(names)) await sql.query(statement);
      await sql.query(`INSERT INTO ${names.migrations} (version, description) VALUES ($1, $2)`, [migration.version, migration.description]);
    }
    return undefined;
  });
