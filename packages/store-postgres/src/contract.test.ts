import { type EventStore, campaignStatistics, statisticsOf } from "@tenfold/core";
import { assertLiveEqualsReplay, describeEventStoreContract } from "@tenfold/testing";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, it } from "vitest";
import { type PostgresEventStore, createPgliteEventStore, describeOpenError } from "./PostgresEventStore.js";
import { freshSchema, openTestStore } from "./testing-support/testDatabase.js";

/*
 * The store contract of @tenfold/testing, run through the adapter against the test run's real
 * PostgreSQL server (each test in a schema of its own) and against PGlite in this process.
 */

const opened = new Set<PostgresEventStore>();
const release = async (store: EventStore): Promise<void> => {
  const found = [...opened].find((s) => s === store);
  if (found !== undefined) {
    opened.delete(found);
    await found.close();
  }
};

afterAll(async () => {
  await Promise.all([...opened].map((store) => store.close()));
});

describe("PostgreSQL store on a real server", () => {
  // Small pools: the live law opens a store for each of its runs and closes them all at the end.
  const makeStore = async (): Promise<EventStore> => {
    const store = await openTestStore({ poolSize: 4 });
    opened.add(store);
    return store;
  };
  describeEventStoreContract("PostgreSQL server", makeStore, { release });
  it("runs the statistics projection live, through a subscription, as by replay", () =>
    assertLiveEqualsReplay(campaignStatistics, makeStore, { view: statisticsOf, parameters: { numRuns: 10 } }), 120_000);
});

describe("PostgreSQL store embedded on PGlite", () => {
  const makeStore = async (): Promise<EventStore> => {
    const created = await createPgliteEventStore({}, { schema: freshSchema() })();
    if (E.isLeft(created)) throw new Error(describeOpenError(created.left));
    opened.add(created.right);
    return created.right;
  };
  describeEventStoreContract("PGlite", makeStore, { release, longStream: 20_000 });
});
