import { fc, test } from "@fast-check/vitest";
import {
  type AppendResult,
  type ExpectedRevision,
  type StoreError,
  anyRevision,
  exactRevision,
  noStream,
  streamExists,
} from "@tenfold/core";
import type * as E from "fp-ts/lib/Either.js";
import { describe, expect } from "vitest";
import { createUnsealedMemoryEventStore } from "./index.js";
import { groupFormed, idsOf, logOf, streamOf } from "./store.fixtures.js";

/** What an append did, in a form both the store and the model give. */
type Outcome = { readonly ok: ReadonlyArray<bigint>; readonly next: bigint } | { readonly wrong: bigint | null } | "failure";

/** A plain reference model: lists of ids per stream and in global order, searched linearly. */
const referenceModel = () => {
  const streams = new Map<string, string[]>();
  const log: Array<{ id: string; stream: string }> = [];
  const meets = (e: ExpectedRevision, last: number | null): boolean =>
    e._tag === "Any" || (e._tag === "NoStream" ? last === null : e._tag === "StreamExists" ? last !== null : BigInt(last ?? -2) === e.revision && last !== null);
  const append = (stream: string, ids: ReadonlyArray<string>, expected: ExpectedRevision): Outcome => {
    const events = streams.get(stream) ?? [];
    const last = events.length === 0 ? null : events.length - 1;
    const wrong = { wrong: last === null ? null : BigInt(last) };
    if (new Set(ids).size < ids.length) return "failure";
    const known = ids.filter((id) => log.some((e) => e.id === id));
    if (known.length === 0) {
      if (!meets(expected, last)) return wrong;
      events.push(...ids);
      streams.set(stream, events);
      for (const id of ids) log.push({ id, stream });
      return { ok: ids.map((_, i) => BigInt((last ?? -1) + 1 + i)), next: BigInt(events.length - 1) };
    }
    const first = events.indexOf(ids[0]!);
    if (known.length < ids.length || first < 0 || ids.some((id, i) => events[first + i] !== id)) return "failure";
    if (!meets(expected, first === 0 ? null : first - 1)) return wrong;
    return { ok: ids.map((_, i) => BigInt(first + i)), next: BigInt(first + ids.length - 1) };
  };
  return { streams, log, append };
};

const outcomeOf = (result: E.Either<StoreError, AppendResult>): Outcome => {
  if (result._tag === "Right") return { ok: result.right.recorded.map((e) => e.streamRevision), next: result.right.nextExpectedRevision };
  return result.left._tag === "WrongExpectedRevision" ? { wrong: result.left.actual } : "failure";
};

const expectedArb: fc.Arbitrary<ExpectedRevision> = fc.oneof(
  fc.constant(anyRevision),
  fc.constant(noStream),
  fc.constant(streamExists),
  fc.bigInt({ min: -1n, max: 4n }).map(exactRevision),
);

/** An append: new events, an exact retry of an earlier append, a retry to another stream, or an earlier batch plus a new event. */
const opArb = fc.record({
  stream: fc.constantFrom("a", "b", "c"),
  expected: expectedArb,
  count: fc.nat({ max: 3 }),
  kind: fc.constantFrom("new", "new", "retry", "elsewhere", "overlap"),
  earlier: fc.nat(),
});

describe("the memory store against a reference model", () => {
  test.prop([fc.array(opArb, { maxLength: 25 }), fc.scheduler()])(
    "any interleaving of appends, retries and overlaps behaves like the model",
    async (ops, scheduler) => {
      const store = createUnsealedMemoryEventStore();
      const calls: Array<{ readonly stream: string; readonly ids: ReadonlyArray<string>; readonly expected: ExpectedRevision }> = [];
      for (const [i, op] of ops.entries()) {
        const base = i === 0 || op.kind === "new" ? undefined : calls[op.earlier % i];
        if (base === undefined) calls.push({ stream: op.stream, ids: Array.from({ length: op.count }, (_, k) => `${i}.${k}`), expected: op.expected });
        else if (op.kind === "retry") calls.push(base);
        else if (op.kind === "elsewhere") calls.push({ ...base, stream: base.stream === "a" ? "b" : "a" });
        else calls.push({ ...base, ids: [...base.ids, `${i}.new`] });
      }
      const model = referenceModel();
      const ran: Array<{ readonly actual: Outcome; readonly expected: Outcome }> = [];
      const runs = calls.map(({ stream, ids, expected }) => {
        const task = store.append(stream, ids.map((id) => groupFormed(id)), expected);
        return scheduler.schedule(Promise.resolve()).then(async () => {
          const expectedOutcome = model.append(stream, ids, expected);
          ran.push({ actual: outcomeOf(await task()), expected: expectedOutcome });
        });
      });
      await scheduler.waitFor(Promise.all(runs));
      for (const { actual, expected } of ran) expect(actual).toEqual(expected);
      expect(idsOf(await logOf(store, 4))).toEqual(model.log.map((e) => `evt-${e.id}`));
      for (const stream of ["a", "b", "c"]) {
        expect(idsOf(await streamOf(store, stream, 3))).toEqual((model.streams.get(stream) ?? []).map((id) => `evt-${id}`));
      }
    },
  );

  test.prop([fc.array(fc.constantFrom("a", "b"), { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), fc.nat({ max: 70 })])(
    "reading page by page from any revision or checkpoint gives exactly the rest, in order",
    async (streams, maxCount, from) => {
      const store = createUnsealedMemoryEventStore();
      for (const [i, stream] of streams.entries()) await store.append(stream, [groupFormed(i)], anyRevision)();
      const all = await logOf(store, 1000);
      expect(await logOf(store, maxCount)).toEqual(all);
      const after = all.filter((e) => e.position > BigInt(from));
      let rest: typeof all = [];
      for (let next: bigint | null = BigInt(from); next !== null; ) {
        const page = await store.readAll({ after: next, maxCount })();
        if (page._tag === "Left") throw new Error(page.left._tag);
        rest = [...rest, ...page.right.events];
        next = page.right.next;
      }
      expect(rest).toEqual(after);
      const a = await streamOf(store, "a", 1000);
      const page = await store.readStream("a", { fromRevision: BigInt(from), maxCount })();
      expect(page).toEqual({ _tag: "Right", right: { events: a.slice(from, from + maxCount), next: from + maxCount < a.length ? BigInt(from + maxCount) : null } });
    },
  );
});
