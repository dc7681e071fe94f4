import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError, binaryEvent, jsonEvent } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import { collect, isSystemStream, rejectionOf, typesOf, useHarness, userEvents, userTypesOf } from "./testing-support/harness.js";

const harness = useHarness();

describe.each([true, false])("append and read (batchAppend: %s)", (batchAppend) => {
  it("round-trips data, metadata, type, id and content type exactly", async () => {
    const emulator = await harness.start({ batchAppend });
    const client = harness.client(emulator);
    const bytes = Uint8Array.from([0, 255, 128, 10, 0xc3, 0x28]); // not valid UTF-8 on purpose
    const json = jsonEvent({ type: "OrderPlaced", data: { total: 12.5, lines: ["a", "ü"] }, metadata: { user: "ana" } });
    const binary = binaryEvent({ type: "Blob", data: bytes, metadata: Uint8Array.from([7, 7]) });
    await client.appendToStream("order-1", [json, binary], { expectedRevision: "no_stream" });

    const [first, second] = (await collect(client.readStream("order-1"))).map((resolved) => resolved.event);
    expect(first).toMatchObject({
      streamId: "order-1",
      id: json.id,
      revision: 0n,
      type: "OrderPlaced",
      isJson: true,
      data: { total: 12.5, lines: ["a", "ü"] },
      metadata: { user: "ana" },
    });
    expect(second).toMatchObject({ streamId: "order-1", id: binary.id, revision: 1n, type: "Blob", isJson: false });
    expect(second?.data).toEqual(bytes);
    expect(second?.metadata).toEqual(Uint8Array.from([7, 7]));
    expect(first?.created.getTime()).toBeGreaterThan(Date.UTC(2020, 0, 1)); // ticks since the Unix epoch, not 0

    const stored = emulator.data.stream("order-1");
    expect(Buffer.from(stored[0]?.data ?? []).toString("utf8")).toBe(JSON.stringify(json.data));
    expect(stored.map((event) => event.isJson)).toEqual([true, false]);
  });

  it("reads a stream forwards and backwards, from a revision, with a max count", async () => {
    const emulator = await harness.start({ batchAppend });
    const client = harness.client(emulator);
    const events = ["A", "B", "C", "D", "E"].map((type) => jsonEvent({ type, data: {} }));
    await client.appendToStream("s", events);

    expect(typesOf(await collect(client.readStream("s")))).toEqual(["A", "B", "C", "D", "E"]);
    expect(typesOf(await collect(client.readStream("s", { fromRevision: 2n })))).toEqual(["C", "D", "E"]);
    expect(typesOf(await collect(client.readStream("s", { fromRevision: 1n, maxCount: 2 })))).toEqual(["B", "C"]);
    expect(typesOf(await collect(client.readStream("s", { fromRevision: END, direction: FORWARDS })))).toEqual([]);
    expect(typesOf(await collect(client.readStream("s", { fromRevision: 9n })))).toEqual([]);
    expect(typesOf(await collect(client.readStream("s", { direction: BACKWARDS, fromRevision: END })))).toEqual(["E", "D", "C", "B", "A"]);
    expect(typesOf(await collect(client.readStream("s", { direction: BACKWARDS, fromRevision: 2n })))).toEqual(["C", "B", "A"]);
    expect(typesOf(await collect(client.readStream("s", { direction: BACKWARDS, fromRevision: END, maxCount: 2 })))).toEqual(["E", "D"]);
    expect(typesOf(await collect(client.readStream("s", { direction: BACKWARDS, fromRevision: START })))).toEqual(["A"]);
    expect(typesOf(await collect(client.readStream("s", { direction: BACKWARDS, fromRevision: 99n })))).toEqual(["E", "D", "C", "B", "A"]);
  });

  it("stores an append the client splits over several requests, and concurrent appends, whole", async () => {
    const emulator = await harness.start({ batchAppend });
    const client = harness.client(emulator);
    const types = Array.from({ length: 20 }, (_, index) => `E${index}`);
    const split = await client.appendToStream("big", types.map((type) => jsonEvent({ type, data: { padding: "x".repeat(50) } })), {
      batchAppendSize: 200,
    });
    expect(split.nextExpectedRevision).toBe(19n);
    await Promise.all(["p", "q", "r"].map((stream) => client.appendToStream(stream, [jsonEvent({ type: stream, data: {} }), jsonEvent({ type: stream, data: {} })])));
    expect(typesOf(await collect(client.readStream("big")))).toEqual(types);
    for (const stream of ["p", "q", "r"]) expect(typesOf(await collect(client.readStream(stream)))).toEqual([stream, stream]);
    // Each append's events are contiguous in $all.
    const streams = emulator.data.all
      .filter((stored) => !isSystemStream(stored.streamName))
      .slice(20)
      .map((stored) => stored.streamName);
    expect(streams.filter((_name, index) => index % 2 === 0)).toEqual(streams.filter((_name, index) => index % 2 === 1));
  });

  it("answers stream-not-found for a missing stream, which the client raises as StreamNotFoundError", async () => {
    const emulator = await harness.start({ batchAppend });
    const client = harness.client(emulator);
    const forwards = await rejectionOf(collect(client.readStream("missing")));
    expect(forwards).toBeInstanceOf(StreamNotFoundError);
    expect((forwards as StreamNotFoundError).streamName).toBe("missing");
    const backwards = await rejectionOf(collect(client.readStream("missing", { direction: BACKWARDS, fromRevision: END })));
    expect(backwards).toBeInstanceOf(StreamNotFoundError);
  });

  it("keeps positions increasing and consistent between append results and $all reads", async () => {
    const emulator = await harness.start({ batchAppend });
    const client = harness.client(emulator);
    const first = await client.appendToStream("a", [jsonEvent({ type: "A1", data: {} }), jsonEvent({ type: "A2", data: {} })]);
    const second = await client.appendToStream("b", jsonEvent({ type: "B1", data: {} }));

    const all = userEvents(await collect(client.readAll())); // after the node's system events
    expect(typesOf(all)).toEqual(["A1", "A2", "B1"]);
    const positions = all.map((resolved) => resolved.event?.position);
    expect(positions.every((position) => position !== undefined && position.commit === position.prepare)).toBe(true);
    const commits = positions.map((position) => position?.commit ?? -1n);
    expect([...commits].sort((x, y) => (x < y ? -1 : 1))).toEqual(commits);
    expect(new Set(commits).size).toBe(3);
    expect(all.map((resolved) => resolved.commitPosition)).toEqual(commits);
    // An append reports its last event's own $all position as both its commit and prepare position.
    expect(first.position).toEqual({ commit: commits[1], prepare: commits[1] });
    expect(second.position).toEqual({ commit: commits[2], prepare: commits[2] });
    // Stream reads carry the same positions as $all.
    const streamB = await collect(client.readStream("b"));
    expect(streamB[0]?.event?.position).toEqual(all[2]?.event?.position);
  });

  it("reports the last event's position for a batch of many, and a fresh position with the current revision for an empty append", async () => {
    const emulator = await harness.start({ batchAppend });
    const client = harness.client(emulator);
    const types = Array.from({ length: 5 }, (_, index) => `E${index}`);
    const result = await client.appendToStream("many", types.map((type) => jsonEvent({ type, data: { type } })));
    const stored = emulator.data.stream("many");
    const last = stored.at(-1)?.position;
    expect(result.nextExpectedRevision).toBe(4n);
    expect(result.position).toEqual({ commit: last, prepare: last });
    expect(stored[0]?.position).toBeLessThan(last ?? -1n);
    const [lastRead] = await collect(client.readStream("many", { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    expect(lastRead?.event?.position).toEqual(result.position);

    const empty = await client.appendToStream("many", [], { expectedRevision: 4n });
    expect(empty.nextExpectedRevision).toBe(4n);
    expect(empty.position?.commit).toBeGreaterThan(last ?? 0n);
    expect(empty.position?.prepare).toBe(empty.position?.commit);
    expect(emulator.data.stream("many")).toHaveLength(5);
  });

  it("reads $all forwards and backwards, from a position, with a max count", async () => {
    const emulator = await harness.start({ batchAppend });
    const client = harness.client(emulator);
    for (const type of ["A", "B", "C", "D"]) await client.appendToStream(`s-${type}`, jsonEvent({ type, data: {} }));
    const all = await collect(client.readAll());
    const system = all.length - 4; // the node's system events come first
    const positionOf = (index: number) => {
      const position = all[system + index]?.event?.position;
      if (position === undefined) throw new Error("no position");
      return position;
    };

    expect(typesOf(await collect(client.readAll({ maxCount: system + 2 }))).slice(system)).toEqual(["A", "B"]);
    expect(typesOf(await collect(client.readAll({ fromPosition: positionOf(0), maxCount: 2 })))).toEqual(["A", "B"]);
    expect(typesOf(await collect(client.readAll({ fromPosition: positionOf(2) })))).toEqual(["C", "D"]);
    expect(typesOf(await collect(client.readAll({ fromPosition: END })))).toEqual([]);
    expect(userTypesOf(await collect(client.readAll({ direction: BACKWARDS, fromPosition: END })))).toEqual(["D", "C", "B", "A"]);
    expect(typesOf(await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 3 })))).toEqual(["D", "C", "B"]);
    expect(typesOf(await collect(client.readAll({ direction: BACKWARDS, fromPosition: positionOf(2), maxCount: 2 })))).toEqual(["B", "A"]);
    expect(typesOf(await collect(client.readAll({ direction: BACKWARDS, fromPosition: START })))).toEqual([]);
  });
});
