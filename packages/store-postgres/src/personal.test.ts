import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { type EventStore, type NewEvent, type PersonalEntries, type RecordedEvent, campaignStreamId, describeStoreError, exactRevision, noStream } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresEventStore, createPgliteEventStore, describeOpenError, openBelowPersonalLayer } from "./PostgresEventStore.js";
import { type StoreBelowLayer, openBelowLayer } from "./testing-support/belowLayer.js";
import { chainProblems, groupFormed, leftOf, orFail } from "./testing-support/events.js";
import { freshSchema, openTestStore, withClient } from "./testing-support/testDatabase.js";

/*
 * Schema version 2's `personal` entries (DOMAIN.md, personal data).
 *
 * Below the personal-data layer, the sealed store keeps them verbatim outside the seal, `encrypted`
 * values and all, in the events' `personal` column, and gives them back on every read path: the
 * append's result, readStream, readAll, a subscription, an exact retry. A version 1 event has no
 * `personal` at all, in the row (NULL) and as read. A malformed stored `personal` is an
 * InvalidStoredEvent naming the field.
 *
 * Through the public store (core's withPersonalData over the seal, the schema's subject_keys table
 * as its key store): a plaintext value goes in, only its ciphertext is in the row, the value comes
 * back on read; a SubjectErased destroys the key, and the value reads as null and erased with every
 * hash unchanged; and a store opened again over a key table restored from a backup taken before the
 * erasure destroys the key again.
 */

const encrypted = (n: number): { algorithm: "AES-256-GCM"; nonce: string; ciphertext: string } => ({
  algorithm: "AES-256-GCM",
  nonce: Buffer.alloc(12, n).toString("base64"),
  ciphertext: Buffer.alloc(40, n + 1).toString("base64"),
});

const PERSONAL: PersonalEntries = {
  summary: { subject: "contact:c-1", commitment: "ab".repeat(32), salt: "0123456789abcdef0123456789abcdef", encrypted: encrypted(7) },
};

const ENVELOPE = { schemaVersion: 2, recordedAt: "2013-03-02T08:00:00.000Z", metadata: { actor: "clerk", correlationId: null, causationId: null } };

/** A version 2 ProblemRaised whose `summary` is personal: `summary` and `personal` as given. */
const problemRaised = (summary: string | null, personal: PersonalEntries): NewEvent =>
  ({
    type: "ProblemRaised",
    data: { campaignId: "pg-test", problemId: `p-${randomUUID()}`, groupId: "g-1", contactId: "c-1", summary, raisedOn: "2013-03-02" },
    eventId: randomUUID(),
    ...ENVELOPE,
    personal,
  }) as unknown as NewEvent;

/** A version 2 event in the form the personal-data layer stores it (its value null in data, encrypted in `personal`), a version 2 event with none, and a version 1 event. */
const batch = (): NewEvent[] => {
  const { personal: _, ...old } = { ...groupFormed("g-3"), schemaVersion: 1 };
  return [problemRaised(null, PERSONAL), groupFormed("g-2"), old];
};

const expectKept = (read: ReadonlyArray<RecordedEvent>, appended: ReadonlyArray<NewEvent>): void => {
  expect(read.map((e) => e.eventId)).toEqual(appended.map((e) => e.eventId));
  read.forEach((e, i) => {
    const original = appended[i] as NewEvent;
    if (original.personal === undefined) expect("personal" in e).toBe(false);
    else expect(e.personal).toStrictEqual(original.personal);
    expect("erased" in e).toBe(false);
  });
};

/** The round trip on a store below the personal-data layer; `rows` reads the stream's `personal` column, in revision order. */
const roundTrip = async (store: EventStore, rows: (streamId: string) => Promise<Array<string | null>>): Promise<void> => {
  const streamId = campaignStreamId(`personal-${randomUUID()}`);
  const events = batch();
  const subscription = store.subscribeToAll();
  const appended = await orFail(store.append(streamId, events, noStream));
  expectKept(appended.recorded, events);
  const read = (await orFail(store.readStream(streamId))).events;
  expectKept(read, events);
  expect(chainProblems(read)).toEqual([]); // sealed with `encrypted` and the salt outside the seal
  expectKept((await orFail(store.readAll())).events.filter((e) => e.streamId === streamId), events);
  const delivered: RecordedEvent[] = [];
  for await (const message of subscription) {
    if (message._tag === "SubscriptionFailed") throw new Error(message.error._tag);
    if (message._tag === "Event" && message.event.streamId === streamId) delivered.push(message.event);
    if (delivered.length === events.length) break;
  }
  expectKept(delivered, events);
  expectKept((await orFail(store.append(streamId, events, noStream))).recorded, events); // an exact retry, read back from the table
  expect(await rows(streamId)).toEqual(events.map((e) => (e.personal === undefined ? null : JSON.stringify(e.personal))));
};

