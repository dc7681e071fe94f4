import type { RecordedEvent, Subscription, SubscriptionMessage } from "@tenfold/core";
import type { EventLog } from "./EventLog.js";

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

const message = (value: SubscriptionMessage): IteratorYieldResult<SubscriptionMessage> => ({ done: false, value: Object.freeze(value) });

const eventMessage = (event: RecordedEvent): IteratorYieldResult<SubscriptionMessage> => message({ _tag: "Event", event });

/**
 * @internal A catch-up-then-live subscription. It keeps only a cursor into the log, so a slow
 * consumer costs nothing and cannot miss or repeat an event: it reads the log, in order, from the
 * cursor. When the cursor first reaches the head it says CaughtUp; then it waits for appends.
 * `close` (or `return`, which `break` calls) wakes any waiting `next` and ends the iteration.
 */
export const subscribe = (log: EventLog, after: bigint | undefined): Subscription => {
  let cursor = after === undefined ? 0 : Number(after) + 1;
  let caughtUp = false;
  let closed = false;
  const pending = new Set<() => void>();

  const caughtUpAt = (): bigint | null => {
    const head = log.events.length === 0 ? null : BigInt(log.events.length - 1);
    return after === undefined || (head !== null && head > after) ? head : after;
  };

  const waitForAppend = (): Promise<void> =>
    new Promise((resolve) => {
      const wake = (): void => {
        pending.delete(wake);
        resolve();
      };
      pending.add(wake);
      log.waiters.add(wake);
    });

  const next = async (): Promise<IteratorResult<SubscriptionMessage, undefined>> => {
    for (;;) {
      if (closed) return DONE;
      const event = log.events[cursor];
      if (event !== undefined) {
        cursor++;
        return eventMessage(event);
      }
      if (!caughtUp) {
        caughtUp = true;
        return message({ _tag: "CaughtUp", position: caughtUpAt() });
      }
      await waitForAppend();
    }
  };

  const close = (): Promise<void> => {
    closed = true;
    for (const wake of pending) {
      log.waiters.delete(wake);
      wake();
    }
    return Promise.resolve();
  };

  const iterator: AsyncIterator<SubscriptionMessage, undefined> = {
    next,
    return: async () => {
      await close();
      return DONE;
    },
  };

  return { close, [Symbol.asyncIterator]: () => iterator };
};
