/* Test support (not built into the package): commands of small, valid campaigns, and store doubles. */
import {
  type Command,
  type EventStore,
  type StoreError,
  type Subscription,
  type SubscriptionMessage,
  decodeCommand,
  formatDecodeError,
} from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";

/** Decodes a command literal, throwing on a mistake in the test itself. */
export const command = (type: Command["type"], campaignId: string, data: Record<string, unknown>): Command => {
  const decoded = decodeCommand({ type, data: { campaignId, ...data } });
  if (E.isLeft(decoded)) throw new Error(`bad test command ${type}: ${formatDecodeError(decoded.left).join("; ")}`);
  return decoded.right;
};

export const launch = (campaignId: string, launchedOn = "2013-03-01"): Command =>
  command("LaunchCampaign", campaignId, { name: `Campaign ${campaignId}`, organizer: "Organisation department", launchedOn, checklist: ["village", "research-report"] });

export const formGroup = (campaignId: string, groupId: string, formedOn = "2013-03-02"): Command =>
  command("FormGroup", campaignId, { groupId, name: `Group ${groupId}`, formedOn });

/**
 * A store whose subscriptions are scripted: the n-th call of `subscribeToAll` (from 0) first
 * delivers what `script(n)` gives, then, unless it ended with a failure, the real subscription.
 */
export const scriptedSubscriptions = (
  store: EventStore,
  script: (call: number) => ReadonlyArray<SubscriptionMessage>,
): { readonly store: EventStore; readonly calls: ReadonlyArray<bigint | undefined> } => {
  const calls: Array<bigint | undefined> = [];
  const scripted: EventStore = {
    ...store,
    subscribeToAll: (options = {}) => {
      const n = calls.push(options.after) - 1;
      const prelude = script(n);
      const failed = prelude.some((m) => m._tag === "SubscriptionFailed");
      let inner: Subscription | null = null;
      const iterate = async function* (): AsyncGenerator<SubscriptionMessage> {
        yield* prelude;
        if (failed) return;
        inner = store.subscribeToAll(options);
        yield* inner;
      };
      const iterable = iterate();
      return {
        [Symbol.asyncIterator]: () => iterable,
        close: async () => {
          await inner?.close(); // wakes a pending next() first
          await iterable.return(undefined);
        },
      };
    },
  };
  return { store: scripted, calls };
};

/** A subscription that fails at once with `error`. */
export const failing = (error: StoreError): ReadonlyArray<SubscriptionMessage> => [{ _tag: "SubscriptionFailed", error }];
