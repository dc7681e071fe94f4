import { EventStoreDBClient } from "@eventstore/db-client";
import type { EventStore } from "@tenfold/core";
import { type RunningEmulator, startEmulator } from "@tenfold/esdb-emulator";
import { createEventStoreDbStore } from "../EventStoreDbStore.js";
import type { EventStoreDbStoreOptions } from "../options.js";

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

export const emulated = async (batchAppend: boolean): Promise<Emulated> => {
  let emulator = await startEmulator({ batchAppend });
  const client = new EventStoreDBClient({ endpoint: `127.0.0.1:${emulator.port}`, keepAliveInterval: -1, keepAliveTimeout: -1 }, { insecure: true });
  return {
    get emulator() {
      return emulator;
    },
    client,
    store: (options) => createEventStoreDbStore(client, { ...FAST, ...options }),
    restart: async () => {
      await emulator.stop();
      emulator = await startEmulator({ batchAppend, port: emulator.port, data: emulator.data });
    },
    dispose: async () => {
      await client.dispose();
      await emulator.stop();
    },
  };
};
