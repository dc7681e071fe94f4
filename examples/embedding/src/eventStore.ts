import type { EventStore } from "@tenfold/core";
import type * as EventStoreDb from "@tenfold/store-eventstoredb";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";

/** An event store and how to let go of it. */
export interface OpenedStore {
  readonly store: EventStore;
  readonly close: () => Promise<void>;
  /** What it is, safe to log (no credentials). */
  readonly description: string;
}

/**
 * The in-memory store, or EventStoreDB when a connection string is given (the driver is loaded
 * only then). The connection itself is lazy: an unreachable server shows as 503s, not here.
 */
export const openEventStore = async (esdbUrl: string | undefined): Promise<E.Either<string, OpenedStore>> => {
  if (esdbUrl === undefined || esdbUrl.trim() === "") {
    return E.right({ store: createMemoryEventStore(), close: () => Promise.resolve(), description: "in memory" });
  }
  let esdb: typeof EventStoreDb;
  try {
    esdb = await import("@tenfold/store-eventstoredb");
  } catch (error) {
    return E.left(`EventStoreDB support needs @tenfold/store-eventstoredb (${error instanceof Error ? error.message : "not loadable"})`);
  }
  const connected = esdb.connectEventStoreDb(esdbUrl);
  if (E.isLeft(connected)) return E.left(`TENFOLD_ESDB_URL: ${esdb.describeConnectionError(connected.left)}`);
  const { store, close, description } = connected.right;
  return E.right({ store, close, description: `EventStoreDB at ${description}` });
};
