import type { EventStoreDBClient } from "@eventstore/db-client";
import type { EventStore } from "@tenfold/core";
import { type RunningEmulator, startEmulator } from "@tenfold/esdb-emulator";
import type { EventStoreDbClientPackage } from "../clientPackage.js";
import { createEventStoreDbStore } from "../EventStoreDbStore.js";
import type { EventStoreDbStoreOptions } from "../options.js";
import { clientOn } from "./clients.js";

/** An emulator, a client on it, and stores through that client; `dispose` ends them all. */
export interface Emulated {
  readonly emulator: RunningEmulator;
  readonly client: EventStoreDBClient;
  readonly store: (options?: EventStoreDbStoreOptions) => EventStore;
  /** Stops the emulator (abruptly), then starts a new one on the same port over the same data. */
  readonly restart: () => Promise<void>;
  readonly dispose: () => Promise<void>;
}

/** Short deadlines and backoffs, so fault tests finish quickly. */
export const FAST: EventStoreDbStoreOptions = { deadlineMs: 1500, reconnect: { initialDelayMs: 20, maxDelayMs: 200, maxAttempts: 100 } };

/** An emulator and a client of `clientPackage` on it (EventStoreDB's by default: one package per test file). */
export const emulated = async (batchAppend: boolean, clientPackage: EventStoreDbClientPackage = "@eventstore/db-client"): Promise<Emulated> => {
  let emulator = await startEmulator({ batchAppend, clientPackage });
  const client = clientOn(clientPackage, emulator.port);
  return {
    get emulator() {
      return emulator;
    },
    client,
    store: (options) => createEventStoreDbStore(client, { ...FAST, ...options }),
    restart: async () => {
      await emulator.stop();
      emulator = await startEmulator({ batchAppend, clientPackage, port: emulator.port, data: emulator.data });
    },
    dispose: async () => {
      await client.dispose();
      await emulator.stop();
    },
  };
};
