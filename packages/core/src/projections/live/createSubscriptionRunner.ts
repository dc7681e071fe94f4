import * as O from "fp-ts/lib/Option.js";
import { sleep } from "../../internal/sleep.js";
import type { EventStore, Subscription } from "../../store/EventStore.js";
import type { RecordedEvent } from "../../store/RecordedEvent.js";
import { type StoreError, storeFailure, storeUnavailable } from "../../store/StoreError.js";
import type { Projection } from "../Projection.js";
import type { CatchUpOutcome, LiveProjection, RetryPolicy, RunnerStatus, RunOptions, SubscriptionRunner } from "./SubscriptionRunner.js";

interface Waiter {
  readonly position: bigint;
  readonly settle: (reached: boolean) => void;
}

const describeThrown = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Starts a live projection: see {@link LiveProjection}. */
const startLiveProjection = <S>(store: EventStore, projection: Projection<S, RecordedEvent>, options: RunOptions<S>): LiveProjection<S> => {
  const { initialDelayMs = 500, maxDelayMs = 30_000 } = options.retry ?? {};
  const states = new Map<string, S>(options.states ?? []);
  const waiters = new Set<Waiter>();
  const stopping = new AbortController();
  const stopped = (): boolean => stopping.signal.aborted;
  let checkpoint: bigint | null = options.after ?? null;
  let status: RunnerStatus = { _tag: "CatchingUp" };
  let current: Subscription | null = null;
  let settleCatchUp: (outcome: CatchUpOutcome) => void = () => undefined;
  const caughtUp = new Promise<CatchUpOutcome>((resolve) => {
    settleCatchUp = resolve;
  });

  const advance = (position: bigint): void => {
    if (checkpoint !== null && position <= checkpoint) return;
    checkpoint = position;
    for (const waiter of waiters) if (waiter.position <= position) waiter.settle(true);
  };

  const apply = (event: RecordedEvent): void => {
    if (checkpoint !== null && event.position <= checkpoint) return; // seen before a resubscription
    const campaignId: string = event.data.campaignId;
    states.set(campaignId, projection.evolve(states.get(campaignId) ?? projection.initialState(), event));
    advance(event.position);
  };

  /** Follows one subscription; says why it ended (null: stopped). */
  const follow = async (): Promise<StoreError | null> => {
    const subscription = store.subscribeToAll(checkpoint === null ? {} : { after: checkpoint });
    current = subscription;
    try {
      for await (const message of subscription) {
        if (stopped()) return null;
        switch (message._tag) {
          case "Event":
            apply(message.event);
            break;
          case "CaughtUp":
            if (message.position !== null) advance(message.position);
            status = { _tag: "Live" };
            settleCatchUp({ _tag: "CaughtUp", position: checkpoint });
            break;
          case "SubscriptionFailed":
            return message.error;
        }
      }
      return stopped() ? null : storeUnavailable("the subscription ended");
    } catch (error) {
      return storeFailure(`the live projection failed: ${describeThrown(error)}`);
    } finally {
      current = null;
      await subscription.close();
    }
  };

  const finish = (final: Extract<RunnerStatus, { _tag: "Failed" | "Stopped" }>): void => {
    status = final;
    settleCatchUp(final._tag === "Failed" ? { _tag: "Failed", error: final.error } : { _tag: "Stopped" });
    for (const waiter of waiters) waiter.settle(false);
  };

  const loop = async (): Promise<void> => {
    let attempt = 0;
    while (!stopped()) {
      const before = checkpoint;
      if (status._tag !== "Live") status = { _tag: "CatchingUp" };
      const error = await follow();
      if (error === null || stopped()) break;
      if (error._tag !== "StoreUnavailable") return finish({ _tag: "Failed", error });
      attempt = checkpoint === before ? attempt + 1 : 1; // progress resets the backoff
      status = { _tag: "Retrying", error, attempt };
      await sleep(Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1)), stopping.signal);
    }
    finish({ _tag: "Stopped" });
  };
  const running = loop();

  const waitUntil = (position: bigint, signal?: AbortSignal): Promise<boolean> => {
    if (checkpoint !== null && checkpoint >= position) return Promise.resolve(true);
    if (status._tag === "Failed" || status._tag === "Stopped" || signal?.aborted === true) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        settle: (reached) => {
          waiters.delete(waiter);
          signal?.removeEventListener("abort", abort);
          resolve(reached);
        },
      };
      const abort = (): void => waiter.settle(false);
      waiters.add(waiter);
      signal?.addEventListener("abort", abort, { once: true });
    });
  };

  return {
    caughtUp,
    status: () => status,
    state: (campaignId) => (states.has(campaignId) ? O.some(states.get(campaignId) as S) : O.none),
    campaignIds: () => [...states.keys()],
    checkpoint: () => checkpoint,
    waitUntil,
    stop: async () => {
      stopping.abort();
      await current?.close();
      await running;
    },
  };
};

/** A subscription runner over `store`, resubscribing with `retry` when the store is unavailable. */
export const createSubscriptionRunner = (store: EventStore, retry: RetryPolicy = {}): SubscriptionRunner => ({
  run: (projection, options = {}) => startLiveProjection(store, projection, { ...options, retry: { ...retry, ...options.retry } }),
});
