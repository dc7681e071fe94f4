import {
  BACKWARDS,
  DeadlineExceededError,
  END,
  MaxAppendSizeExceededError,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  binaryEvent,
  excludeSystemEvents,
  jsonEvent,
  type ResolvedEvent,
} from "@kurrent/kurrentdb-client";
import { status } from "@grpc/grpc-js";
import { afterEach, describe, expect, it } from "vitest";
import type { StreamsPb } from "./proto.js";
import { useKurrentHarness, watch } from "./testing-support/kurrent.js";
import { batchOptions, chunk, durationOf, openBatchAppend, type Duration, type RawBatchAppend } from "./testing-support/raw.js";
import { FRESH_NODE, collect, rejectionOf } from "./testing-support/waiting.js";

// This file drives @kurrent/kurrentdb-client 1.3.1 (and only it): appends and subscriptions over
// grpc-js, reads through its Rust bridge. The emulator serves KurrentDB's generated protocol here.
const harness = useKurrentHarness();

const event = (type: string) => jsonEvent({ type, data: { type } });

const rawCalls: RawBatchAppend[] = [];
afterEach(() => {
  for (const call of rawCalls.splice(0)) call.close();
});

// KurrentDB's generated BatchAppendReq.Options: the deadline oneof is field 6, the Timestamp
// `deadline_21_10_0` (what the client sends), or field 7, the Duration `deadline`.
interface KurrentBatchOptions {
  setDeadline(value: Duration): KurrentBatchOptions;
}
const kurrentOptions = (streamName: string): KurrentBatchOptions => batchOptions(streamName) as unknown as KurrentBatchOptions;
const errorOf = (response: StreamsPb.BatchAppendResp) => ({
  code: response.getError()?.getCode(),
  message: response.getError()?.getMessage(),
  details: response.getError()?.getDetails()?.getTypeName(),
});

