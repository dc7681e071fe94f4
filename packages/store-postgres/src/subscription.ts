import { type RecordedEvent, type StoreError, type Subscription, type SubscriptionMessage } from "@tenfold/core";
import { subscriptionOf } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";
import type { ReconnectPolicy } from "./options.js";
import { type ReadContext, readAllPage } from "./reading.js";
import { sleep } from "@tenfold/core/adapter";
import { backoff } from "./backoff.js";
import type { Wakeups } from "./wakeups.js";

/** Events a subscription reads in one page. */
const PAGE_SIZE = 1000;

/** @internal How a subscription runs. */
export interface SubscriptionSettings {
  readonly pollIntervalMs: number;
  readonly reconnect: Required<ReconnectPolicy>;
}

/**
 * @internal A catch-up-then-live subscription to all events after `after`: one loop reads pages
 * after the last delivered position until a page comes back short, says CaughtUp once, then waits
 * for a wake-up (a notification, an append of this store, or the poll interval) and reads again.
 * Catching up and following are the same read, so nothing is skipped or repeated whatever happens
 * between two reads. A StoreUnavailable read is tried again with backoff (a server restart, a lost
 * connection) from the same position; it stops with SubscriptionFailed on a stored event that
 * does not decode, on any other error, or after `reconnect.maxAttempts` consecutive failures.
 */
export const subscribe = (
  context: ReadContext,
  wakeups: Wakeups,
  settings: SubscriptionSettings,
  after: bigint | undefined,
  onEnd: () => void,
): Subscription => {
  const { pollIntervalMs, reconnect } = settings;
  const aborted = new AbortController();
  const isClosed = (): boolean => aborted.signal.aborted;
  let checkpoint = after;

  const failed = (error: StoreError): SubscriptionMessage => ({ _tag: "SubscriptionFailed", error });
  const event = (e: RecordedEvent): SubscriptionMessage => ({ _tag: "Event", event: e });

  async function* run(): AsyncGenerator<SubscriptionMessage, void> {
    let caughtUp = false;
    let failures = 0;
    try {
      while (!isClosed()) {
        const seen = wakeups.generation();
        const page = await readAllPage(context, checkpoint, PAGE_SIZE);
        if (isClosed()) return;
        if (E.isLeft(page)) {
          failures++;
          if (page.left._tag !== "StoreUnavailable" || failures >= reconnect.maxAttempts) {
            yield failed(page.left);
            return;
          }
          await sleep(backoff(failures, reconnect.initialDelayMs, reconnect.maxDelayMs), aborted.signal);
          continue;
        }
        failures = 0;
        for (const e of page.right.events) {
          checkpoint = e.position;
          yield event(e);
          if (isClosed()) return;
        }
        if (page.right.next !== null) continue;
        if (!caughtUp) {
          caughtUp = true;
          yield { _tag: "CaughtUp", position: checkpoint ?? null };
        }
        await wakeups.wait(seen, pollIntervalMs, aborted.signal);
      }
    } finally {
      onEnd();
    }
  }

  return subscriptionOf(run(), () => {
    aborted.abort();
    onEnd();
    return Promise.resolve();
  });
};
