import { EventStoreDBClient, type ResolvedEvent } from "@eventstore/db-client";
import { afterEach } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../index.js";

import { watch as watchAny, type WatchableSubscription, type Watched } from "./waiting.js";

export { WAIT_LIMIT_MS, collect, eventually, rejectionOf, type Watched } from "./waiting.js";

/** Emulators and real clients that are stopped and disposed after each test. */
export interface Harness {
  start(options?: EmulatorOptions): Promise<RunningEmulator>;
  client(emulator: RunningEmulator): EventStoreDBClient;
}

/** Registers an afterEach that disposes every client and stops every emulator the test made. */
export const useHarness = (): Harness => {
  const emulators: RunningEmulator[] = [];
  const clients: EventStoreDBClient[] = [];
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((client) => client.dispose()));
    await Promise.allSettled(emulators.splice(0).map((emulator) => emulator.stop()));
  });
  return {
    start: async (options) => {
      const emulator = await startEmulator(options);
      emulators.push(emulator);
      return emulator;
    },
    client: (emulator) => {
      const client = EventStoreDBClient.connectionString(emulator.connectionString);
      clients.push(client);
      return client;
    },
  };
};

/** The types of a list of resolved events, in order. */
export const typesOf = (events: readonly ResolvedEvent[]): string[] => events.map((resolved) => resolved.event?.type ?? "?");

/** Records a subscription's events, confirmation, caught-up signal and errors. */
export const watch = (subscription: WatchableSubscription<ResolvedEvent>): Watched<ResolvedEvent> => watchAny(subscription);

/** Whether a stream is a `$`-system stream (the system events a node writes live there). */
export const isSystemStream = (streamName: string): boolean => streamName.startsWith("$");

/** The resolved events of user streams only (system events left out). */
export const userEvents = (events: readonly ResolvedEvent[]): ResolvedEvent[] =>
  events.filter((resolved) => !isSystemStream(resolved.event?.streamId ?? resolved.link?.streamId ?? ""));

/** The types of the user events among `events`, in order. */
export const userTypesOf = (events: readonly ResolvedEvent[]): string[] => typesOf(userEvents(events));
