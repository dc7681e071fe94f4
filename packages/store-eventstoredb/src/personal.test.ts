import { jsonEvent } from "@eventstore/db-client";
import { type CampaignEvent, type NewEvent, type PersonalEntries, type RecordedEvent, type SubscriptionMessage, campaignStreamId, noStream, readWholeLog, readWholeStream } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendEvents } from "./append.js";
import { toClientExpected } from "./arguments.js";
import { settingsOf } from "./options.js";
import { toEventData } from "./storedFormat.js";
import { type Emulated, FAST, emulated } from "./testing-support/emulated.js";
import { domainEvent, metadata, newEvents } from "./testing-support/events.js";
import { take } from "./testing-support/messages.js";

/* Schema 2's `personal` entries, stored in the event's metadata JSON and read back, through the real client on the emulator. */

const right = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected right, got ${JSON.stringify(result.left, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))}`);
  return result.right;
};

const PERSONAL: PersonalEntries = {
  name: {
    subject: "cadre:cadre-1",
    commitment: "c".repeat(64),
    encrypted: { algorithm: "AES-256-GCM", nonce: "bm9uY2Utbm9uY2U=", ciphertext: "Y2lwaGVydGV4dC10YWc=" },
  },
};

/**
 * A schema-2 CadreEnrolled event in the form the personal-data layer hands a store: its name null
 * in data, committed to and encrypted in `personal`; its id fresh (a UUID).
 */
const cadreEnrolled = (personal: PersonalEntries = PERSONAL): NewEvent => ({
  ...withheld(domainEvent("CadreEnrolled", { cadreId: "cadre-1", name: "Cadre", groupId: "g-1", role: "member", leadershipTeam: false, enrolledOn: "2013-03-01" })),
  eventId: (newEvents(1)[0] as NewEvent).eventId,
  schemaVersion: 2,
  recordedAt: "2013-03-01T08:00:00.000Z",
  metadata,
  personal,
});

/** The event with its name withheld (null), as stored. */
const withheld = (event: CampaignEvent): CampaignEvent => ({ ...event, data: { ...event.data, name: null } }) as unknown as CampaignEvent;

let streams = 0;
const freshStream = (): string => campaignStreamId(`personal-${++streams}`);

const storedMetadataOf = (env: Emulated, stream: string): unknown[] =>
  env.emulator.data.stream(stream).map((e) => JSON.parse(Buffer.from(e.metadata).toString("utf8")) as unknown);

const eventsOf = (messages: ReadonlyArray<SubscriptionMessage>): RecordedEvent[] => messages.flatMap((m) => (m._tag === "Event" ? [m.event] : []));

describe("personal entries on the emulator", () => {
  let env: Emulated;
  beforeAll(async () => {
    env = await emulated(true);
  });
  afterAll(async () => {
    await env.dispose();
  });

  it("stores personal in the metadata JSON, after the seal's fields, and reads it back on every path", async () => {
    const store = env.store({ namespace: "personal-paths" });
    const events = [cadreEnrolled(), newEvents(1)[0] as NewEvent];
    const request = { streamId: "s", events, expected: noStream, clientExpected: toClientExpected(noStream) };
    const appended = right(await appendEvents(env.client, settingsOf({ ...FAST, namespace: "personal-paths" }), request));
    expect(storedMetadataOf(env, "tenfold-personal-paths:s")).toEqual([
      { schemaVersion: 2, recordedAt: "2013-03-01T08:00:00.000Z", metadata, personal: PERSONAL },
      { schemaVersion: 2, recordedAt: events[1]?.recordedAt, metadata, personal: {} },
    ]);
    const subscription = store.subscribeToAll();
    const delivered = eventsOf(await take(subscription[Symbol.asyncIterator](), (seen) => seen.some((m) => m._tag === "CaughtUp")));
    await subscription.close();
    expect(appended.recorded.map((e) => e.personal)).toEqual([PERSONAL, {}]);
    // Read through the store's personal-data layer: this store holds no key of the subject, so the value reads as erased.
    const { encrypted: _, ...sealedEntry } = PERSONAL["name"] ?? { subject: "", commitment: "" };
    for (const read of [right(await readWholeStream(store, "s")()), right(await readWholeLog(store)()), delivered]) {
      expect(read.map((e) => e.personal)).toEqual([{ name: sealedEntry }, {}]);
      expect(read[0]).toEqual({ ...events[0], personal: { name: sealedEntry }, erased: ["name"], streamId: "s", streamRevision: 0n, position: read[0]?.position });
      expect(Object.isFrozen(read[0])).toBe(true);
    }
  });

  it("appends through the store keep only ciphertext of the value (the seal's fields, then personal) and read it back", async () => {
    const stream = freshStream();
    const store = env.store();
    const plain = { ...cadreEnrolled({ name: { subject: "cadre:cadre-1" } }), data: { ...cadreEnrolled().data, name: "canary-王-esdb" } } as NewEvent;
    const { recorded } = right(await store.append(stream, [plain], noStream)());
    expect((recorded[0]?.data as { name: unknown }).name).toBe("canary-王-esdb");
    const [stored] = storedMetadataOf(env, stream) as Array<Record<string, unknown>>;
    expect(Object.keys(stored ?? {})).toEqual(["schemaVersion", "recordedAt", "metadata", "previousHash", "hash", "personal"]);
    const raw = env.emulator.data.stream(stream).map((e) => Buffer.concat([Buffer.from(e.data), Buffer.from(e.metadata)]).toString("utf8")).join("\n");
    expect(raw).not.toContain("canary");
    expect((stored?.["personal"] as PersonalEntries)["name"]?.encrypted?.algorithm).toBe("AES-256-GCM");
    expect(right(await readWholeStream(store, stream)())).toEqual(recorded);
  });

  it("an event stored without personal (version 1) reads as before: no personal key, no erased key", async () => {
    const stream = freshStream();
    const { personal: _, ...old } = { ...(newEvents(1)[0] as NewEvent), schemaVersion: 1 };
    expect(toEventData(old).metadata).toEqual({ schemaVersion: 1, recordedAt: old.recordedAt, metadata });
    await env.client.appendToStream(stream, toEventData(old));
    const [read] = right(await readWholeStream(env.store(), stream)());
    expect(Object.keys(read ?? {})).toEqual(["type", "data", "eventId", "schemaVersion", "recordedAt", "metadata", "streamId", "streamRevision", "position"]);
  });

  it("never stores erased: it is computed by core when read", () => {
    const withErased = { ...cadreEnrolled(), erased: ["name"] };
    expect(Object.keys(toEventData(withErased).metadata as object)).toEqual(["schemaVersion", "recordedAt", "metadata", "personal"]);
  });

  const entry = { subject: "cadre:cadre-1", commitment: "c".repeat(64) };
  it.each([
    ["not an object", "personal", ["personal"]],
    ["an array", [entry], ["personal"]],
    ["an entry that is not an object", { name: "Zhang" }, ["personal.name"]],
    ["an entry without a string subject or commitment", { name: { subject: 7 } }, ["personal.name.subject", "personal.name.commitment"]],
    ["an entry on a field that is not the event's personal field", { groupId: entry }, ["personal.groupId"]],
    ["an entry with a subject that is not cadre:… or contact:…", { name: { ...entry, subject: "" } }, ["personal.name.subject"]],
    ["an entry with an unknown field", { name: { ...entry, value: "Zhang" } }, ["personal.name.value"]],
    [
      "an encrypted value of another algorithm, without its nonce",
      { name: { ...entry, encrypted: { algorithm: "ROT13", ciphertext: "eA==" } } },
      ["personal.name.encrypted.algorithm", "personal.name.encrypted.nonce"],
    ],
  ])("a stored personal that is %s is InvalidStoredEvent naming the event and the field", async (_, personal, paths) => {
    const stream = freshStream();
    const good = cadreEnrolled();
    const stored = toEventData(good);
    await env.client.appendToStream(stream, [toEventData(newEvents(1)[0] as NewEvent), jsonEvent({ id: stored.id, type: stored.type, data: good.data, metadata: { ...(stored.metadata as object), personal } })]);
    const read = await env.store().readStream(stream, { fromRevision: 1n })();
    expect(read).toMatchObject(E.left({ _tag: "InvalidStoredEvent", streamId: stream, streamRevision: 1n }));
    const issues = E.isLeft(read) && read.left._tag === "InvalidStoredEvent" ? read.left.issues : [];
    expect(issues.map((issue) => issue.path)).toEqual(paths);
    expect(JSON.stringify(issues)).not.toContain("Zhang");
  });
});
