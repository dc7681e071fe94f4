import { EventStoreDBClient } from "@eventstore/db-client";
import { type RunningEmulator, startEmulator } from "@tenfold/esdb-emulator";
import { type EventStore, campaignStatistics, statisticsOf } from "@tenfold/core";
import { assertLiveEqualsReplay, describeEventStoreContract } from "@tenfold/testing";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, it } from "vitest";
import { connectEventStoreDb, type EventStoreDbConnection } from "./connect.js";
import { createEventStoreDbStore } from "./EventStoreDbStore.js";

/*
 * The store contract of @tenfold/testing, run through the adapter: against the emulator without
 * ServerFeatures (classic Append) and with BatchAppend advertised, and against a real server when
 * TENFOLD_ESDB_URL is set. Each test gets its own namespace, so stores share one server.
 */

let namespaces = 0;
const namespace = (): string => `contract-${process.pid}-${Date.now().toString(36)}-${++namespaces}`;

// The long stream is 100,000 events with BatchAppend, and 25,000 with classic Append: the client
// sends classic appends one gRPC message per event, which alone takes about a minute for 100,000
// on a loaded two-core machine, near the suite's 120 s limit. Reads are the same in both modes.
describe.each([
  ["classic Append (no ServerFeatures)", false, 25_000],
  ["BatchAppend advertised", true, 100_000],
])("EventStoreDB adapter on the emulator, %s", (_label, batchAppend, longStream) => {
  let emulator: RunningEmulator;
  let client: EventStoreDBClient;
  beforeAll(async () => {
    emulator = await startEmulator({ batchAppend });
    client = new EventStoreDBClient({ endpoint: `127.0.0.1:${emulator.port}`, keepAliveInterval: -1, keepAliveTimeout: -1 }, { insecure: true });
  });
  afterAll(async () => {
    await client.dispose();
    await emulator.stop();
  });
  const makeStore = (): EventStore => createEventStoreDbStore(client, { namespace: namespace() });
  describeEventStoreContract(`EventStoreDB emulator (batchAppend ${batchAppend})`, makeStore, { longStream });
  it("runs the statistics projection live, through a subscription, as by replay", () =>
    assertLiveEqualsReplay(campaignStatistics, makeStore, { view: statisticsOf, parameters: { numRuns: 10 } }));
});

const url = process.env["TENFOLD_ESDB_URL"];

// Against a real server only when one is named: without TENFOLD_ESDB_URL there is nothing to run.
if (url !== undefined && url !== "") describe("EventStoreDB adapter on the server at TENFOLD_ESDB_URL", () => {
  const open = new Map<EventStore, EventStoreDbConnection>();
  describeEventStoreContract(
    "EventStoreDB server",
    () => {
      const connected = connectEventStoreDb(url, { namespace: namespace() });
      if (E.isLeft(connected)) throw new Error(connected.left.reason);
      open.set(connected.right.store, connected.right);
      return connected.right.store;
    },
    {
      release: async (store) => {
        await open.get(store)?.close();
        open.delete(store);
      },
    },
  );
});
