/*
 * Test support shared by the test files of both client packages: nothing here imports a client
 * (one process serves one package's protocol, and each test file imports only its own client).
 */

/** What a fresh node writes to $all as it starts, in order, as `type@stream`. */
export const FRESH_NODE: ReadonlyArray<string> = [
  "$epoch-information@$epoch-information",
  "$metadata@$$$user-admin",
  "$UserCreated@$user-admin",
  "$User@$users",
  "$metadata@$$$user-ops",
  "$UserCreated@$user-ops",
  "$User@$users",
];

/** Bound on any wait in these tests, so a missing message fails the test instead of hanging it. */
export const WAIT_LIMIT_MS = 10_000;

/** Collects a finite read into an array. */
export const collect = async <E>(read: AsyncIterable<E>): Promise<E[]> => {
  const items: E[] = [];
  for await (const item of read) items.push(item);
  return items;
};

/** The error a promise rejects with (fails when it resolves). */
export const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
};

/** Runs an action until it succeeds, at most `attempts` times, pausing between tries. */
export const eventually = async <T>(action: () => Promise<T>, attempts = 40): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};

/** What a subscription has delivered so far, and a way to wait for more. */
export interface Watched<E> {
  readonly events: E[];
  readonly confirmed: () => boolean;
  readonly caughtUp: () => boolean;
  /** Resolves once the condition holds; rejects on a subscription error or after WAIT_LIMIT_MS. */
  until(condition: () => boolean, what: string): Promise<void>;
}

/** The subset of either client's subscriptions the watcher listens to. */
export interface WatchableSubscription<E> {
  on(event: "data", listener: (event: E) => void): unknown;
  on(event: "confirmation" | "caughtUp", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
}

/** Records a subscription's events, confirmation, caught-up signal and errors. */
export const watch = <E>(subscription: WatchableSubscription<E>): Watched<E> => {
  const events: E[] = [];
  let confirmed = false;
  let caughtUp = false;
  let failure: Error | undefined;
  const wakers = new Set<() => void>();
  const wake = (): void => {
    for (const waker of [...wakers]) waker();
  };
  subscription.on("data", (event) => {
    events.push(event);
    wake();
  });
  subscription.on("confirmation", () => {
    confirmed = true;
    wake();
  });
  subscription.on("caughtUp", () => {
    caughtUp = true;
    wake();
  });
  subscription.on("error", (error) => {
    failure = error;
    wake();
  });
  const until = (condition: () => boolean, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        wakers.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, WAIT_LIMIT_MS);
      const check = (): void => {
        if (failure === undefined && !condition()) return;
        clearTimeout(timer);
        wakers.delete(check);
        if (failure === undefined) resolve();
        else reject(failure);
      };
      wakers.add(check);
      check();
    });
  return { events, confirmed: () => confirmed, caughtUp: () => caughtUp, until };
};
