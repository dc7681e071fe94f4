import type { EventStore } from "@tenfold/core";
import { describe } from "vitest";
import type { StoreFactory } from "../laws/liveLaw.js";
import { basicContract } from "./basics.js";
import { concurrencyContract } from "./concurrency.js";
import { contractContext } from "./fixtures.js";
import { guaranteesContract } from "./guarantees.js";
import { longStreamContract } from "./longStream.js";
import { subscriptionContract } from "./subscriptions.js";

/** Options of {@link describeEventStoreContract}. */
export interface EventStoreContractOptions {
  /** Concurrent writers in the concurrency and subscription tests. @defaultValue 50 */
  readonly writers?: number;
  /** Appends each concurrent writer makes. @defaultValue 3 */
  readonly appendsPerWriter?: number;
  /** Events in the long stream read page by page. @defaultValue 100_000 */
  readonly longStream?: number;
  /** Page size when reading the long stream. @defaultValue 1000 */
  readonly pageSize?: number;
  /** Called with each test's store when the test ends (to close connections). @defaultValue nothing */
  readonly release?: (store: EventStore) => void | Promise<void>;
}

/**
 * The contract every EventStore adapter must pass, as one vitest suite written against the port
 * only: append/read round trip; idempotent re-append, empty batches, RangeError at the call and the
 * CaughtUp position; every expected-revision kind accepted and refused as it should be;
 * concurrent appenders with retry on one stream and on many; global order consistent with stream
 * order; readAll from any position; catch-up then live subscriptions while writers run; a
 * 100,000-event stream read page by page. `makeStore` is called for each test and should give an
 * empty store; stream and event ids are unique to each run. No test asserts on timing.
 * @example
 * describeEventStoreContract("memory", createMemoryEventStore);
 */
export const describeEventStoreContract = (name: string, makeStore: StoreFactory, options: EventStoreContractOptions = {}): void => {
  const { writers = 50, appendsPerWriter = 3, longStream = 100_000, pageSize = 1000, release = () => undefined } = options;
  describe(`EventStore contract: ${name}`, () => {
    const ctx = contractContext(makeStore, release);
    basicContract(ctx);
    guaranteesContract(ctx);
    concurrencyContract(ctx, { writers, appendsPerWriter });
    subscriptionContract(ctx, { writers });
    longStreamContract(ctx, { length: longStream, pageSize });
  });
};