const serverRows =
  (schema: string) =>
  (streamId: string): Promise<Array<string | null>> =>
    withClient(async (c) => (await c.query<{ personal: string | null }>(`SELECT personal FROM "${schema}".events WHERE stream_id = $1 ORDER BY stream_revision`, [streamId])).rows.map((r) => r.personal));

describe("personal entries below the personal-data layer, on the server", () => {
  const schema = freshSchema("personal");
  let store: StoreBelowLayer;
  beforeAll(async () => {
    store = await openBelowLayer(schema);
  });
  afterAll(() => store.close());

  it("are kept verbatim outside the seal and come back on every read path; a version 1 event has none", () => roundTrip(store, serverRows(schema)));
});

describe("personal entries in the rows of the public store, on the server", () => {
  const schema = freshSchema("personal");
  let store: PostgresEventStore;
  beforeAll(async () => {
    store = await openTestStore({ schema });
  });
  afterAll(() => store.close());

  it("are written by the store: an event that carries an encrypted value already is refused before anything is written", async () => {
    const streamId = campaignStreamId(`personal-${randomUUID()}`);
    expect(() => store.append(streamId, batch(), noStream)).toThrow(new RangeError("events[0].personal.summary.encrypted: an encrypted value is written by the store, not appended"));
    expect(await serverRows(schema)(streamId)).toEqual([]);
  });

  it("that are not an object of entries make the event an InvalidStoredEvent, naming the field", async () => {
    const streamId = campaignStreamId(`personal-${randomUUID()}`);
    await orFail(store.append(streamId, [problemRaised("the well is dry", { summary: { subject: "contact:c-1" } })], noStream));
    const [written] = await serverRows(schema)(streamId);
    const entry = (JSON.parse(written ?? "{}") as Record<string, Record<string, unknown>>)["summary"];
    expect(entry).toStrictEqual({ subject: "contact:c-1", commitment: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, encrypted: { algorithm: "AES-256-GCM", nonce: expect.any(String) as unknown, ciphertext: expect.any(String) as unknown } });
    await withClient((c) => c.query(`UPDATE "${schema}".events SET personal = '{"summary":{"subject":"contact:c-1"}}' WHERE stream_id = $1`, [streamId]));
    expect(await leftOf(store.readStream(streamId))).toMatchObject({ _tag: "InvalidStoredEvent", issues: [{ path: "personal.summary.commitment" }] });
    const secret = "c2VjcmV0IGNpcGhlcnRleHQ=";
    const tampered = JSON.stringify({ summary: { ...entry, encrypted: { algorithm: "ROT13", nonce: 12, ciphertext: secret } } });
    await withClient((c) => c.query(`UPDATE "${schema}".events SET personal = $2 WHERE stream_id = $1`, [streamId, tampered]));
    const refused = await leftOf(store.readStream(streamId));
    expect(refused).toMatchObject({ _tag: "InvalidStoredEvent", issues: [{ path: "personal.summary.encrypted.algorithm" }, { path: "personal.summary.encrypted.nonce", message: "expected a string, got a number" }] });
    expect(describeStoreError(refused)).not.toContain(secret);
    await withClient((c) => c.query(`UPDATE "${schema}".events SET personal = '[1' WHERE stream_id = $1`, [streamId]));
    expect(await leftOf(store.readStream(streamId))).toMatchObject({ _tag: "InvalidStoredEvent", issues: [{ path: "personal", message: "is not valid JSON text" }] });
  });
});

/** Where the layered scenario runs: opening the public store and the one below its layer over one schema, and SQL beside them. */
interface Site {
  readonly openStore: (schema: string) => Promise<PostgresEventStore>;
  readonly openBelow: (schema: string) => Promise<StoreBelowLayer>;
  readonly query: <R extends Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>;
}

const serverSite: Site = {
  openStore: (schema) => openTestStore({ schema }),
  openBelow: (schema) => openBelowLayer(schema),
  query: <R extends Record<string, unknown>>(sql: string, params: unknown[] = []) => withClient(async (c) => (await c.query<R>(sql, params)).rows),
};

const pgliteSite = (pglite: PGlite): Site => ({
  openStore: async (schema) => {
    const opened = await createPgliteEventStore({ pglite }, { schema })();
    if (E.isLeft(opened)) throw new Error(describeOpenError(opened.left));
    return opened.right;
  },
  openBelow: async (schema) => {
    const opened = await openBelowPersonalLayer.pglite({ pglite }, { schema })();
    if (E.isLeft(opened)) throw new Error(describeOpenError(opened.left));
    return opened.right;
  },
  query: async <R extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await pglite.query<R>(sql, params)).rows,
});

