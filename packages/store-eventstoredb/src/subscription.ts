import type { RecordedEvent, StoreError, Subscription, SubscriptionMessage } from "@tenfold/core";
import { storeUnavailable, subscriptionOf } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";
import { DEFAULT_MAX_COUNT } from "./arguments.js";
import { type ClientSubscription, type EventStoreClient, START } from "./client.js";
import { sleep } from "@tenfold/core/adapter";
import { toStoreError } from "./errors.js";
import type { Settings } from "./options.js";
import { readAllPage } from "./reading.js";
import { fromResolved } from "./storedFormat.js";

const event = (e: RecordedEvent): SubscriptionMessage => ({ _tag: "Event", event: e });
const failed = (error: StoreError): SubscriptionMessage => ({ _tag: "SubscriptionFailed", error });

const stop = async (live: ClientSubscription): Promise<void> => {
  try {
    await live.unsubscribe();
  } catch {
    // The call never started (no connection): nothing to cancel.
  }
  live.destroy();
};

/**
 * @internal A catch-up-then-live subscription to this store's events after `after`. It catches up
 * by reading pages of $all, says CaughtUp once, then follows a server subscription filtered on the
 * store's stream prefix. It remembers the position of the last event it delivered; when the
 * connection drops (a server restart, a network fault) it resubscribes from there with backoff and
 * skips anything at or before it, so the consumer sees every event once, in order. It stops with
 * SubscriptionFailed on a stored event that does not decode, on a permanent error, or after
 * `reconnect.maxAttempts` consecutive failed attempts.
 */
export const subscribe = (client: EventStoreClient, settings: Settings, after: bigint | undefined, onEnd: () => void): Subscription => {
  const { reconnect, allPrefix } = settings;
  const aborted = new AbortController();
  const isClosed = (): boolean => aborted.signal.aborted;
  let checkpoint = after;
  let failures = 0;
  let live: ClientSubscription | undefined;

  /** After a failure: whether to try again (after a backoff), or the message to stop with. */
  const retry = async (error: StoreError): Promise<SubscriptionMessage | undefined> => {
    failures++;
    if (error._tag !== "StoreUnavailable" || failures >= reconnect.maxAttempts) return failed(error);
    await sleep(Math.min(reconnect.maxDelayMs, reconnect.initialDelayMs * 2 ** Math.min(failures - 1, 30)), aborted.signal);
    return undefined;
  };

  async function* catchUp(): AsyncGenerator<SubscriptionMessage, boolean> {
    for (;;) {
      const page = await readAllPage(client, settings, checkpoint, DEFAULT_MAX_COUNT);
      if (isClosed()) return false;
      if (E.isLeft(page)) {
        const stopWith = await retry(page.left);
        if (stopWith !== undefined) yield stopWith;
        if (stopWith !== undefined || isClosed()) return false;
        continue;
      }
      failures = 0;
      for (const e of page.right.events) {
        checkpoint = e.position;
        yield event(e);
      }
      if (page.right.next === null) return true;
    }
  }

  async function* follow(): AsyncGenerator<SubscriptionMessage, boolean> {
    const from = checkpoint === undefined ? START : { commit: checkpoint, prepare: checkpoint };
    const subscription = client.subscribeToAll({ fromPosition: from, filter: { filterOn: "streamName", prefixes: [allPrefix], checkpointInterval: 1 } });
    live = subscription;
    subscription.on("error", () => undefined); // errors reach the iteration below; an unheard one would crash
    subscription.on("confirmation", () => (failures = 0));
    let error: StoreError = storeUnavailable("the server ended the subscription");
    try {
      for await (const resolved of subscription) {
        failures = 0;
        const recorded = resolved.event;
        if (recorded?.position === undefined || !recorded.streamId.startsWith(allPrefix)) continue;
        if (checkpoint !== undefined && recorded.position.commit <= checkpoint) continue; // seen before a reconnect
        const decoded = fromResolved(resolved, settings.fromStored(recorded.streamId));
        if (E.isLeft(decoded)) {
          yield failed(decoded.left);
          return false;
        }
        checkpoint = decoded.right.position;
        yield event(decoded.right);
      }
    } catch (e) {
      error = toStoreError(e, { redact: settings.redact });
    } finally {
      await stop(subscription);
    }
    if (isClosed()) return false;
    const stopWith = await retry(error);
    if (stopWith !== undefined) yield stopWith;
    return stopWith === undefined && !isClosed();
  }

  async function* run(): AsyncGenerator<SubscriptionMessage, void> {
    try {
      if (!(yield* catchUp())) return;
      yield { _tag: "CaughtUp", position: checkpoint ?? null };
      while (!isClosed() && (yield* follow()));
    } catch (error) {
      // Nothing above should throw; if the client does, the subscription stops with a value.
      yield failed(toStoreError(error, { redact: settings.redact }));
    } finally {
      onEnd();
    }
  }

  return subscriptionOf(run(), async () => {
    aborted.abort();
    onEnd();
    if (live !== undefined) await stop(live);
  });
};
