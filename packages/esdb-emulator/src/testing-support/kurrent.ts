import { KurrentDBClient, type ResolvedEvent } from "@kurrent/kurrentdb-client";
import { afterEach } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../index.js";
import { watch as watchAny, type WatchableSubscription, type Watched } from "./waiting.js";

/*
 * The harness for test files that drive @kurrent/kurrentdb-client 1.3.1. Such a file imports only
 * that package (never @eventstore/db-client): the two packages' generated protocol code shares one
 * global namespace, so the emulator serves KurrentDB's protocol in that process.
 */

/** Emulators serving KurrentDB's protocol and real KurrentDB clients, stopped and disposed after each test. */
export interface KurrentHarness {
  start(options?: Omit<EmulatorOptions, "clientPackage">): Promise<RunningEmulator>;
  client(emulator: RunningEmulator): KurrentDBClient;
}

/** Registers an afterEach that disposes every client and stops every emulator the test made. */
export const useKurrentHarness = (): KurrentHarness => {
  const emulators: RunningEmulator[] = [];
  const clients: KurrentDBClient[] = [];
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((client) => client.dispose()));
    await Promise.allSettled(emulators.splice(0).map((emulator) => emulator.stop()));
  });
  return {
    start: async (options) => {
      const emulator = await startEmulator({ ...options, clientPackage: "@kurrent/kurrentdb-client" });
      emulators.push(emulator);
      return emulator;
    },
    client: (emulator) => {
      const client = KurrentDBClient.connectionString(`kurrentdb://127.0.0.1:${emulator.port}?tls=false`);
      clients.push(client);
      return client;
    },
  };
};

/** The types of a list of resolved events, in order. */
export const typesOf = (events: readonly ResolvedEvent[]): string[] => events.map((resolved) => resolved.event?.type ?? "?");

/** Records a subscription's events, confirmation, caught-up signal and errors. */
export const watch = (subscription: WatchableSubscription<ResolvedEvent>): Watched<ResolvedEvent> => watchAny(subscription);