/** A personal value no row may hold, in any of the forms a leak would take. */
const MARKER = "canary-王-pg";
const MARKER_FORMS = [
  MARKER,
  "canary",
  "王",
  JSON.stringify(MARKER).slice(1, -1),
  "\\u738b",
  Buffer.from(MARKER).toString("base64"),
  Buffer.from(MARKER).toString("base64url"),
  Buffer.from(MARKER).toString("hex"),
  Buffer.from(MARKER).toString("hex").toUpperCase(),
];
const expectNoMarker = (text: string): void => {
  for (const form of MARKER_FORMS) expect(text).not.toContain(form);
};

const HEX_64 = /^[0-9a-f]{64}$/;
const HEX_32 = /^[0-9a-f]{32}$/;

/** Reads every event the subscription of `store` delivers of `streamId` until it has `n`. */
const subscribed = async (store: EventStore, streamId: string, n: number): Promise<RecordedEvent[]> => {
  const delivered: RecordedEvent[] = [];
  for await (const message of store.subscribeToAll()) {
    if (message._tag === "SubscriptionFailed") throw new Error(describeStoreError(message.error));
    if (message._tag === "Event" && message.event.streamId === streamId) delivered.push(message.event);
    if (delivered.length === n) break;
  }
  return delivered;
};

