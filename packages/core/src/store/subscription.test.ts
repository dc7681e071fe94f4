import { describe, expect, it } from "vitest";
import type { SubscriptionMessage } from "./EventStore.js";
import { subscriptionOf } from "./subscription.js";

describe("subscriptionOf", () => {
  it("ends a waiting iteration at close, calls stop once, and freezes what it delivers", async () => {
    let stops = 0;
    let release = (): void => undefined;
    const never = new Promise<void>((resolve) => (release = resolve));
    async function* messages(): AsyncGenerator<SubscriptionMessage, void> {
      yield { _tag: "CaughtUp", position: 4n };
      await never; // a generator waiting for the next event
    }
    const subscription = subscriptionOf(messages(), () => {
      stops++;
      return Promise.resolve();
    });
    const iterator = subscription[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first).toEqual({ done: false, value: { _tag: "CaughtUp", position: 4n } });
    expect(Object.isFrozen(first.value)).toBe(true);
    const waiting = iterator.next();
    await subscription.close();
    await subscription.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(stops).toBe(1);
    release();
  });

  it("ends when the messages end, and return() closes it", async () => {
    let stops = 0;
    async function* none(): AsyncGenerator<SubscriptionMessage, void> {}
    const subscription = subscriptionOf(none(), () => {
      stops++;
      return Promise.resolve();
    });
    const iterator = subscription[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(true);
    await iterator.return?.();
    expect(stops).toBe(1);
  });
});
