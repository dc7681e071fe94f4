import { type ExpectedRevision, type NewEvent, anyRevision, exactRevision, noStream, streamExists } from "@tenfold/core";
import { storeFailure, wrongExpectedRevision } from "@tenfold/core/adapter";
import { describe, expect, it } from "vitest";
import { createUnsealedMemoryEventStore } from "./index.js";
import { groupFormed, groupsFormed, idsOf, left, logOf, right, streamOf } from "./store.fixtures.js";

describe("append: round trip and order", () => {
  it("records what was appended, with revisions from 0n and increasing positions, and reads it back", async () => {
    const store = createUnsealedMemoryEventStore();
    const input = groupsFormed(1, 3);
    const result = await right(store.append("s-1", input, noStream));
    expect(result.nextExpectedRevision).toBe(2n);
    expect(result.recorded.map((e) => e.streamRevision)).toEqual([0n, 1n, 2n]);
    expect(result.recorded.map((e) => e.position)).toEqual([0n, 1n, 2n]);
    result.recorded.forEach((event, i) => expect(event).toEqual({ ...input[i], streamId: "s-1", streamRevision: BigInt(i), position: BigInt(i) }));
    expect(await streamOf(store, "s-1")).toEqual(result.recorded);
    expect(await logOf(store)).toEqual(result.recorded);
  });

  it("counts revisions per stream and positions across streams", async () => {
    const store = createUnsealedMemoryEventStore();
    await right(store.append("a", groupsFormed(1, 2), noStream));
    await right(store.append("b", groupsFormed(3, 1), noStream));
    const third = await right(store.append("a", groupsFormed(4, 1), exactRevision(1n)));
    expect(third.recorded.map((e) => [e.streamRevision, e.position])).toEqual([[2n, 3n]]);
    const log = await logOf(store);
    expect(log.map((e) => [e.streamId, e.streamRevision, e.position])).toEqual([
      ["a", 0n, 0n],
      ["a", 1n, 1n],
      ["b", 0n, 2n],
      ["a", 2n, 3n],
    ]);
  });

  it("keeps only the fields of a NewEvent, and its own stream id, revision and position", async () => {
    const store = createUnsealedMemoryEventStore();
    const foreign = { ...groupFormed(1), streamId: "elsewhere", streamRevision: 7n, position: 99n, extra: true };
    const [event] = (await right(store.append("s", [foreign], noStream))).recorded;
    expect(event).toEqual({ ...groupFormed(1), streamId: "s", streamRevision: 0n, position: 0n });
  });
});

describe("append: expected revisions", () => {
  const cases: ReadonlyArray<[string, ExpectedRevision, "fresh" | "at 1n", "accepted" | "refused"]> = [
    ["Any on a new stream", anyRevision, "fresh", "accepted"],
    ["NoStream on a new stream", noStream, "fresh", "accepted"],
    ["StreamExists on a new stream", streamExists, "fresh", "refused"],
    ["Exact 0n on a new stream", exactRevision(0n), "fresh", "refused"],
    ["Exact -1n on a new stream", exactRevision(-1n), "fresh", "refused"],
    ["Any on a stream at 1n", anyRevision, "at 1n", "accepted"],
    ["NoStream on a stream at 1n", noStream, "at 1n", "refused"],
    ["StreamExists on a stream at 1n", streamExists, "at 1n", "accepted"],
    ["Exact 1n on a stream at 1n", exactRevision(1n), "at 1n", "accepted"],
    ["Exact 0n on a stream at 1n", exactRevision(0n), "at 1n", "refused"],
    ["Exact 2n on a stream at 1n", exactRevision(2n), "at 1n", "refused"],
  ];

  it.each(cases)("%s is %s", async (_, expected, stream, outcome) => {
    const store = createUnsealedMemoryEventStore();
    if (stream === "at 1n") await right(store.append("s", groupsFormed(1, 2), noStream));
    const before = await logOf(store);
    const actual = stream === "fresh" ? null : 1n;
    const result = await store.append("s", [groupFormed(9)], expected)();
    if (outcome === "accepted") {
      const first = actual === null ? 0n : actual + 1n;
      const [recorded] = await streamOf(store, "s").then((events) => events.slice(-1));
      expect(recorded).toMatchObject({ eventId: "evt-9", streamRevision: first });
      expect(result).toEqual({ _tag: "Right", right: { nextExpectedRevision: first, recorded: [recorded] } });
    } else {
      expect(result).toEqual({ _tag: "Left", left: wrongExpectedRevision("s", expected, actual) });
      expect(await logOf(store)).toEqual(before);
    }
  });
});

describe("append: atomicity and empty batches", () => {
  it("writes all events of a refused batch or none", async () => {
    const store = createUnsealedMemoryEventStore();
    await right(store.append("s", groupsFormed(1, 1), noStream));
    expect(await left(store.append("s", groupsFormed(2, 5), exactRevision(3n)))).toEqual(wrongExpectedRevision("s", exactRevision(3n), 0n));
    expect(await left(store.append("s", [groupFormed(7), groupFormed(1)], anyRevision))).toMatchObject({ _tag: "StoreFailure" });
    expect(idsOf(await logOf(store))).toEqual(["evt-1"]);
  });

  it("writes nothing when one event of the batch is malformed (a programmer error that throws)", async () => {
    const store = createUnsealedMemoryEventStore();
    const bad = { ...groupFormed(2), data: { ...groupFormed(2).data, when: new Date(0) } } as unknown as NewEvent;
    expect(() => store.append("s", [groupFormed(1), bad], anyRevision)).toThrow(
      new RangeError("events[1].data.when is a Date: events hold only plain JSON-like values"),
    );
    expect(await logOf(store)).toEqual([]);
  });

  it("appends when the task runs, not when it is made", async () => {
    const store = createUnsealedMemoryEventStore();
    const task = store.append("s", groupsFormed(1, 1), noStream);
    expect(await logOf(store)).toEqual([]);
    await right(task);
    expect(idsOf(await logOf(store))).toEqual(["evt-1"]);
  });
});

