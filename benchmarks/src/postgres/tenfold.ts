import { type CampaignEvent, describeStoreError, expectRevision, foldStream, type Subscription, systemClock } from "@tenfold/core";
import { createPostgresEventStore, describeOpenError } from "@tenfold/store-postgres";
import * as E from "fp-ts/lib/Either.js";
import { type Aggregate, type TypeCounts, countType, emptyAggregate, step, tenfoldEnvelopes } from "../stores/workload.js";
import type { OnEvent, PostgresContender } from "./contender.js";

/** Events a page of `readAll` asks for (the store's default page). */
const PAGE = 1000;

/** Delivers every Event message of a subscription to `onEvent` until `stopAt` says so or it is closed; the number delivered. */
const drain = async (subscription: Subscription, onEvent: OnEvent | undefined, stopAt: (message: "Event" | "CaughtUp") => boolean): Promise<number> => {
  let n = 0;
  try {
    for await (const message of subscription) {
      if (message._tag === "SubscriptionFailed") throw new Error(describeStoreError(message.error));
      if (message._tag === "Event") {
        n++;
        onEvent?.(`${message.event.streamId}#${message.event.streamRevision}`, message.event.position);
      }
      if (stopAt(message._tag)) break;
    }
  } finally {
    await subscription.close();
  }
  return n;
};

/**
 * Tenfold's PostgreSQL store as users get it: `createPostgresEventStore` in schema `tenfold`
 * (sealed, the default) or `tenfold_unsealed` (`seal: false`); each event in the full envelope the
 * handler writes (a random UUID, schema version 2, the instant, metadata, `personal` subjects: the
 * store commits to and encrypts each personal value), appended with its expected revision;
 * streams folded with `foldStream`; `readAll` page by page; `subscribeToAll` for catching up.
 */
export const openTenfold =
  (sealed: boolean) =>
  async (url: string): Promise<PostgresContender> => {
    const opened = await createPostgresEventStore({ connectionString: url }, { schema: sealed ? "tenfold" : "tenfold_unsealed", seal: sealed })();
    if (E.isLeft(opened)) throw new Error(describeOpenError(opened.left));
    const store = opened.right;

    const append = async (streamId: string, events: ReadonlyArray<CampaignEvent>, lastRevision: number): Promise<bigint> => {
      const recordedAt = systemClock.now().toISOString();
      const appended = await store.append(streamId, tenfoldEnvelopes(events, recordedAt), expectRevision(lastRevision < 0 ? null : BigInt(lastRevision)))();
      if (E.isLeft(appended)) throw new Error(describeStoreError(appended.left));
      return appended.right.recorded.at(-1)?.position ?? -1n;
    };

    const aggregate = async (streamId: string): Promise<Aggregate> => {
      const folded = await foldStream(store, streamId, { state: emptyAggregate, lastRevision: null }, (s: Aggregate, e) => step(s, e.type, e.data))();
      if (E.isLeft(folded)) throw new Error(describeStoreError(folded.left));
      return folded.right.state;
    };

    const readAll = async (): Promise<TypeCounts> => {
      const counts: TypeCounts = {};
      let after: bigint | undefined;
      for (;;) {
        const page = await store.readAll(after === undefined ? { maxCount: PAGE } : { after, maxCount: PAGE })();
        if (E.isLeft(page)) throw new Error(describeStoreError(page.left));
        for (const event of page.right.events) countType(counts, event.type);
        if (page.right.next === null) return counts;
        after = page.right.next;
      }
    };

    const catchUp = (onEvent?: OnEvent): Promise<number> => drain(store.subscribeToAll(), onEvent, (tag) => tag === "CaughtUp");

    const follow = (onEvent: OnEvent): { readonly stop: () => Promise<void> } => {
      const subscription = store.subscribeToAll();
      const running = drain(subscription, onEvent, () => false);
      return {
        stop: async () => {
          await subscription.close();
          await running;
        },
      };
    };

    return { append, aggregate, readAll, catchUp, follow, close: store.close };
  };
