import type { Subscription, SubscriptionMessage } from "./EventStore.js";

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * For adapters: the port's Subscription over the messages a generator yields. Its iteration ends
 * as soon as `close` is called, even while the generator waits for its next message; `close`
 * calls `stop` once (the adapter ends its own work there: abort its reads, end a server
 * subscription) and resolves when `stop` has. Every message is frozen.
 * @example
 * const aborted = new AbortController();
 * return subscriptionOf(run(aborted.signal), () => Promise.resolve(aborted.abort()));
 */
export const subscriptionOf = (messages: AsyncIterator<SubscriptionMessage, void>, stop: () => Promise<void>): Subscription => {
  let closed = false;
  // A function, not the variable: `closed` changes while `next` awaits.
  const isClosed = (): boolean => closed;
  let whenClosed: (done: IteratorReturnResult<undefined>) => void = () => undefined;
  const closing = new Promise<IteratorReturnResult<undefined>>((resolve) => (whenClosed = resolve));

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    whenClosed(DONE);
    await stop();
  };

  const iterator: AsyncIterator<SubscriptionMessage, undefined> = {
    next: async () => {
      if (isClosed()) return DONE;
      const next = await Promise.race([messages.next(), closing]);
      return next.done === true || isClosed() ? DONE : { done: false, value: Object.freeze(next.value) };
    },
    return: async () => {
      await close();
      return DONE;
    },
  };
  return { close, [Symbol.asyncIterator]: () => iterator };
};