describe.each([true, false])("KurrentDB client: append results (batchAppend: %s)", (batchAppend) => {
  it("reports the last event's own $all position as commit and prepare, on a first write and on an idempotent repeat", async () => {
    const emulator = await harness.start({ batchAppend });
    const client = harness.client(emulator);
    const events = [event("A"), event("B"), event("C")];
    const first = await client.appendToStream("s", events, { streamState: "no_stream" });
    const [last] = await collect(client.readStream("s", { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    expect(last?.event?.type).toBe("C");
    expect(first.nextExpectedRevision).toBe(2n);
    expect(first.position).toEqual(last?.event?.position);
    expect(first.position?.commit).toBe(first.position?.prepare);

    const again = await client.appendToStream("s", events, { streamState: "no_stream" });
    expect(again.nextExpectedRevision).toBe(2n);
    expect(again.position).toEqual(first.position);
    expect(emulator.data.stream("s")).toHaveLength(3);
  });
});

describe("KurrentDB client: BatchAppend deadlines", () => {
  it("raises DeadlineExceededError at once for a deadline already past, and writes nothing", async () => {
    const emulator = await harness.start({ batchAppend: true });
    const client = harness.client(emulator);
    await client.appendToStream("s", event("Before"));
    const started = Date.now();
    expect(await rejectionOf(client.appendToStream("s", event("Late"), { deadline: 0 }))).toBeInstanceOf(DeadlineExceededError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(emulator.data.stream("s").map((stored) => stored.type)).toEqual(["Before"]);
  });

  it("reads the relative Duration of field 7 (the other arm of the deadline oneof) as the batch's timeout", async () => {
    const emulator = await harness.start({ batchAppend: true });
    const raw = openBatchAppend(emulator.port);
    rawCalls.push(raw);
    const withDuration = (streamName: string, ms: number) =>
      kurrentOptions(streamName).setDeadline(durationOf(ms)) as unknown as StreamsPb.BatchAppendReq.Options;
    const timeout = { code: status.DEADLINE_EXCEEDED, message: "Timeout", details: "event_store.client.Timeout" };

    raw.call.write(chunk(crypto.randomUUID(), withDuration("zero", 0), ["A"], true)); // zero: passed already
    expect(errorOf(await raw.next())).toEqual(timeout);
    raw.call.write(chunk(crypto.randomUUID(), withDuration("later", 5_000), ["A"], true));
    expect((await raw.next()).hasSuccess()).toBe(true);
    const started = Date.now();
    raw.call.write(chunk(crypto.randomUUID(), withDuration("partial", 300), ["A"], false)); // never completed
    expect(errorOf(await raw.next())).toEqual(timeout);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(emulator.data.stream("zero")).toEqual([]);
    expect(emulator.data.stream("later")).toHaveLength(1);
    expect(emulator.data.stream("partial")).toEqual([]);
  });
});

describe.each([true, false])("KurrentDB client: maximum append size (batchAppend: %s)", (batchAppend) => {
  it("raises MaxAppendSizeExceededError with the maximum over data + metadata + 2 × type length, writing nothing", async () => {
    const emulator = await harness.start({ batchAppend, maxAppendSize: 64 });
    const client = harness.client(emulator);
    const sized = (size: number) => binaryEvent({ type: "Sized", data: new Uint8Array(size - 10 - 8), metadata: new Uint8Array(8) });
    await client.appendToStream("s", sized(64));
    const error = await rejectionOf(client.appendToStream("s", [sized(32), sized(33)]));
    expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
    expect((error as MaxAppendSizeExceededError).maxAppendSize).toBe(64);
    expect(emulator.data.stream("s")).toHaveLength(1);
  });
});

describe("KurrentDB client: system events", () => {
  const placeOf = (resolved: ResolvedEvent): string => `${resolved.event?.type ?? "?"}@${resolved.event?.streamId ?? "?"}`;

  it("reads and subscribes to $all with the node's system events first, as user events", async () => {
    const emulator = await harness.start();
    const client = harness.client(emulator);
    await client.appendToStream("order-1", event("Placed"));
    const all = await collect(client.readAll());
    expect(all.map(placeOf)).toEqual([...FRESH_NODE, "Placed@order-1"]);
    expect(all[0]?.event?.isJson).toBe(true);
    expect(Buffer.from(all[3]?.event?.data as Uint8Array).toString()).toBe("admin");
    const everything = watch(client.subscribeToAll({ fromPosition: START }));
    const noSystem = watch(client.subscribeToAll({ filter: excludeSystemEvents() }));
    await everything.until(() => everything.caughtUp(), "caught-up");
    await noSystem.until(() => noSystem.caughtUp(), "filtered caught-up");
    expect(everything.events.map(placeOf)).toEqual([...FRESH_NODE, "Placed@order-1"]);
    expect(noSystem.events.map(placeOf)).toEqual(["Placed@order-1"]);
  });

  it("systemEvents: false leaves $all empty until the first append", async () => {
    const emulator = await harness.start({ systemEvents: false });
    const client = harness.client(emulator);
    expect(await collect(client.readAll())).toEqual([]);
  });
});

describe("KurrentDB client: link events", () => {
  const shapeOf = (resolved: ResolvedEvent) => ({
    event: resolved.event === undefined ? "none" : `${resolved.event.type}@${resolved.event.streamId}:${resolved.event.revision}`,
    link: resolved.link === undefined ? undefined : `${resolved.link.type}@${resolved.link.streamId}:${resolved.link.revision}`,
  });

  it("reads links resolved through the bridge when asked, and as the link records otherwise", async () => {
    const emulator = await harness.start();
    const client = harness.client(emulator);
    await client.appendToStream("order-1", [event("Placed"), event("Shipped")]);
    const link = (payload: string) => binaryEvent({ type: "$>", data: Buffer.from(payload, "utf8") });
    await client.appendToStream("links", [link("1@order-1"), link("9@order-1"), link("x@order-1")]);

    expect((await collect(client.readStream("links"))).map(shapeOf)).toEqual([
      { event: "$>@links:0", link: undefined },
      { event: "$>@links:1", link: undefined },
      { event: "$>@links:2", link: undefined },
    ]);
    const resolved = await collect(client.readStream("links", { resolveLinkTos: true }));
    expect(resolved.map(shapeOf)).toEqual([
      { event: "Shipped@order-1:1", link: "$>@links:0" },
      { event: "none", link: "$>@links:1" },
      { event: "$>@links:2", link: undefined },
    ]);
    const shipped = emulator.data.stream("order-1")[1]?.position;
    expect(resolved[0]?.event?.position).toEqual({ commit: shipped, prepare: shipped });
    const fromAll = (await collect(client.readAll({ resolveLinkTos: true }))).filter((read) => read.link !== undefined);
    expect(fromAll.map(shapeOf)).toEqual([
      { event: "Shipped@order-1:1", link: "$>@links:0" },
      { event: "none", link: "$>@links:1" },
    ]);
    const subscribed = watch(client.subscribeToStream("links", { resolveLinkTos: true }));
    await subscribed.until(() => subscribed.caughtUp() && subscribed.events.length === 3, "catch-up");
    expect(subscribed.events.map(shapeOf)).toEqual(resolved.map(shapeOf));
  });
});

describe.each([true, false])("KurrentDB client: deleted and tombstoned streams (batchAppend: %s)", (batchAppend) => {
  it("a tombstoned stream fails reads (through the bridge) and appends with StreamDeletedError naming it", async () => {
    const emulator = await harness.start({ batchAppend });
    const client = harness.client(emulator);
    await client.appendToStream("t", [event("A"), event("B")]);
    await client.tombstoneStream("t");
    const read = await rejectionOf(collect(client.readStream("t")));
    expect(read).toBeInstanceOf(StreamDeletedError);
    expect((read as StreamDeletedError).streamName).toBe("t");
    for (const streamState of ["any", "no_stream", 1n] as const) {
      const append = await rejectionOf(client.appendToStream("t", event("C"), { streamState }));
      expect(append).toBeInstanceOf(StreamDeletedError);
      expect((append as StreamDeletedError).streamName).toBe("t");
    }
    const all = (await collect(client.readAll())).filter((resolved) => resolved.event?.streamId === "t");
    expect(all.map((resolved) => resolved.event?.type)).toEqual(["A", "B", "$streamDeleted"]);
  });

  it("a soft-deleted stream reads as not found until an append recreates it, revisions continuing", async () => {
    const emulator = await harness.start({ batchAppend });
    const client = harness.client(emulator);
    await client.appendToStream("s", [event("A"), event("B")]);
    await client.deleteStream("s");
    expect(await rejectionOf(collect(client.readStream("s")))).toBeInstanceOf(StreamNotFoundError);
    const recreated = await client.appendToStream("s", event("C"), { streamState: "no_stream" });
    expect(recreated.nextExpectedRevision).toBe(2n);
    const read = await collect(client.readStream("s"));
    expect(read.map((resolved) => `${resolved.event?.type}:${resolved.event?.revision}`)).toEqual(["C:2"]);
    const missing = await rejectionOf(client.deleteStream("missing", { expectedRevision: "no_stream" }));
    expect(missing).toBeInstanceOf(WrongExpectedVersionError);
    expect(missing).toMatchObject({ streamName: "missing", expectedState: -1n, actualState: -1n });
  });
});
