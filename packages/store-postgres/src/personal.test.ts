import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { type NewEvent, type PersonalEntries, type RecordedEvent, campaignStreamId, describeStoreError, exactRevision, noStream } from "@tenfold/core";
import { nodePersonalCipher, nodeSha256 } from "@tenfold/core/node";
import { withPersonalData } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresEventStore, createPgliteEventStore, describeOpenError } from "./PostgresEventStore.js";
import { createPostgresKeyStore, describeKeyStoreOpenError } from "./subjectKeys.js";
import { chainProblems, groupFormed, leftOf, orFail } from "./testing-support/events.js";
import { freshSchema, openTestStore, testServerUrl, withClient } from "./testing-support/testDatabase.js";

/*
 * Schema version 2's `personal` entries (DOMAIN.md, personal data) are kept verbatim outside the
 * seal, `encrypted` values and all, in the events' `personal` column, and come back on every read
 * path: the append's result, readStream, readAll, a subscription, an exact retry. A version 1
 * event has no `personal` at all, in the row (NULL) and as read.
 */

const encrypted = (n: number): { algorithm: "AES-256-GCM"; nonce: string; ciphertext: string } => ({
  algorithm: "AES-256-GCM",
  nonce: Buffer.alloc(12, n).toString("base64"),
  ciphertext: Buffer.alloc(40, n + 1).toString("base64"),
});

const PERSONAL: PersonalEntries = {
  summary: { subject: "contact:c-1", commitment: "ab".repeat(32), salt: "0123456789abcdef0123456789abcdef", encrypted: encrypted(7) },
};