describe("append: idempotent retries", () => {
  it("recognises a retry after other writers moved the stream on, under the original expectation", async () => {
    const store = createUnsealedMemoryEventStore();
    await right(store.append("s", groupsFormed(1, 1), noStream));
    const original = await right(store.append("s", groupsFormed(2, 2), exactRevision(0n)));
    await right(store.append("s", groupsFormed(4, 1), exactRevision(2n)));
    expect(await right(store.append("s", groupsFormed(2, 2), exactRevision(0n)))).toEqual(original);
    expect(await right(store.append("s", groupsFormed(2, 2), anyRevision))).toEqual(original);
    expect(await right(store.append("s", groupsFormed(2, 2), streamExists))).toEqual(original);
    expect(await right(store.append("s", groupsFormed(3, 1), exactRevision(1n)))).toEqual({
      nextExpectedRevision: 2n,
      recorded: [original.recorded[1]],
    });
    expect(idsOf(await logOf(store))).toEqual(["evt-1", "evt-2", "evt-3", "evt-4"]);
  });

  it("running the same append task twice records it once", async () => {
    const store = createUnsealedMemoryEventStore();
    const task = store.append("s", groupsFormed(1, 3), noStream);
    expect(await right(task)).toEqual(await right(task));
    expect(await streamOf(store, "s")).toHaveLength(3);
  });

  it("refuses a retry whose expectation the stream did not meet when first appended", async () => {
    const store = createUnsealedMemoryEventStore();
    await right(store.append("s", groupsFormed(1, 2), noStream));
    expect(await left(store.append("s", groupsFormed(2, 1), noStream))).toEqual(wrongExpectedRevision("s", noStream, 1n));
    expect(await left(store.append("s", groupsFormed(1, 1), streamExists))).toEqual(wrongExpectedRevision("s", streamExists, 1n));
    expect(await left(store.append("s", groupsFormed(1, 2), exactRevision(5n)))).toEqual(wrongExpectedRevision("s", exactRevision(5n), 1n));
  });

  it("fails, writing nothing, on a batch that partly overlaps recorded ids", async () => {
    const store = createUnsealedMemoryEventStore();
    await right(store.append("s", groupsFormed(1, 3), noStream));
    await right(store.append("t", groupsFormed(10, 1), noStream));
    const failures = [
      [store.append("s", groupsFormed(3, 2), anyRevision), 'the batch partly overlaps stream "s": 1 of its 2 event ids are already recorded there'],
      [store.append("s", [groupFormed(2), groupFormed(1)], anyRevision), "not as one contiguous run in this order"],
      [store.append("s", [groupFormed(1), groupFormed(3)], anyRevision), "not as one contiguous run in this order"],
      [store.append("s", groupsFormed(10, 1), anyRevision), 'event id "evt-10" is already recorded in another stream, "t"'],
      [store.append("s", [groupFormed(20), groupFormed(20)], anyRevision), 'the batch holds event id "evt-20" more than once'],
      [store.append("s", [...groupsFormed(21, 9), groupFormed(21)], anyRevision), 'the batch holds event id "evt-21" more than once'],
      [store.append("s", [...groupsFormed(40, 40), groupFormed(45)], anyRevision), 'the batch holds event id "evt-45" more than once'],
    ] as const;
    for (const [task, reason] of failures) {
      const error = await left(task);
      expect(error._tag).toBe("StoreFailure");
      expect(error).toEqual(storeFailure((error as { reason: string }).reason));
      expect((error as { reason: string }).reason).toContain(reason);
    }
    expect(idsOf(await logOf(store))).toEqual(["evt-1", "evt-2", "evt-3", "evt-10"]);
  });
});

describe("append: programmer errors throw RangeError when called", () => {
  const store = createUnsealedMemoryEventStore();
  const cases: ReadonlyArray<[string, () => unknown, string]> = [
    ["empty stream id", () => store.append("", [groupFormed(1)], anyRevision), 'streamId must be a non-empty string, got ""'],
    ["unknown expectation", () => store.append("s", [], { _tag: "Whatever" } as never), "expected must be an ExpectedRevision"],
    ["Exact with a number", () => store.append("s", [], { _tag: "Exact", revision: 1 } as never), "needs a bigint revision, got 1"],
    ["events not an array", () => store.append("s", groupFormed(1) as never, anyRevision), "events must be an array"],
    ["missing event id", () => store.append("s", [{ ...groupFormed(1), eventId: "" }], anyRevision), "events[0].eventId must be a non-empty string"],
    ["a function in data", () => store.append("s", [{ ...groupFormed(1), data: { f: () => 1 } as never }], anyRevision), "events[0].data.f is a function"],
    ["a Map in metadata", () => store.append("s", [groupFormed(1, { actor: new Map() } as never)], anyRevision), "events[0].metadata.actor is a Map"],
  ];
  it.each(cases)("%s", (_, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
