import { type ExpectedRevision, anyRevision, exactRevision, noStream, streamExists } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { expect, it } from "vitest";
import { type ContractContext, asAppended, newEvents, orFail, readAllFully, readStreamFully } from "./fixtures.js";

/** @internal Round trip, expected revisions, and reading all events from any position. */
export const basicContract = (ctx: ContractContext): void => {
  let streams = 0;
  it(
    "appends atomically and reads back exactly what was appended, revisions from 0",
    ctx.withStore(async (store) => {
      const streamId = ctx.stream("round-trip");
      expect(await orFail(store.readStream(streamId), "readStream")).toEqual({ events: [], next: null });
      const first = newEvents(ctx, "rt-a", 3);
      const a = await orFail(store.append(streamId, first, noStream), "append");
      expect(a.nextExpectedRevision).toBe(2n);
      expect(a.recorded.map(asAppended)).toEqual(first.map(asAppended));
      expect(a.recorded.map((e) => [e.streamId, e.streamRevision])).toEqual([[streamId, 0n], [streamId, 1n], [streamId, 2n]]);
      const second = newEvents(ctx, "rt-b", 2);
      const b = await orFail(store.append(streamId, second, exactRevision(2n)), "append");
      expect(b.nextExpectedRevision).toBe(4n);
      const recorded = [...a.recorded, ...b.recorded];
      const positions = recorded.map((e) => e.position);
      expect(positions.every((p, i) => i === 0 || p > (positions[i - 1] as bigint))).toBe(true);
      expect(await readStreamFully(store, streamId, 2)).toEqual(recorded);
      expect(await orFail(store.readStream(streamId, { fromRevision: 3n }), "readStream")).toEqual({ events: recorded.slice(3), next: null });
      const page = await orFail(store.readStream(streamId, { fromRevision: 0n, maxCount: 2 }), "readStream");
      expect(page).toEqual({ events: recorded.slice(0, 2), next: 2n });
      expect((await orFail(store.readStream(streamId, { fromRevision: 5n }), "readStream")).events).toEqual([]);
    }),
  );

  const cases: ReadonlyArray<readonly [string, ExpectedRevision, boolean, boolean]> = [
    ["any", anyRevision, true, true],
    ["no stream", noStream, true, false],
    ["stream exists", streamExists, false, true],
    ["exact revision 1", exactRevision(1n), false, true],
    ["exact revision 0", exactRevision(0n), false, false],
    ["exact revision 5", exactRevision(5n), false, false],
  ];
  it.each(cases.flatMap(([name, expected, onNone, onTwo]) => [[name, "no stream", expected, onNone] as const, [name, "a stream at revision 1", expected, onTwo] as const]))(
    "expecting %s on %s: accepted exactly when the stream meets it, else WrongExpectedRevision and nothing written",
    (_name, state, expected, accepted) =>
      ctx.withStore(async (store) => {
        const streamId = ctx.stream(`expect-${streams++}`);
        if (state !== "no stream") await orFail(store.append(streamId, newEvents(ctx, "pre", 2), noStream), "append");
        const before = await readStreamFully(store, streamId);
        const actual = state === "no stream" ? null : 1n;
        const result = await store.append(streamId, newEvents(ctx, "next", 1), expected)();
        if (accepted) {
          expect(E.map((r: { nextExpectedRevision: bigint }) => r.nextExpectedRevision)(result)).toEqual(E.right(actual === null ? 0n : 2n));
          expect(await readStreamFully(store, streamId)).toHaveLength(before.length + 1);
        } else {
          expect(result).toEqual(E.left({ _tag: "WrongExpectedRevision", streamId, expected, actual }));
          expect(await readStreamFully(store, streamId)).toEqual(before);
        }
      })(),
  );

  it(
    "reads all events in one global order, from any position, in pages of any size",
    ctx.withStore(async (store) => {
      const streams = ["all-a", "all-b", "all-c"].map(ctx.stream);
      const appended = [];
      for (let i = 0; i < 12; i++) {
        const streamId = streams[i % 3] as string;
        appended.push(...(await orFail(store.append(streamId, newEvents(ctx, `all-${i}`, 1 + (i % 3)), anyRevision), "append")).recorded);
      }
      const ours = new Set(streams);
      const full = await readAllFully(store, undefined, 7);
      expect(full.filter((e) => ours.has(e.streamId))).toEqual(appended);
      const positions = full.map((e) => e.position);
      expect(positions.every((p, i) => i === 0 || p > (positions[i - 1] as bigint))).toBe(true);
      for (const [i, { position }] of full.entries()) {
        for (const maxCount of [1, 3, 1000]) expect(await readAllFully(store, position, maxCount)).toEqual(full.slice(i + 1));
      }
      expect(await orFail(store.readAll({ after: positions.at(-1) ?? 0n }), "readAll")).toEqual({ events: [], next: null });
    }),
  );
};