const layeredScenario = async (site: Site): Promise<void> => {
  const schema = freshSchema("layer");
  const q = `"${schema}"`;
  const store = await site.openStore(schema);
  const below = await site.openBelow(schema);
  const streamId = campaignStreamId(`layer-${randomUUID()}`);
  const subject = "cadre:c1";
  const keyRow = (): Promise<Array<{ algorithm: string; key: string | null; created: string; erased: boolean }>> =>
    site.query(`SELECT algorithm, encode(key, 'hex') AS key, created_at::text AS created, erased_at IS NOT NULL AS erased FROM ${q}.subject_keys WHERE campaign_id = 'pg-layer' AND subject = $1`, [subject]);
  const eventRows = (): Promise<Array<{ data: string; personal: string | null; text: string }>> =>
    site.query(`SELECT e.data, e.personal, e::text AS text FROM ${q}.events AS e WHERE stream_id = $1 ORDER BY stream_revision`, [streamId]);
  const expectErased = (events: ReadonlyArray<RecordedEvent>, commitment: string): void => {
    expect(events[0]?.data).toMatchObject({ name: null });
    expect(events[0]?.personal).toStrictEqual({ name: { subject, commitment } });
    expect(events[0]?.erased).toEqual(["name"]);
    expect(events[1]?.type).toBe("SubjectErased");
  };

  // Plaintext in: the append's result gives the value, its salt and commitment.
  const enrolled = {
    type: "CadreEnrolled",
    data: { campaignId: "pg-layer", cadreId: "c1", name: MARKER, groupId: "g-1", role: "member", leadershipTeam: false, enrolledOn: "2013-03-02" },
    eventId: randomUUID(),
    ...ENVELOPE,
    personal: { name: { subject } },
  } as unknown as NewEvent;
  const [appended] = (await orFail(store.append(streamId, [enrolled], noStream))).recorded;
  if (appended === undefined) throw new Error("the append recorded nothing");
  expect(appended.data).toStrictEqual(enrolled.data);
  expect(appended.personal).toStrictEqual({ name: { subject, commitment: expect.stringMatching(HEX_64) as unknown, salt: expect.stringMatching(HEX_32) as unknown } });
  expect("erased" in appended).toBe(false);
  const { commitment, salt } = appended.personal?.["name"] as { commitment: string; salt: string };

  // Only ciphertext in the row: null in data, the salt and value encrypted in personal; the subject's key beside it.
  const [row] = await eventRows();
  if (row === undefined) throw new Error("no row");
  expect(JSON.parse(row.data)).toStrictEqual({ ...enrolled.data, name: null });
  const stored = JSON.parse(row.personal ?? "null") as PersonalEntries;
  expect(stored).toStrictEqual({ name: { subject, commitment, encrypted: { algorithm: "AES-256-GCM", nonce: expect.any(String) as unknown, ciphertext: expect.any(String) as unknown } } });
  expectNoMarker(row.text);
  expect(row.text).not.toContain(salt);
  const backup = await keyRow();
  expect(backup).toEqual([{ algorithm: "AES-256-GCM", key: expect.stringMatching(HEX_64) as unknown, created: expect.any(String) as unknown, erased: false }]);

  // The value back on every read path of the public store; the stored form below its layer, sealed.
  expect((await orFail(store.readStream(streamId))).events).toStrictEqual([appended]);
  expect((await orFail(store.readAll())).events.filter((e) => e.streamId === streamId)).toStrictEqual([appended]);
  expect(await subscribed(store, streamId, 1)).toStrictEqual([appended]);
  const [raw] = (await orFail(below.readStream(streamId))).events;
  expect(raw?.personal).toStrictEqual(stored);
  expect(raw?.data).toStrictEqual({ ...enrolled.data, name: null });
  expect(raw?.hash).toBe(appended.hash);

  // The erasure destroys the key: the value reads as null and erased; no hash and no row of the event changes.
  const erasure = { type: "SubjectErased", data: { campaignId: "pg-layer", subject, requestRef: "REQ-1", erasedOn: "2014-01-02" }, eventId: randomUUID(), ...ENVELOPE, personal: {} } as unknown as NewEvent;
  const [erasedEvent] = (await orFail(store.append(streamId, [erasure], exactRevision(0n)))).recorded;
  const hashes = [appended.hash, erasedEvent?.hash];
  expect(await keyRow()).toEqual([{ algorithm: "AES-256-GCM", key: null, created: backup[0]?.created, erased: true }]);
  const afterErasure = (await orFail(store.readStream(streamId))).events;
  expectErased(afterErasure, commitment);
  expect(afterErasure.map((e) => e.hash)).toEqual(hashes);
  expect(chainProblems(afterErasure)).toEqual([]);
  const belowAfter = (await orFail(below.readStream(streamId))).events;
  expect(belowAfter.map((e) => e.hash)).toEqual(hashes);
  expect(belowAfter[0]?.personal).toStrictEqual(stored);
  expect(chainProblems(belowAfter)).toEqual([]);
  const rowsAfter = await eventRows();
  expect(rowsAfter[0]?.personal).toBe(row.personal);
  rowsAfter.forEach((r) => expectNoMarker(r.text));

  // A key table restored from a backup taken before the erasure brings the value back, to a store that does not reconcile ...
  const restored = await site.query(
    `UPDATE ${q}.subject_keys SET algorithm = $2, key = decode($3, 'hex'), created_at = $4::timestamptz, erased_at = NULL WHERE campaign_id = 'pg-layer' AND subject = $1 RETURNING subject`,
    [subject, backup[0]?.algorithm, backup[0]?.key, backup[0]?.created],
  );
  expect(restored).toEqual([{ subject }]);
  expect(await keyRow()).toEqual(backup);
  expect((await orFail(store.readStream(streamId))).events[0]?.data).toMatchObject({ name: MARKER });
  await store.close();

  // ... and a store opened again over the same database destroys it again, as the log says.
  const reopened = await site.openStore(schema);
  expect(await keyRow()).toEqual([{ algorithm: "AES-256-GCM", key: null, created: backup[0]?.created, erased: true }]);
  const afterReopen = (await orFail(reopened.readStream(streamId))).events;
  expectErased(afterReopen, commitment);
  expect(afterReopen.map((e) => e.hash)).toEqual(hashes);
  expect(chainProblems(afterReopen)).toEqual([]);
  expect((await orFail(below.readStream(streamId))).events.map((e) => e.hash)).toEqual(hashes);
  expect(await reopened.reconcileErasures()()).toEqual(E.right([])); // nothing came back since
  await Promise.all([reopened.close(), below.close()]);
};

describe("personal values through the public store, with the subject_keys table as its key store", () => {
  it("are stored only encrypted, read back where the key exists, null and erased once the erasure destroyed it, and erased again when a restored key comes back (server)", () =>
    layeredScenario(serverSite));
});

describe("personal entries on PGlite", () => {
  let pglite: PGlite;
  beforeAll(async () => {
    pglite = await PGlite.create();
  }, 60_000); // PGlite (WebAssembly) takes seconds to start, more beside other test files
  afterAll(() => pglite.close());

  it("are kept verbatim and come back on every read path below the personal-data layer, as on a server", async () => {
    const schema = freshSchema("personal");
    const opened = await openBelowPersonalLayer.pglite({ pglite }, { schema })();
    if (E.isLeft(opened)) throw new Error(describeOpenError(opened.left));
    const rows = async (streamId: string): Promise<Array<string | null>> =>
      (await pglite.query<{ personal: string | null }>(`SELECT personal FROM "${schema}".events WHERE stream_id = $1 ORDER BY stream_revision`, [streamId])).rows.map((r) => r.personal);
    await roundTrip(opened.right, rows);
    await opened.right.close();
  });

  it("hold personal values only encrypted through the public store, and erase them for good, as on a server", () => layeredScenario(pgliteSite(pglite)));
});
