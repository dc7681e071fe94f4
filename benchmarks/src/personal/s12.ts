import * as crypto from "node:crypto";
import { type EventStore, type NewEvent, campaignStreamId, describeStoreError, expectRevision, randomIds } from "@tenfold/core";
import { SCHEMA_VERSION, withSeal } from "@tenfold/core/adapter";
import { nodeSha256 } from "@tenfold/core/node";
import { createMemoryEventStore, createUnsealedMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import { generateHistory } from "../domain/history.js";
import { personalCount, subjectsTracker } from "../domain/personal.js";
import type { TaskResult } from "../harness/config.js";
import { collectGarbage, fastestOf, timed, timedSync } from "../harness/measure.js";
import { METADATA } from "../stores/workload.js";

/*
 * S12, personal data: what the personal-data layer (`withPersonalData`, DOMAIN.md schema 2) costs
 * the memory store. One child appends a generated campaign history (S4's, every kind of personal
 * field) to one stream, in appends of `batch` events each with its expected revision, through
 * `createMemoryEventStore()` (the layer over the sealed store: each personal value committed to
 * with a new salt and encrypted with AES-256-GCM under its subject's key) and through the same
 * sealed store without the layer (`withSeal(createUnsealedMemoryEventStore(), nodeSha256)`),
 * both given the same schema-2 events (`personal` subjects as the handler writes them; the store
 * without the layer seals and keeps them as given). Then it reads the whole stream back through
 * each, page by page (the layer decrypts every value). The floor is the cryptography alone with
 * node:crypto, in the same process: one commitment (SHA-256 of salt, newline, JSON value) and one
 * AES-256-GCM encryption (a random 12-byte nonce, the associated data, the tag) of the history's
 * own values; on reading, one decryption.
 */

/** The two stores S12 compares. */
const STORES = {
  personal: (): EventStore => createMemoryEventStore(),
  bare: (): EventStore => withSeal(createUnsealedMemoryEventStore(), nodeSha256),
} as const;
type Kind = keyof typeof STORES;
const KINDS = Object.keys(STORES) as Kind[];

/** A forced collection where the process allows one (the bench's children do; a test does not). */
const collect = (): void => {
  if (typeof (globalThis as { gc?: unknown }).gc === "function") collectGarbage();
};

const SEED = 20130301;
/** Fresh stores per kind, the kinds taking turns; the fastest round counts, as the fastest of the read passes. */
const ROUNDS = 3;
const READ_PASSES = 3;
/** Values each floor pass encrypts (cycling through the history's own values). */
const FLOOR_VALUES = 20_000;
/** Ciphertexts the floor's decryption cycles through. */
const KEPT = 64;

/** The history's appends as the handler would make them: schema 2, `personal` subjects from the folded state, one instant an append. */
const appendsOf = (events: number, batch: number): { readonly appends: NewEvent[][]; readonly values: string[] } => {
  const history = generateHistory({ seed: SEED, events });
  const subjectsOf = subjectsTracker();
  const appends: NewEvent[][] = [];
  const values: string[] = [];
  for (let i = 0; i < history.length; i += batch) {
    const recordedAt = new Date(Date.UTC(2013, 2, 1, 8) + i * 1000).toISOString();
    appends.push(
      history.slice(i, i + batch).map((event) => {
        const personal = subjectsOf(event);
        for (const field of Object.keys(personal)) values.push(String((event.data as unknown as Record<string, unknown>)[field]));
        return { type: event.type, data: event.data, eventId: randomIds.eventId(), schemaVersion: SCHEMA_VERSION, recordedAt, metadata: METADATA, personal } as NewEvent;
      }),
    );
  }
  return { appends, values };
};

const STREAM = campaignStreamId("bench-2013");

const appendAll = async (store: EventStore, appends: ReadonlyArray<ReadonlyArray<NewEvent>>): Promise<void> => {
  let last: bigint | null = null;
  for (const events of appends) {
    const appended = await store.append(STREAM, events, expectRevision(last))();
    if (E.isLeft(appended)) throw new Error(describeStoreError(appended.left));
    last = appended.right.nextExpectedRevision;
  }
};

/** Reads the whole stream page by page; `onEvent` sees each event (untimed uses only). */
const readAll = async (store: EventStore, onEvent?: (type: string, data: unknown) => void): Promise<number> => {
  let n = 0;
  let next: bigint | null = 0n;
  while (next !== null) {
    const page = await store.readStream(STREAM, { fromRevision: next })();
    if (E.isLeft(page)) throw new Error(describeStoreError(page.left));
    for (const event of page.right.events) onEvent?.(event.type, event.data);
    n += page.right.events.length;
    next = page.right.next;
  }
  return n;
};

/** A digest of every event's type and data as read: the two stores must give back the same values. */
const digestOf = async (store: EventStore): Promise<string> => {
  const hash = crypto.createHash("sha256");
  await readAll(store, (type, data) => hash.update(`${type}\n${JSON.stringify(data)}\n`));
  return hash.digest("hex").slice(0, 16);
};

/** µs per value of the cryptography alone (node:crypto): commitment, encryption, decryption. */
const floorOf = (values: ReadonlyArray<string>): { readonly commit: number; readonly encrypt: number; readonly decrypt: number } => {
  const key = crypto.randomBytes(32);
  const salt = crypto.randomBytes(16).toString("hex");
  const associated = `${crypto.randomUUID()}\ntitle\n${"0".repeat(64)}`;
  const n = FLOOR_VALUES;
  const valueAt = (i: number): string => values[i % values.length] ?? "";
  if (values.length === 0) throw new RangeError("S12's history has no personal value");
  let sink = 0;
  // `crypto.hash` (Node 20.12+) where there is one, as core's nodeSha256 does.
  const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;
  const sha256 = oneShot === undefined ? (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("hex") : (text: string) => oneShot("sha256", text, "hex");
  const commit = (): void => {
    for (let i = 0; i < n; i++) sink ^= sha256(`${salt}\n${JSON.stringify(valueAt(i))}`).length;
  };
  // What decryption reads: the first few ciphertexts, cycled (keeping every one would make the
  // collector move buffers that the layer does not keep: it keeps base64 text).
  const sealed: { nonce: Buffer; body: Buffer }[] = [];
  const encrypt = (): void => {
    for (let i = 0; i < n; i++) {
      const nonce = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce, { authTagLength: 16 });
      cipher.setAAD(Buffer.from(associated, "utf8"));
      const body = Buffer.concat([cipher.update(JSON.stringify({ salt, value: valueAt(i) }), "utf8"), cipher.final(), cipher.getAuthTag()]);
      if (i < KEPT) sealed[i] = { nonce, body };
      sink ^= body.length;
    }
  };
  const decrypt = (): void => {
    for (let i = 0; i < n; i++) {
      const { nonce, body } = sealed[i % sealed.length] as { nonce: Buffer; body: Buffer };
      const decipher = crypto.createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: 16 });
      decipher.setAAD(Buffer.from(associated, "utf8"));
      decipher.setAuthTag(body.subarray(body.length - 16));
      sink ^= Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).length;
    }
  };
  const fastest = (run: () => void): number => {
    run();
    let best = Infinity;
    for (let pass = 0; pass < 10; pass++) best = Math.min(best, timedSync(run).seconds);
    return (best * 1e6) / n;
  };
  const result = { commit: fastest(commit), encrypt: fastest(encrypt), decrypt: fastest(decrypt) };
  if (sink === -1) throw new Error("unreachable");
  return result;
};

