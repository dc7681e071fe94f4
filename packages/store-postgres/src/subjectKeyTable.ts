import { redactSecrets } from "@tenfold/core/adapter";
import {
  type KeyStoreError,
  type PersonalCipher,
  type SubjectKey,
  type SubjectKeyStore,
  type SubjectRef,
  keyStoreCorrupt,
  keyStoreUnavailable,
  subjectAlreadyErased,
  subjectRefKey,
} from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import type { Database, Queryable, Row } from "./database.js";
import { errorCode } from "./errors.js";
import type { Names } from "./schema.js";

/*
 * The key-store port over the subject_keys table (migration 4): one row per data subject of a
 * campaign, its key in `key` until erasure sets `key` NULL and `erased_at`; the row stays as a
 * tombstone so that no key is ever made for the subject again. A key is made on this side
 * (`cipher.newKey()`), sent as hex and stored as bytea; a message never holds one.
 */

/** @internal What the table's operations need. */
export interface KeyTableContext {
  readonly db: Database;
  readonly names: Names;
  readonly cipher: Pick<PersonalCipher, "algorithm" | "newKey">;
  /** Removes every secret the store was given (a connection string's password) from a message. */
  readonly redact: (text: string) => string;
}

/** Bytes of a key of each algorithm. */
const KEY_BYTES: Readonly<Record<SubjectKey["algorithm"], number>> = { "AES-256-GCM": 32 };

/** Thrown inside the transaction of keysFor to roll it back: one of the subjects was erased. */
class Erased extends Error {
  constructor(readonly ref: SubjectRef) {
    super("a subject was erased");
  }
}

// utils

const uniqueRefs = (refs: ReadonlyArray<SubjectRef>): ReadonlyArray<SubjectRef> => {
  const byKey = new Map<string, SubjectRef>();
  for (const { campaignId, subject } of refs) byKey.set(subjectRefKey({ campaignId, subject }), { campaignId, subject });
  return [...byKey.values()];
};

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");

/** The rows of these subjects (tombstones too), by subject key. */
const selectRows = async (sql: Queryable, names: Names, refs: ReadonlyArray<SubjectRef>): Promise<Map<string, Row>> => {
  const rows = await sql.query(
    `SELECT k.campaign_id, k.subject, k.algorithm, k.key FROM ${names.subjectKeys} AS k JOIN unnest($1::text[], $2::text[]) AS r(campaign_id, subject) USING (campaign_id, subject)`,
    [refs.map((r) => r.campaignId), refs.map((r) => r.subject)],
  );
  return new Map(rows.map((row) => [subjectRefKey({ campaignId: String(row["campaign_id"]), subject: String(row["subject"]) }), row]));
};

/** The first of `refs` whose row is a tombstone. */
const erasedAmong = (refs: ReadonlyArray<SubjectRef>, rows: ReadonlyMap<string, Row>): SubjectRef | undefined =>
  refs.find((ref) => {
    const row = rows.get(subjectRefKey(ref));
    return row !== undefined && row["key"] === null;
  });

/** A row's key, copied out of the driver's buffer (which is then zeroed), or why it is not one. */
const keyOf = (row: Row, where: string): E.Either<KeyStoreError, SubjectKey> => {
  const { algorithm, key } = row;
  if (algorithm !== "AES-256-GCM") return E.left(keyStoreCorrupt(where, `the key's algorithm is not one Tenfold knows (${typeof algorithm === "string" ? algorithm.slice(0, 32) : typeof algorithm})`));
  if (!(key instanceof Uint8Array) || key.byteLength !== KEY_BYTES[algorithm]) {
    return E.left(keyStoreCorrupt(where, `the key is not ${KEY_BYTES[algorithm]} bytes of ${algorithm}`));
  }
  const material = new Uint8Array(key);
  key.fill(0);
  return E.right(Object.freeze({ algorithm, material }));
};

/** The keys of the rows of `refs` that have one; `required`: a ref without a key is KeyStoreCorrupt. */
const keysOf = (context: KeyTableContext, refs: ReadonlyArray<SubjectRef>, rows: ReadonlyMap<string, Row>, required: boolean): E.Either<KeyStoreError, ReadonlyMap<string, SubjectKey>> => {
  const keys = new Map<string, SubjectKey>();
  for (const ref of refs) {
    const k = subjectRefKey(ref);
    const where = `${context.names.subjectKeys}, subject ${ref.subject} of campaign ${ref.campaignId}`;
    const row = rows.get(k);
    if (row === undefined || row["key"] === null) {
      if (required) return E.left(keyStoreCorrupt(where, "the key made for the subject is not in the table"));
      continue;
    }
    const key = keyOf(row, where);
    if (E.isLeft(key)) return key;
    keys.set(k, key.right);
  }
  return E.right(keys);
};

/**
 * @internal The KeyStoreUnavailable of a driver error, `doing` saying what the store was doing: the
 * server's message and SQLSTATE, without the store's secrets (`redact`) or `secrets` (keys as hex).
 */
