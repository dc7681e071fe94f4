import { type RunningEmulator, startEmulator } from "@tenfold/esdb-emulator";
import { type EventStore, campaignStatistics, statisticsOf } from "@tenfold/core";
import { assertLiveEqualsReplay, describeEventStoreContract } from "@tenfold/testing";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { EventStoreClient } from "../client.js";
import type { EventStoreDbClientPackage } from "../clientPackage.js";
import { connectEventStoreDb, type EventStoreDbConnection } from "../connect.js";
import { createEventStoreDbStore } from "../EventStoreDbStore.js";
import { clientOn } from "./clients.js";

/*
 * The store contract of @tenfold/testing, run through the adapter and one client package against
 * the emulator, in each append mode given: without ServerFeatures (classic Append) or with
 * BatchAppend advertised. Each test gets its own namespace, so stores share one server.
 */

let namespaces = 0;
/** A namespace no other test uses. */
export const freshNamespace = (): string => `contract-${process.pid}-${Date.now().toString(36)}-${++namespaces}`;

/** One append mode: its label, whether BatchAppend is advertised, and the long stream's length. */
export type AppendMode = readonly [label: string, batchAppend: boolean, longStream: number];

/** Runs the store contract and the live-equals-replay law through `clientPackage` on the emulator, in every mode. */
export const describeAdapterOnEmulator = (clientPackage: EventStoreDbClientPackage, modes: ReadonlyArray<AppendMode>): void => {
  describe.each(modes)(`EventStoreDB adapter through ${clientPackage} on the emulator, %s`, (_label, batchAppend, longStream) => {
    let emulator: RunningEmulator;
    let client: EventStoreClient;
    beforeAll(async () => {
      emulator = await startEmulator({ batchAppend, clientPackage });
      client = clientOn(clientPackage, emulator.port);
    });
    afterAll(async () => {
      await client.dispose();
      await emulator.stop();
    });
    const makeStore = (): EventStore => createEventStoreDbStore(client, { namespace: freshNamespace() });
    describeEventStoreContract(`${clientPackage} on the emulator (batchAppend ${batchAppend})`, makeStore, { longStream });
    it("runs the statistics projection live, through a subscription, as by replay", () =>
      assertLiveEqualsReplay(campaignStatistics, makeStore, { view: statisticsOf, parameters: { numRuns: 10 } }));
  });
};

/**
 * Runs the store contract through `clientPackage` against the real server TENFOLD_ESDB_URL names;
 * without it there is nothing to run, and nothing is registered.
 */
export const describeAdapterOnServer = (clientPackage: EventStoreDbClientPackage): void => {
  const url = process.env["TENFOLD_ESDB_URL"];
  if (url === undefined || url === "") return;
  describe(`EventStoreDB adapter through ${clientPackage} on the server at TENFOLD_ESDB_URL`, () => {
    const open = new Map<EventStore, EventStoreDbConnection>();
    describeEventStoreContract(
      `${clientPackage} on a server`,
      () => {
        const connected = connectEventStoreDb(url, { namespace: freshNamespace(), clientPackage });
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
};
