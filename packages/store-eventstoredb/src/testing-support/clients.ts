import { createRequire } from "node:module";
import type { EventStoreDBClient } from "@eventstore/db-client";
import type * as KurrentDb from "@kurrent/kurrentdb-client";
import type { ClientEventData, EventStoreClient } from "../client.js";
import type { EventStoreDbClientPackage } from "../clientPackage.js";

/*
 * Test support: a client of either package, loaded by name, never imported statically. One process
 * (one test file) uses one client package: the two packages' generated protobuf code shares one
 * global namespace, and the second loaded breaks the first.
 */

const require = createRequire(import.meta.url);

/**
 * A client of `clientPackage` on an insecure node at 127.0.0.1:`port`, keep-alive off (tests stop
 * servers abruptly). Typed as EventStoreDB's client, whose calls the tests make; KurrentDB's takes
 * the same calls (the store passes both option names for an append's expectation).
 */
export const clientOn = (clientPackage: EventStoreDbClientPackage, port: number): EventStoreDBClient => {
  if (clientPackage === "@kurrent/kurrentdb-client") {
    const { KurrentDBClient } = require(clientPackage) as typeof KurrentDb;
    // Checked by the compiler: KurrentDB's client is an EventStoreClient, as the store's documentation says.
    const client = KurrentDBClient.connectionString(`kurrentdb://127.0.0.1:${port}?tls=false&keepAliveInterval=-1&keepAliveTimeout=-1`) satisfies EventStoreClient;
    return client as unknown as EventStoreDBClient;
  }
  const { EventStoreDBClient: Client } = require(clientPackage) as { EventStoreDBClient: typeof EventStoreDBClient };
  return new Client({ endpoint: `127.0.0.1:${port}`, keepAliveInterval: -1, keepAliveTimeout: -1 }, { insecure: true }) satisfies EventStoreClient; // and so is EventStoreDB's
};

/** A JSON event as both packages' `jsonEvent` makes it. */
export const rawJsonEvent = (event: { readonly id?: string; readonly type: string; readonly data: object; readonly metadata?: object }): ClientEventData => ({
  id: event.id ?? crypto.randomUUID(),
  contentType: "application/json" as const,
  type: event.type,
  data: event.data as Record<string, unknown>,
  metadata: (event.metadata ?? {}) as Record<string, unknown>,
});
