import { anyRevision, describeStoreError, exactRevision, noStream, streamExists } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { expect, it } from "vitest";
import { type ContractContext, newEvents, orFail, readStreamFully } from "./fixtures.js";

/** @internal The port's stated guarantees: idempotent re-append, empty batches, RangeError at the call, the head an append is told, the CaughtUp position. */
export const guaranteesContract = (ctx: ContractContext): void => {
  it(
    "re-appending a batch the stream already holds (a retry after a lost reply) succeeds and writes no second copy",
    ctx.withStore(async (store) => {
      const streamId = ctx.stream("idempotent");
      const batch = newEvents(ctx, "idem", 3);
      const first = await orFail(store.append(streamId, batch, noStream), "append");
      const again = await orFail(store.append(streamId, batch, noStream), "re-append");
      expect(again).toEqual(first);
      expect(await readStreamFully(store, streamId)).toEqual(first.recorded);
    }),
  );

  it(
    "an empty batch writes nothing: the stream's last revision when it meets expected, else WrongExpectedRevision",
    ctx.withStore(async (store) => {
      const absent = ctx.stream("empty-absent");
      expect(await orFail(store.append(absent, [], noStream), "append []")).toEqual({ nextExpectedRevision: -1n, recorded: [] });
      expect(await orFail(store.append(absent, [], anyRevision), "append []")).toEqual({ nextExpectedRevision: -1n, recorded: [] });
      const absentRefused = await store.append(absent, [], streamExists)();
      expect(absentRefused).toEqual(E.left({ _tag: "WrongExpectedRevision", streamId: absent, expected: streamExists, actual: null }));
      expect(await readStreamFully(store, absent)).toEqual([]);
      const present = ctx.stream("empty-present");
      await orFail(store.append(present, newEvents(ctx, "empty", 2), noStream), "append");
      expect(await orFail(store.append(present, [], exactRevision(1n)), "append []")).toEqual({ nextExpectedRevision: 1n, recorded: [] });
      expect(await orFail(store.append(present, [], streamExists), "append []")).toEqual({ nextExpectedRevision: 1n, recorded: [] });
      for (const expected of [exactRevision(0n), noStream]) {
        expect(await store.append(present, [], expected)()).toEqual(E.left({ _tag: "WrongExpectedRevision", streamId: present, expected, actual: 1n }));
      }
      expect(await readStreamFully(store, present)).toHaveLength(2);
    }),
  );

  it(
    "invalid arguments throw a RangeError when the method is called, not when its task runs",
    ctx.withStore(async (store) => {
      const streamId = ctx.stream("arguments");
      expect(() => store.readStream(streamId, { maxCount: 0 })).toThrow(RangeError);
      expect(() => store.readStream(streamId, { fromRevision: -1n })).toThrow(RangeError);
      expect(() => store.readAll({ after: -2n })).toThrow(RangeError);
      expect(() => store.append("", newEvents(ctx, "bad-stream", 1), anyRevision)).toThrow(RangeError);
      expect(await readStreamFully(store, streamId)).toEqual([]);
    }),
  );

  it(
    "an append told the head it has just read records as one that is not told; on a stale head it is refused, never chained wrongly",
    ctx.withStore(async (store) => {
      const told = ctx.stream("head-told");
      const first = await orFail(store.append(told, newEvents(ctx, "head", 2), noStream), "append");
      const last = first.recorded.at(-1);
      if (last === undefined) throw new Error("the first append recorded nothing");
      const seals = last.hash !== undefined;
      const head = { revision: last.streamRevision, hash: last.hash ?? "0".repeat(64) };
      const second = await orFail(store.append(told, newEvents(ctx, "head-next", 1), exactRevision(last.streamRevision), { head }), "append told the head");
      expect(second.nextExpectedRevision).toBe(last.streamRevision + 1n);
      if (seals) expect(second.recorded[0]?.previousHash).toBe(last.hash);
      expect(await readStreamFully(store, told)).toEqual([...first.recorded, ...second.recorded]);

      // Another writer moves the stream on; a head read before that is stale.
      const moved = await orFail(store.append(told, newEvents(ctx, "head-other", 1), exactRevision(second.nextExpectedRevision)), "append by another writer");
      const staleHead = { revision: second.nextExpectedRevision, hash: second.recorded[0]?.hash ?? "0".repeat(64) };
      const stale = await store.append(told, newEvents(ctx, "head-stale", 1), exactRevision(second.nextExpectedRevision), { head: staleHead })();
      expect(stale).toEqual(E.left({ _tag: "WrongExpectedRevision", streamId: told, expected: exactRevision(second.nextExpectedRevision), actual: moved.nextExpectedRevision }));
      expect(await readStreamFully(store, told)).toEqual([...first.recorded, ...second.recorded, ...moved.recorded]);

      // A malformed head is a programmer's error for a store that seals; one that does not seal ignores it.
      const malformed = () => store.append(told, newEvents(ctx, "head-bad", 1), exactRevision(moved.nextExpectedRevision), { head: { revision: moved.nextExpectedRevision, hash: "not a hash" } });
      if (seals) expect(malformed).toThrow(RangeError);
      else expect(malformed).not.toThrow();
    }),
  );

  it(
    "CaughtUp carries the position of the last event delivered (or skipped) before it",
    ctx.withStore(async (store) => {
      const appended = await orFail(store.append(ctx.stream("caught-up"), newEvents(ctx, "cu", 3), noStream), "append");
      const ours = appended.recorded.at(-1)?.position ?? null;
      const subscription = store.subscribeToAll();
      let last: bigint | null = null;
      try {
        for await (const message of subscription) {
          if (message._tag === "SubscriptionFailed") throw new Error(`the subscription failed: ${describeStoreError(message.error)}`);
          if (message._tag === "Event") last = message.event.position;
          else {
            // The last position delivered, or a later one the store skipped (DOMAIN's port: "delivered or skipped").
            const at = message.position;
            expect(at !== null && ours !== null && at >= ours && (last === null || at >= last)).toBe(true);
            expect(last !== null && ours !== null && last >= ours).toBe(true);
            break;
          }
        }
      } finally {
        await subscription.close();
      }
    }),
  );
};
