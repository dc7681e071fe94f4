import { randomUUID } from "node:crypto";
import { describeStoreError, exactRevision, noStream } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresEventStore, createPostgresEventStore, describeOpenError } from "./PostgresEventStore.js";
import { groups, leftOf, orFail } from "./testing-support/events.js";
import { freshSchema, openTestStore, testServerUrl, withClient } from "./testing-support/testDatabase.js";

/*
 * Faults on the real server, each a value through the port: a statement timeout, a backend
 * killed with pg_terminate_backend in the middle of an append, an idle transaction of another
 * client, a wrong password, a refused connection. Every message is checked for the password.
 */

const schema = freshSchema("faults");
let store: PostgresEventStore;
beforeAll(async () => {
  store = await openTestStore({ schema, statementTimeoutMs: 300, pollIntervalMs: 50 });
});
afterAll(() => store.close());

const password = new URL(testServerUrl()).password;
const stream = (): string => `tenfold-campaign-${randomUUID()}`;
const count = (streamId: string): Promise<number> =>
  withClient(async (c) => Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".events WHERE stream_id = $1`, [streamId])).rows[0]?.n));

/** Holds the stream's row locked by another client until `release` is called. */
const lockStream = async (streamId: string): Promise<{ readonly release: () => Promise<void> }> => {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked = (): void => undefined;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = withClient(async (c) => {
    await c.query("BEGIN");
    await c.query(`SELECT 1 FROM "${schema}".streams WHERE stream_id = $1 FOR UPDATE`, [streamId]);
    locked();
    await released;
    await c.query("ROLLBACK");
  });
  await isLocked;
  return { release: async () => (release(), await done) };
};

const waitFor = async <A>(probe: () => Promise<A | undefined>, what: string): Promise<A> => {
  for (let i = 0; i < 400; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
};

describe("faults on the server", () => {
  it("a statement timeout is StoreUnavailable, and nothing is written", async () => {
    const s = stream();
    await orFail(store.append(s, groups("t", 1), noStream));
    const lock = await lockStream(s);
    const refused = await leftOf(store.append(s, groups("t2", 2), exactRevision(0n)));
    await lock.release();
    expect(refused).toMatchObject({ _tag: "StoreUnavailable", reason: expect.stringContaining("57014") as unknown });
    expect(await count(s)).toBe(1);
  });

  it("a backend killed during an append leaves the append committed once or not at all; the retry leaves one copy", async () => {
    const s = stream();
    await orFail(store.append(s, groups("k", 1), noStream));
    const lock = await lockStream(s);
    const batch = groups("k2", 3);
    const appending = store.append(s, batch, exactRevision(0n))();
    const pid = await waitFor(
      () =>
        withClient(async (c) => {
          const { rows } = await c.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%' AND pid <> pg_backend_pid()");
          return rows[0]?.pid;
        }),
      "the append to wait on the lock",
    );
    await withClient((c) => c.query("SELECT pg_terminate_backend($1)", [pid]));
    await lock.release();
    const killed = await appending;
    expect(E.isLeft(killed) && killed.left._tag).toBe("StoreUnavailable");
    expect(await count(s)).toBe(1);
    const retried = await orFail(store.append(s, batch, exactRevision(0n)));
    expect(retried.recorded.map((e) => e.streamRevision)).toEqual([1n, 2n, 3n]);
    expect(await orFail(store.append(s, batch, exactRevision(0n)))).toEqual(retried);
    expect(await count(s)).toBe(4);
  });

  it("appends whose backends are killed at random moments are each recorded exactly once after retrying", async () => {
    const s = stream();
    const batches = Array.from({ length: 12 }, (_, i) => groups(`r${i}`, 3));
    for (const [i, batch] of batches.entries()) {
      const killer = withClient(async (c) => {
        await new Promise((r) => setTimeout(r, (i * 7) % 5));
        await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%"${schema}".%' AND pid <> pg_backend_pid()`);
      });
      for (let attempt = 0; ; attempt++) {
        const result = await store.append(s, batch, i === 0 ? noStream : exactRevision(BigInt(i * 3 - 1)))();
        if (E.isRight(result)) break;
        expect(result.left._tag, describeStoreError(result.left)).toBe("StoreUnavailable");
        if (attempt > 20) throw new Error("the append never got through");
      }
      await killer;
    }
    const read = await orFail(store.readStream(s, { maxCount: 100 }));
    expect(read.events.map((e) => e.eventId)).toEqual(batches.flat().map((e) => e.eventId));
    expect(read.events.map((e) => e.streamRevision)).toEqual(read.events.map((_, i) => BigInt(i)));
  });

  it("an idle transaction of another client does not stop appends or subscribers", async () => {
    const s = stream();
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let opened = (): void => undefined;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const idle = withClient(async (c) => {
      await c.query("BEGIN");
      await c.query(`SELECT count(*) FROM "${schema}".events`);
      await c.query(`CREATE TEMP TABLE idle_marker (x int)`);
      opened();
      await released;
      await c.query("ROLLBACK");
    });
    await isOpen;
    const subscription = store.subscribeToAll();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const message of subscription) {
        if (message._tag === "Event" && message.event.streamId === s) seen.push(message.event.eventId);
        if (seen.length === 6) return;
      }
    })();
    const batch = groups("i", 6);
    await orFail(store.append(s, batch.slice(0, 3), noStream));
    await orFail(store.append(s, batch.slice(3), exactRevision(2n)));
    await reading;
    await subscription.close();
    release();
    await idle;
    expect(seen).toEqual(batch.map((e) => e.eventId));
  });
});

describe("connection errors", () => {
  const open = async (url: string): Promise<string> => {
    const opened = await createPostgresEventStore({ connectionString: url }, { schema: freshSchema() })();
    if (E.isRight(opened)) {
      await opened.right.close();
      throw new Error("expected the store not to open");
    }
    const message = describeOpenError(opened.left);
    expect(message).not.toContain(password);
    return `${opened.left._tag}: ${message}`;
  };

  it("a wrong password is a failure that names the user, never a password", async () => {
    const wrong = testServerUrl().replace(`:${password}@`, ":not-the-p%40ssword@");
    const message = await open(wrong);
    expect(message).toMatch(/^StoreFailure: .*password authentication failed for user "tenfold" \(28P01\)/);
    expect(message).not.toContain("not-the-p");
  });

  it("a refused connection is StoreUnavailable, with the URL's password nowhere", async () => {
    const message = await open(`postgres://tenfold:${password}@127.0.0.1:1/postgres`);
    expect(message).toMatch(/^StoreUnavailable: .*ECONNREFUSED/);
    expect(await open(`postgres://tenfold@127.0.0.1:1/postgres?password=${password}`)).toMatch(/^StoreUnavailable: /);
  });

  it("a URL that names no host or a bad port is refused before connecting, shown redacted", async () => {
    expect(await open(`postgres://tenfold:${password}@:5432/x`)).toContain("names no host");
    expect(await open(`postgres://tenfold:${password}@localhost:99999/x`)).toBe(
      'InvalidConnectionString: "postgres://tenfold:***@localhost:99999/x" has a port that is not a number from 1 to 65535',
    );
  });
});