/** S12: appends and reads through the memory store with and without its personal-data layer, and the floor; µs per event and per personal value. */
export const measurePersonalData = async (events: number, batch: number): Promise<TaskResult> => {
  const { appends, values } = appendsOf(events, batch);
  const n = appends.reduce((k, a) => k + a.length, 0);
  const personal = appends.reduce((k, a) => k + a.reduce((j, e) => j + personalCount(e.personal), 0), 0);
  // Warm-up: a tenth of the appends through a throw-away store of each kind, read back.
  for (const kind of KINDS) {
    const store = STORES[kind]();
    await appendAll(store, appends.slice(0, Math.max(1, Math.floor(appends.length / 10))));
    await readAll(store);
  }
  const best: Record<string, number> = {};
  const digests: Record<string, string> = {};
  const keep = (name: string, seconds: number): void => {
    best[name] = Math.min(best[name] ?? Infinity, seconds);
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of round % 2 === 0 ? KINDS : [...KINDS].reverse()) {
      // The previous round's store is garbage by now: collected before each timing.
      collect();
      const store = STORES[kind]();
      keep(`append.${kind}`, (await timed(() => appendAll(store, appends))).seconds);
      collect();
      const read = await fastestOf(READ_PASSES, () => readAll(store));
      if (read.result !== n) throw new Error(`${kind} read back ${read.result} events, not ${n}`);
      keep(`read.${kind}`, read.seconds);
      digests[kind] ??= await digestOf(store);
    }
  }
  if (digests["personal"] !== digests["bare"]) throw new Error(`the stores read back different data: ${JSON.stringify(digests)}`);
  collect();
  const floor = floorOf(values);
  const us = (name: string): number => ((best[name] ?? Number.NaN) * 1e6) / n;
  const out: Record<string, number> = { events: n, personalValues: personal };
  for (const op of ["append", "read"]) {
    const [withLayer, without] = [us(`${op}.personal`), us(`${op}.bare`)];
    out[`${op}.personal`] = withLayer;
    out[`${op}.bare`] = without;
    out[`${op}.layer`] = withLayer - without;
    out[`${op}.perValue`] = personal === 0 ? 0 : ((withLayer - without) * n) / personal;
  }
  out["floor.commit"] = floor.commit;
  out["floor.encrypt"] = floor.encrypt;
  out["floor.decrypt"] = floor.decrypt;
  out["floor.append"] = floor.commit + floor.encrypt;
  return { ok: true, values: out, check: `${n} events, ${personal} personal values read back alike (${digests["personal"] ?? ""})` };
};
