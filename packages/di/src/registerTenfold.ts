import {
  type Clock,
  type EventStore,
  type IdGenerator,
  type RetryPolicy,
  createCommandHandler,
  createStatisticsReader,
  createSubscriptionRunner,
  randomIds,
  serializeByCampaign,
  systemClock,
} from "@tenfold/core";
import { checkpointSigner, type SignerKey } from "@tenfold/core/audit";
import { nodeEd25519 } from "@tenfold/core/node";
import type { SubjectKeyStore } from "@tenfold/core/personal";
import type { DependencyContainer } from "tsyringe";
import { CHECKPOINT_SIGNER, CLOCK, COMMAND_HANDLER, EVENT_STORE, ID_GENERATOR, STATISTICS_READER, SUBJECT_KEY_STORE, SUBSCRIPTION_RUNNER } from "./tokens.js";

// model

/** What {@link registerTenfold} wires. */
export interface TenfoldOptions {
  /** The event store of this container (one per tenant or campaign group, if you like). */
  readonly store: EventStore;
  /** @defaultValue systemClock */
  readonly clock?: Clock;
  /** @defaultValue randomIds (UUID v4) */
  readonly ids?: IdGenerator;
  /** Attempts per command when writers in other processes keep changing the stream. @defaultValue 10 */
  readonly maxAttempts?: number;
  /** How live projections resubscribe when the store is unavailable. */
  readonly retry?: RetryPolicy;
  /** The log's signer key (an ed25519 key, not a witness's): registers {@link CHECKPOINT_SIGNER}, signing with node:crypto. */
  readonly logKey?: SignerKey;
  /**
   * The key store of personal data the store was opened with (the stores take it as their `keys`
   * option and keep personal values only encrypted under it): registers {@link SUBJECT_KEY_STORE}
   * as this value. Registering it does not give it to the store: open the store with it.
   */
  readonly keys?: SubjectKeyStore;
}

// utils

/** Builds the value on first use, then returns it every time. */
const once = <A>(make: () => A): (() => A) => {
  let made: { readonly value: A } | null = null;
  return () => (made ??= { value: make() }).value;
};

// constructors

/**
 * Registers Tenfold in `container` against the tokens of `./tokens.ts`: the store, clock and id
 * generator as values; the command handler, statistics reader and subscription runner as
 * factories. Each of these is built on first resolution, once per registration, from this
 * container's store, clock and ids (so a clock registered here before that wins), and is then
 * shared by every container below this one, such as per-request scopes.
 *
 * For several tenants with separate stores, call it once per tenant on a child container:
 * `registerTenfold(root.createChildContainer(), { store })`. Registering only `EVENT_STORE` in a
 * child would leave the parent's handler bound to the parent's store.
 * With `logKey`, the checkpoint signer is registered too (a witness's cosigner key is a RangeError);
 * with `keys`, the key store of personal data, as a value (absent without it).
 * Returns `container`, for chaining.
 */
export const registerTenfold = (container: DependencyContainer, options: TenfoldOptions): DependencyContainer => {
  const { store, clock = systemClock, ids = randomIds, maxAttempts, retry, logKey, keys } = options;
  const signer = logKey === undefined ? undefined : checkpointSigner(nodeEd25519, logKey);
  container.register(EVENT_STORE, { useValue: store });
  container.register(CLOCK, { useValue: clock });
  container.register(ID_GENERATOR, { useValue: ids });
  container.register(COMMAND_HANDLER, {
    useFactory: once(() =>
      serializeByCampaign(
        createCommandHandler({
          store: container.resolve(EVENT_STORE),
          clock: container.resolve(CLOCK),
          ids: container.resolve(ID_GENERATOR),
          maxAttempts,
        }),
      ),
    ),
  });
  container.register(STATISTICS_READER, { useFactory: once(() => createStatisticsReader(container.resolve(EVENT_STORE))) });
  container.register(SUBSCRIPTION_RUNNER, { useFactory: once(() => createSubscriptionRunner(container.resolve(EVENT_STORE), retry)) });
  if (signer !== undefined) container.register(CHECKPOINT_SIGNER, { useValue: signer });
  if (keys !== undefined) container.register(SUBJECT_KEY_STORE, { useValue: keys });
  return container;
};
