import { randomUUID } from "node:crypto";
import { type NewEvent, anyRevision, exactRevision, noStream, streamExists } from "@tenfold/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PostgresEventStore } from "./PostgresEventStore.js";
import { groupFormed, groups, leftOf, orFail } from "./testing-support/events.js";
import { freshSchema, openTestStore, testServerUrl, withClient } from "./testing-support/testDatabase.js";

/*
 * What the PostgreSQL store adds to the contract: idempotent retries judged in the database, the
 * same ids elsewhere refused without a second copy, its own argument checks, and bigints end to end.
 */

const schema = freshSchema();
let store: PostgresEventStore;
beforeAll(async () => {
  store = await openTestStore({ schema });
});
afterAll(() => store.close());

const stream = (): string => `tenfold-campaign-${randomUUID()}`;
const rowsOf = (streamId: string): Promise<number> =>
  withClient(async (c) => Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".events WHERE stream_id = $1`, [streamId])).rows[0]?.n));

describe("retries and event ids", () => {
  it("re-appending the same ids at the same place returns the original result and writes no second copy", async () => {
    const s = stream();
    const first = await orFail(store.append(s, groups("a", 3), noStream));
    const batch = groups("b", 2);
    const second = await orFail(store.append(s, batch, exactRevision(2n)));
    expect(await orFail(store.append(s, batch, exactRevision(2n)))).toEqual(second);
    const again = await orFail(store.append(s, first.recorded.map((e) => ({ ...e })), noStream));
    expect(again.recorded.map((e) => e.eventId)).toEqual(first.recorded.map((e) => e.eventId));
    expect(again.nextExpectedRevision).toBe(2n);
    expect(await rowsOf(s)).toBe(5);
  });

  it("two writers sending the same append at once both get the one copy", async () => {
    const s = stream();
    const batch = groups("same", 4);
    const [a, b] = await Promise.all([orFail(store.append(s, batch, noStream)), orFail(store.append(s, batch, noStream))]);
    expect(a.recorded.map((e) => e.position)).toEqual(b.recorded.map((e) => e.position));
    expect(await rowsOf(s)).toBe(4);
  });

  it("the same ids in another stream, a partial overlap, or a repeated id is an error value and writes nothing", async () => {
    const s = stream();
    const batch = groups("x", 2);
    await orFail(store.append(s, batch, noStream));
    const elsewhere = stream();
    expect(await leftOf(store.append(elsewhere, batch, noStream))).toMatchObject({ _tag: "StoreFailure", reason: expect.stringContaining("another stream") as unknown });
    const partial = [batch[1] as NewEvent, groupFormed("y")];
    expect(await leftOf(store.append(s, partial, exactRevision(1n)))).toMatchObject({ _tag: "StoreFailure", reason: expect.stringContaining("partly overlaps") as unknown });
    const repeated = groupFormed("z");
    expect(await leftOf(store.append(s, [repeated, repeated], exactRevision(1n)))).toMatchObject({ _tag: "StoreFailure", reason: expect.stringContaining("more than once") as unknown });
    expect(await rowsOf(s)).toBe(2);
    expect(await rowsOf(elsewhere)).toBe(0);
  });

  it("a retry under an expectation the stream did not meet then is WrongExpectedRevision with the actual revision", async () => {
    const s = stream();
    const batch = groups("w", 2);
    await orFail(store.append(s, batch, noStream));
    expect(await leftOf(store.append(s, batch, exactRevision(5n)))).toEqual({ _tag: "WrongExpectedRevision", streamId: s, expected: exactRevision(5n), actual: 1n });
  });
});

describe("expectations and arguments", () => {
  it("stream exists and any are judged inside the transaction, with bigint revisions and positions", async () => {
    const s = stream();
    expect(await leftOf(store.append(s, groups("e", 1), streamExists))).toEqual({ _tag: "WrongExpectedRevision", streamId: s, expected: streamExists, actual: null });
    const made = await orFail(store.append(s, groups("e", 2), anyRevision));
    const more = await orFail(store.append(s, groups("f", 1), streamExists));
    expect(typeof made.nextExpectedRevision).toBe("bigint");
    expect(more.recorded[0]?.streamRevision).toBe(2n);
    expect(typeof more.recorded[0]?.position).toBe("bigint");
    expect(await orFail(store.append(s, [], exactRevision(2n)))).toEqual({ nextExpectedRevision: 2n, recorded: [] });
    expect(await orFail(store.append(stream(), [], noStream))).toEqual({ nextExpectedRevision: -1n, recorded: [] });
  });

  it("reads past the largest bigint as empty, without asking the server", async () => {
    expect(await orFail(store.readStream(stream(), { fromRevision: 2n ** 64n }))).toEqual({ events: [], next: null });
    expect(await orFail(store.readAll({ after: 2n ** 63n }))).toEqual({ events: [], next: null });
  });

  it("refuses, when append is called, event ids PostgreSQL would not give back as they were sealed", () => {
    const upper = { ...groupFormed("u"), eventId: randomUUID().toUpperCase() } as NewEvent;
    expect(() => store.append(stream(), [groupFormed("ok"), upper], noStream)).toThrow(/events\[1\]\.eventId must be a lowercase UUID/);
    expect(() => store.append(stream(), [{ ...groupFormed("n"), eventId: "not-a-uuid" }], noStream)).toThrow(RangeError);
    expect(() => store.readAll({ maxCount: 0 })).toThrow(RangeError);
    expect(() => store.readStream("")).toThrow(RangeError);
  });
});

describe("isolation", () => {
  it("appends run at READ COMMITTED on a database whose default is SERIALIZABLE: concurrent writers take the counter in turn, none is refused", async () => {
    const database = `serializable_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    await withClient(async (c) => {
      await c.query(`CREATE DATABASE ${database}`);
      await c.query(`ALTER DATABASE ${database} SET default_transaction_isolation TO 'serializable'`);
    });
    const url = new URL(testServerUrl());
    url.pathname = `/${database}`;
    const strict = await openTestStore({ poolSize: 10 }, url.toString());
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => strict.append(`tenfold-campaign-w${i}`, groups(`w${i}`, 5), noStream)()));
    expect(results.filter((r) => r._tag === "Left")).toEqual([]);
    const all = await orFail(strict.readAll({ maxCount: 1000 }));
    expect(all.events.map((e) => e.position)).toEqual(Array.from({ length: 100 }, (_, i) => BigInt(i)));
    await strict.close();
  });
});
