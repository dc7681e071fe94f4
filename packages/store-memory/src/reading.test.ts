import {
  type AppendResult,
  type RecordedEvent,
  type StreamPage,
  anyRevision,
  exactRevision,
  noStream,
  readWholeLog,
  readWholeStream,
} from "@tenfold/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_COUNT, createUnsealedMemoryEventStore } from "./index.js";
import { groupFormed, groupsFormed, idsOf, logOf, right, streamOf } from "./store.fixtures.js";

const revisions = (events: ReadonlyArray<RecordedEvent>): bigint[] => events.map((e) => e.streamRevision);
const positions = (events: ReadonlyArray<RecordedEvent>): bigint[] => events.map((e) => e.position);

describe("readStream", () => {
  it("reads a stream never written as empty, not as an error", async () => {
    const store = createUnsealedMemoryEventStore();
    expect(await right(store.readStream("nothing-here"))).toEqual({ events: [], next: null });
    expect(await right(store.readStream("nothing-here", { fromRevision: 5n, maxCount: 1 }))).toEqual({ events: [], next: null });
  });

  it("pages from a revision; next is the revision to read next, null at the end", async () => {
    const store = createUnsealedMemoryEventStore();
    await right(store.append("s", groupsFormed(0, 5), noStream));
    const read = (fromRevision: bigint, maxCount: number) => right(store.readStream("s", { fromRevision, maxCount }));
    const first = await read(0n, 2);
    expect([revisions(first.events), first.next]).toEqual([[0n, 1n], 2n]);
    const second = await read(2n, 2);
    expect([revisions(second.events), second.next]).toEqual([[2n, 3n], 4n]);
    const last = await read(4n, 2);
    expect([revisions(last.events), last.next]).toEqual([[4n], null]);
    const exact = await read(3n, 2);
    expect([revisions(exact.events), exact.next]).toEqual([[3n, 4n], null]);
    expect(await read(5n, 2)).toEqual({ events: [], next: null });
    expect(await read(1000n, 2)).toEqual({ events: [], next: null });
  });

  it(`reads ${DEFAULT_MAX_COUNT} events a page by default`, async () => {
    const store = createUnsealedMemoryEventStore();
    await right(store.append("s", groupsFormed(0, 1500), noStream));
    const page = await right(store.readStream("s"));
    expect(page.events).toHaveLength(1000);
    expect(page.next).toBe(1000n);
    expect((await right(store.readStream("s", { fromRevision: 1000n }))).events).toHaveLength(500);
  });

  it("reads a 100,000-event stream page by page, among other streams", async () => {
    const store = createUnsealedMemoryEventStore();
    let last: bigint | null = null;
    for (let i = 0; i < 100_000; i += 100) {
      const appended: AppendResult = await right(store.append("big", groupsFormed(i, 100), last === null ? noStream : exactRevision(last)));
      last = appended.nextExpectedRevision;
      await right(store.append(`small-${i % 7}`, [groupFormed(`small-${i}`)], anyRevision));
    }
    let pages = 0;
    let expected = 0n;
    let outOfPlace = 0;
    for (let next: bigint | null = 0n; next !== null; pages++) {
      const page: StreamPage = await right(store.readStream("big", { fromRevision: next, maxCount: 1000 }));
      for (const event of page.events) if (event.streamRevision !== expected++ || event.streamId !== "big") outOfPlace++;
      next = page.next;
    }
    expect([pages, expected, outOfPlace]).toEqual([100, 100_000n, 0]);
    expect(await readWholeStream(store, "big")()).toEqual({ _tag: "Right", right: await streamOf(store, "big", 777) });
  });
});

describe("readAll", () => {
  const interleaved = async () => {
    const store = createUnsealedMemoryEventStore();
    for (let i = 0; i < 30; i++) await right(store.append(`s-${i % 3}`, [groupFormed(i)], anyRevision));
    return store;
  };

  it("pages in global order after a checkpoint; next is the checkpoint to pass next, null at the end", async () => {
    const store = await interleaved();
    const first = await right(store.readAll({ maxCount: 10 }));
    expect(positions(first.events)).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i)));
    expect(first.next).toBe(9n);
    const second = await right(store.readAll({ after: 9n, maxCount: 15 }));
    expect([positions(second.events)[0], second.events.length, second.next]).toEqual([10n, 15, 24n]);
    const last = await right(store.readAll({ after: 24n, maxCount: 10 }));
    expect([positions(last.events), last.next]).toEqual([[25n, 26n, 27n, 28n, 29n], null]);
    expect(await right(store.readAll({ after: 19n, maxCount: 10 }))).toMatchObject({ next: null });
    expect(await right(store.readAll({ after: 29n }))).toEqual({ events: [], next: null });
    expect(await right(store.readAll({ after: 500n }))).toEqual({ events: [], next: null });
  });

  it("reads an empty store as one empty page", async () => {
    const store = createUnsealedMemoryEventStore();
    expect(await right(store.readAll())).toEqual({ events: [], next: null });
  });

  it("orders events consistently with each stream's order", async () => {
    const store = await interleaved();
    const log = await logOf(store, 7);
    expect(idsOf(log)).toEqual(Array.from({ length: 30 }, (_, i) => `evt-${i}`));
    for (let s = 0; s < 3; s++) {
      const stream = await streamOf(store, `s-${s}`, 4);
      expect(log.filter((e) => e.streamId === `s-${s}`)).toEqual(stream);
      expect(revisions(stream)).toEqual(stream.map((_, i) => BigInt(i)));
    }
    expect(await readWholeLog(store, 3)()).toEqual({ _tag: "Right", right: log });
  });

  it("sees events appended after an earlier page reached the end", async () => {
    const store = await interleaved();
    const end = await right(store.readAll({ after: 20n }));
    expect(end.next).toBeNull();
    await right(store.append("s-0", [groupFormed(30)], anyRevision));
    const more = await right(store.readAll({ after: positions(end.events).at(-1)! }));
    expect(idsOf(more.events)).toEqual(["evt-30"]);
  });
});

describe("read options: programmer errors throw RangeError when called", () => {
  const store = createUnsealedMemoryEventStore();
  const cases: ReadonlyArray<[string, () => unknown, string]> = [
    ["negative maxCount", () => store.readStream("s", { maxCount: -1 }), "maxCount must be a positive integer (at least 1), got -1"],
    ["zero maxCount", () => store.readAll({ maxCount: 0 }), "maxCount must be a positive integer (at least 1), got 0"],
    ["fractional maxCount", () => store.readAll({ maxCount: 1.5 }), "got 1.5"],
    ["NaN maxCount", () => store.readStream("s", { maxCount: Number.NaN }), "got NaN"],
    ["infinite maxCount", () => store.readStream("s", { maxCount: Infinity }), "got Infinity"],
    ["negative fromRevision", () => store.readStream("s", { fromRevision: -1n }), "fromRevision must be a bigint ≥ 0n, got -1n"],
    ["number fromRevision", () => store.readStream("s", { fromRevision: 3 as never }), "fromRevision must be a bigint ≥ 0n, got 3"],
    ["negative after", () => store.readAll({ after: -1n }), "after must be a position (a bigint ≥ 0n)"],
    ["string after", () => store.readAll({ after: "5" as never }), 'got "5"'],
    ["empty stream id", () => store.readStream(""), "streamId must be a non-empty string"],
    ["negative subscription checkpoint", () => store.subscribeToAll({ after: -2n }), "after must be a position"],
  ];
  it.each(cases)("%s", (_, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