export const keyStoreFailure = (error: unknown, doing: string, redact: (text: string) => string, secrets: ReadonlyArray<string> = []): KeyStoreError => {
  const message = typeof error === "object" && error !== null && "message" in error && typeof error.message === "string" ? error.message : String(error);
  const code = errorCode(error);
  return keyStoreUnavailable(redactSecrets(secrets)(redact(`${doing}: ${message}${code === undefined ? "" : ` (${code})`}`)));
};

const unavailable = (context: KeyTableContext, error: unknown, doing: string, secrets: ReadonlyArray<string> = []): KeyStoreError => keyStoreFailure(error, doing, context.redact, secrets);

// constructors

/** @internal The key-store port over the schema's subject_keys table. */
export const keyTable = (context: KeyTableContext): SubjectKeyStore => {
  const { db, names, cipher } = context;

  /** Creates the missing keys of `refs` in one transaction and reads them all; an erased subject rolls it back. */
  const create = async (refs: ReadonlyArray<SubjectRef>, missing: ReadonlyArray<SubjectRef>): Promise<E.Either<KeyStoreError, ReadonlyMap<string, SubjectKey>>> => {
    const fresh = missing.map(() => cipher.newKey());
    const secrets = fresh.map(hex);
    try {
      const rows = await db.transaction(async (sql) => {
        await sql.query(
          `INSERT INTO ${names.subjectKeys} (campaign_id, subject, algorithm, key) SELECT n.campaign_id, n.subject, $3, decode(n.key, 'hex') FROM unnest($1::text[], $2::text[], $4::text[]) AS n(campaign_id, subject, key) ON CONFLICT (campaign_id, subject) DO NOTHING`,
          [missing.map((r) => r.campaignId), missing.map((r) => r.subject), cipher.algorithm, secrets],
        );
        // A statement of its own: it sees the rows that writers racing this one committed while it waited.
        const found = await selectRows(sql, names, refs);
        const gone = erasedAmong(refs, found);
        if (gone !== undefined) throw new Erased(gone);
        return found;
      });
      return keysOf(context, refs, rows, true);
    } catch (error) {
      if (error instanceof Erased) return E.left(subjectAlreadyErased(error.ref));
      return E.left(unavailable(context, error, "creating subject keys", secrets));
    } finally {
      for (const key of fresh) key.fill(0);
    }
  };

  const keysFor: SubjectKeyStore["keysFor"] = (refs) => async () => {
    const wanted = uniqueRefs(refs);
    if (wanted.length === 0) return E.right(new Map());
    let rows: Map<string, Row>;
    try {
      rows = await selectRows(db, names, wanted);
    } catch (error) {
      return E.left(unavailable(context, error, "reading subject keys"));
    }
    const gone = erasedAmong(wanted, rows);
    if (gone !== undefined) return E.left(subjectAlreadyErased(gone));
    const missing = wanted.filter((ref) => !rows.has(subjectRefKey(ref)));
    return missing.length === 0 ? keysOf(context, wanted, rows, true) : create(wanted, missing);
  };

  const existingKeys: SubjectKeyStore["existingKeys"] = (refs) => async () => {
    const wanted = uniqueRefs(refs);
    if (wanted.length === 0) return E.right(new Map());
    try {
      return keysOf(context, wanted, await selectRows(db, names, wanted), false);
    } catch (error) {
      return E.left(unavailable(context, error, "reading subject keys"));
    }
  };

  const destroy: SubjectKeyStore["destroy"] = (ref) => async () => {
    const { campaignId, subject } = ref;
    try {
      await db.query(
        `INSERT INTO ${names.subjectKeys} AS k (campaign_id, subject, algorithm, key, erased_at) VALUES ($1, $2, $3, NULL, now())
          ON CONFLICT (campaign_id, subject) DO UPDATE SET key = NULL, erased_at = now() WHERE k.key IS NOT NULL`,
        [campaignId, subject, cipher.algorithm],
      );
    } catch (error) {
      return E.left(unavailable(context, error, `destroying the key of subject ${subject} of campaign ${campaignId}`));
    }
    try {
      // Outside any transaction: the table is written anew, without the old row versions and the key bytes in them.
      await db.query(`VACUUM (FULL) ${names.subjectKeys}`);
    } catch (error) {
      return E.left(unavailable(context, error, `the key of subject ${subject} of campaign ${campaignId} is destroyed, but the table was not vacuumed (destroy it again)`));
    }
    return E.right(undefined);
  };

  const erasedSubjects: SubjectKeyStore["erasedSubjects"] = () => async () => {
    try {
      const rows = await db.query(`SELECT campaign_id, subject FROM ${names.subjectKeys} WHERE key IS NULL ORDER BY erased_at, campaign_id, subject`);
      return E.right(rows.map((row) => ({ campaignId: String(row["campaign_id"]), subject: String(row["subject"]) })));
    } catch (error) {
      return E.left(unavailable(context, error, "listing erased subjects"));
    }
  };

  return { keysFor, existingKeys, destroy, erasedSubjects };
};
