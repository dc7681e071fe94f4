import type { CheckpointSigner } from "@tenfold/core/audit";
import type { Clock, CommandHandler, EventStore, IdGenerator, StatisticsReader, SubscriptionRunner } from "@tenfold/core";
import type { SubjectKeyStore } from "@tenfold/core/personal";
import type { InjectionToken } from "tsyringe";

/*
 * The injection tokens of Tenfold's services. Each is a unique symbol (never a string), typed
 * with the service it stands for, so `container.resolve(COMMAND_HANDLER)` is a `CommandHandler`.
 * Inject them into host classes with `@inject(TOKEN)`.
 */

/** The event store (`EventStore` of `@tenfold/core`). */
export const EVENT_STORE: InjectionToken<EventStore> = Symbol("tenfold.EventStore");

/** The clock the command handler stamps `recordedAt` with. */
export const CLOCK: InjectionToken<Clock> = Symbol("tenfold.Clock");

/** The generator of event ids. */
export const ID_GENERATOR: InjectionToken<IdGenerator> = Symbol("tenfold.IdGenerator");

/** The command handler: decode elsewhere, then `handle(command)`; one command per campaign at a time. */
export const COMMAND_HANDLER: InjectionToken<CommandHandler> = Symbol("tenfold.CommandHandler");

/** Reads a campaign's statistics by replaying its stream, now or as of a business day. */
export const STATISTICS_READER: InjectionToken<StatisticsReader> = Symbol("tenfold.StatisticsReader");

/** Runs projections over `subscribeToAll`, catch-up then live, keeping their state per campaign. */
export const SUBSCRIPTION_RUNNER: InjectionToken<SubscriptionRunner> = Symbol("tenfold.SubscriptionRunner");

/** Signs the log's checkpoints with its key: registered only when `registerTenfold` is given `logKey`. */
export const CHECKPOINT_SIGNER: InjectionToken<CheckpointSigner> = Symbol("tenfold.CheckpointSigner");

/**
 * The key store of personal data (`SubjectKeyStore` of `@tenfold/core/personal`): one key per data
 * subject, apart from the events. Registered only when `registerTenfold` is given `keys`: the same
 * key store the event store was opened with, so that a host's own services (an erasure report, a
 * backup of the keys) see what the store sees.
 */
export const SUBJECT_KEY_STORE: InjectionToken<SubjectKeyStore> = Symbol("tenfold.SubjectKeyStore");
