import { noStream } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createPostgresEventStore, describeOpenError } from "./PostgresEventStore.js";
import { groups, orFail } from "./testing-support/events.js";
import { freshSchema, testServerUrl } from "./testing-support/testDatabase.js";

describe("a store over the caller's pool", () => {
  it("closes after a subscription listened on one of the pool's connections, and leaves the pool usable", async () => {
    const pool = new pg.Pool({ connectionString: testServerUrl(), max: 4 });
    try {
      const opened = await createPostgresEventStore({ pool }, { schema: freshSchema("pool") })();
      if (E.isLeft(opened)) throw new Error(describeOpenError(opened.left));
      const store = opened.right;
      await orFail(store.append("s", groups("g", 1), noStream));
      const subscription = store.subscribeToAll();
      const first = await subscription[Symbol.asyncIterator]().next();
      expect(first.done).toBe(false);
      await subscription.close();
      await expect(store.close()).resolves.toBeUndefined();
      expect((await pool.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  }, 60_000);
});