/** A version 2 event with a personal field (its value null in data, as core's personal-data layer appends it), a version 2 event with none, and a version 1 event. */
const batch = (): NewEvent[] => {
  const problem = {
    type: "ProblemRaised",
    data: { campaignId: "pg-test", problemId: `p-${randomUUID()}`, groupId: "g-1", contactId: "c-1", summary: null, raisedOn: "2013-03-02" },
    eventId: randomUUID(),
    schemaVersion: 2,
    recordedAt: "2013-03-02T08:00:00.000Z",
    metadata: { actor: "clerk", correlationId: null, causationId: null },
    personal: PERSONAL,
  } as unknown as NewEvent;
  const group = groupFormed("g-2");
  const { personal: _, ...old } = { ...groupFormed("g-3"), schemaVersion: 1 };
  return [problem, group, old];
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

/** The round trip on a store; `rows` reads the stream's `personal` column, in revision order. */
const roundTrip = async (store: PostgresEventStore, rows: (streamId: string) => Promise<Array<string | null>>): Promise<void> => {
  const streamId = campaignStreamId(`personal-${randomUUID()}`);
  const events = batch();
  const subscription = store.subscribeToAll();
  const appended = await orFail(store.append(streamId, events, noStream));
  expectKept(appended.recorded, events);
  expectKept((await orFail(store.readStream(streamId))).events, events);
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

describe("personal entries on the server", () => {
  const schema = freshSchema("personal");
  let store: PostgresEventStore;
  beforeAll(async () => {
    store = await openTestStore({ schema });
  });
  afterAll(() => store.close());
  const rows = (streamId: string): Promise<Array<string | null>> =>
    withClient(async (c) => (await c.query<{ personal: string | null }>(`SELECT personal FROM "${schema}".events WHERE stream_id = $1 ORDER BY stream_revision`, [streamId])).rows.map((r) => r.personal));

  it("are kept verbatim outside the seal and come back on every read path; a version 1 event has none", () => roundTrip(store, rows));

  it("that are not an object of entries make the event an InvalidStoredEvent, naming the field", async () => {
    const streamId = campaignStreamId(`personal-${randomUUID()}`);
    await orFail(store.append(streamId, batch().slice(0, 1), noStream));
    await withClient((c) => c.query(`UPDATE "${schema}".events SET personal = '{"summary":{"subject":"contact:c-1"}}' WHERE stream_id = $1`, [streamId]));
    expect(await leftOf(store.readStream(streamId))).toMatchObject({ _tag: "InvalidStoredEvent", issues: [{ path: "personal.summary.commitment" }] });
    const secret = "c2VjcmV0IGNpcGhlcnRleHQ=";
    const tampered = JSON.stringify({ summary: { ...PERSONAL["summary"], encrypted: { algorithm: "ROT13", nonce: 12, ciphertext: secret } } });
    await withClient((c) => c.query(`UPDATE "${schema}".events SET personal = $2 WHERE stream_id = $1`, [streamId, tampered]));
    const refused = await leftOf(store.readStream(streamId));
    expect(refused).toMatchObject({ _tag: "InvalidStoredEvent", issues: [{ path: "personal.summary.encrypted.algorithm" }, { path: "personal.summary.encrypted.nonce", message: "expected a string, got a number" }] });
    expect(describeStoreError(refused)).not.toContain(secret);
    await withClient((c) => c.query(`UPDATE "${schema}".events SET personal = '[1' WHERE stream_id = $1`, [streamId]));
    expect(await leftOf(store.readStream(streamId))).toMatchObject({ _tag: "InvalidStoredEvent", issues: [{ path: "personal", message: "is not valid JSON text" }] });
  });
});

describe("personal entries on PGlite", () => {
  let pglite: PGlite;
  let store: PostgresEventStore;
  const schema = freshSchema("personal");
  beforeAll(async () => {
    pglite = await PGlite.create();
    const opened = await createPgliteEventStore({ pglite }, { schema })();
    if (E.isLeft(opened)) throw new Error(describeOpenError(opened.left));
    store = opened.right;
  }, 60_000); // PGlite (WebAssembly) takes seconds to start, more beside other test files
  afterAll(async () => {
    await store.close();
    await pglite.close();
  });
  const rows = async (streamId: string): Promise<Array<string | null>> =>
    (await pglite.query<{ personal: string | null }>(`SELECT personal FROM "${schema}".events WHERE stream_id = $1 ORDER BY stream_revision`, [streamId])).rows.map((r) => r.personal);

  it("are kept verbatim and come back on every read path, as on a server", () => roundTrip(store, rows));
});

describe("personal values through core's personal-data layer, with the PostgreSQL key store", () => {
  it("are stored only encrypted, read back where the key exists, and null and erased once the subject's erasure destroyed it", async () => {
    const schema = freshSchema("layer");
    const store = await openTestStore({ schema });
    const opened = await createPostgresKeyStore({ connectionString: testServerUrl() }, { schema })();
    if (E.isLeft(opened)) throw new Error(describeKeyStoreOpenError(opened.left));
    const keys = opened.right;
    const protectedStore = withPersonalData(store, { keys, cipher: nodePersonalCipher, sha256: nodeSha256 });
    const streamId = campaignStreamId(`layer-${randomUUID()}`);
    const envelope = { schemaVersion: 2, recordedAt: "2013-03-02T08:00:00.000Z", metadata: { actor: "clerk", correlationId: null, causationId: null } };
    const name = "张三丰 Zhang";
    const enrolled = {
      type: "CadreEnrolled",
      data: { campaignId: "pg-layer", cadreId: "c-1", name, groupId: "g-1", role: "member", leadershipTeam: false, enrolledOn: "2013-03-02" },
      eventId: randomUUID(),
      ...envelope,
      personal: { name: { subject: "cadre:c-1" } },
    } as unknown as NewEvent;
    await orFail(protectedStore.append(streamId, [enrolled], noStream));
    const [row] = await withClient(async (c) => (await c.query<{ data: string; personal: string }>(`SELECT data, personal FROM "${schema}".events WHERE stream_id = $1`, [streamId])).rows);
    expect(JSON.parse(row?.data ?? "{}")).toMatchObject({ name: null });
    expect(JSON.parse(row?.personal ?? "{}")).toMatchObject({ name: { subject: "cadre:c-1", encrypted: { algorithm: "AES-256-GCM" } } });
    expect(`${row?.data ?? ""}${row?.personal ?? ""}`).not.toContain("张三丰");
    const [read] = (await orFail(protectedStore.readStream(streamId))).events;
    expect(read?.data).toMatchObject({ name });
    expect(read !== undefined && "erased" in read).toBe(false);

    const erasure = { type: "SubjectErased", data: { campaignId: "pg-layer", subject: "cadre:c-1", requestRef: "REQ-1", erasedOn: "2014-01-02" }, eventId: randomUUID(), ...envelope, personal: {} } as unknown as NewEvent;
    await orFail(protectedStore.append(streamId, [erasure], exactRevision(0n)));
    const key = await withClient(async (c) => (await c.query<{ key: Buffer | null }>(`SELECT key FROM "${schema}".subject_keys WHERE campaign_id = 'pg-layer'`)).rows);
    expect(key).toEqual([{ key: null }]);
    const after = (await orFail(protectedStore.readStream(streamId))).events;
    expect(after[0]?.data).toMatchObject({ name: null });
    expect(after[0]?.erased).toEqual(["name"]);
    expect(chainProblems((await orFail(store.readStream(streamId))).events)).toEqual([]); // erasure changed no hash
    await Promise.all([store.close(), keys.close()]);
  });
});
