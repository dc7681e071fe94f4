import { type RunningEmulator, startEmulator } from "@tenfold/esdb-emulator";
import { type EventStore, campaignStatistics, statisticsOf } from "@tenfold/core";
import { assertLiveEqualsReplay, describeEventStoreContract } from "@tenfold/testing";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { EventStoreClient } from "../client.js";
import type { EventStoreDbClientPackage } from "../clientPackage.js";
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
