import * as E from "fp-ts/lib/Either.js";
import type { EventStore } from "@tenfold/core";
import { describeEventStoreContract } from "@tenfold/testing";
import { describe } from "vitest";
import { connectEventStoreDb, type EventStoreDbConnection } from "./connect.js";
import { describeAdapterOnEmulator, freshNamespace as namespace } from "./testing-support/contractSuite.js";

/*
 * The store contract through @eventstore/db-client (contract.kurrentdb.test.ts runs it through
 * @kurrent/kurrentdb-client: one client package per process), against the emulator without
 * ServerFeatures (classic Append) and with BatchAppend advertised, and against a real server when
 * TENFOLD_ESDB_URL is set (through whichever package connectEventStoreDb finds first).
 */

// The long stream is 100,000 events with BatchAppend, and 25,000 with classic Append: the client
// sends classic appends one gRPC message per event, which alone takes about a minute for 100,000
// on a loaded two-core machine, near the suite's 120 s limit. Reads are the same in both modes.
describeAdapterOnEmulator("@eventstore/db-client", [
  ["classic Append (no ServerFeatures)", false, 25_000],
  ["BatchAppend advertised", true, 100_000],
]);

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
