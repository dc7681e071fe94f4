import {
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type AppendExpectedRevision,
  type EventStoreDBClient,
} from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import { collect, rejectionOf, typesOf, useHarness, watch } from "./testing-support/harness.js";

const harness = useHarness();

const event = (type: string) => jsonEvent({ type, data: { type } });

const textOf = (data: Uint8Array | undefined): string => Buffer.from(data ?? []).toString("utf8");

const deletedError = async (promise: Promise<unknown>, streamName: string): Promise<StreamDeletedError> => {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(StreamDeletedError);
  expect((error as StreamDeletedError).streamName).toBe(streamName);
  return error as StreamDeletedError;
};

const wrongVersion = async (promise: Promise<unknown>): Promise<WrongExpectedVersionError> => {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  return error as WrongExpectedVersionError;
};

const withThree = async (batchAppend: boolean): Promise<{ client: EventStoreDBClient; emulator: Awaited<ReturnType<typeof harness.start>> }> => {
  const emulator = await harness.start({ batchAppend });
  const client = harness.client(emulator);
  await client.appendToStream("s", [event("A"), event("B"), event("C")]);
  return { emulator, client };
};

describe.each([true, false])("soft delete (batchAppend: %s)", (batchAppend) => {
  it("writes $$stream metadata {$tb: long.MaxValue}; the stream reads as not found, $all still shows every record", async () => {
    const { emulator, client } = await withThree(batchAppend);
    const result = await client.deleteStream("s", { expectedRevision: 2n });
    const [metadata] = emulator.data.stream("$$s");
    expect(metadata).toMatchObject({ type: "$metadata", isJson: true, revision: 0n });
    expect(textOf(metadata?.data)).toBe('{"$tb":9223372036854775807}');
    expect(result.position).toEqual({ commit: metadata?.position, prepare: metadata?.position });
    const error = await rejectionOf(collect(client.readStream("s")));
    expect(error).toBeInstanceOf(StreamNotFoundError);
    const all = (await collect(client.readAll())).filter((read) => ["s", "$$s"].includes(read.event?.streamId ?? ""));
    expect(all.map((read) => `${read.event?.type}@${read.event?.streamId}`)).toEqual(["A@s", "B@s", "C@s", "$metadata@$$s"]);
  });

  it.each<AppendExpectedRevision>(["any", "no_stream", 2n])("an append under %s recreates it, revisions continuing; only the new events read back", async (expectedRevision) => {
    const { emulator, client } = await withThree(batchAppend);
    await client.deleteStream("s");
    const recreated = await client.appendToStream("s", [event("D"), event("E")], { expectedRevision });
    expect(recreated.nextExpectedRevision).toBe(4n);
    const read = await collect(client.readStream("s"));
    expect(typesOf(read)).toEqual(["D", "E"]);
    expect(read.map((resolved) => resolved.event?.revision)).toEqual([3n, 4n]);
    expect(textOf(emulator.data.stream("$$s").at(-1)?.data)).toBe('{"$tb":3}');
    expect((await client.appendToStream("s", event("F"), { expectedRevision: 4n })).nextExpectedRevision).toBe(5n);
  });

  it("refuses stream_exists on a soft-deleted stream as deleted", async () => {
    const { client } = await withThree(batchAppend);
    await client.deleteStream("s");
    await deletedError(client.appendToStream("s", event("D"), { expectedRevision: "stream_exists" }), "s");
  });

  it("a subscription to a soft-deleted stream is caught up with nothing, then gets the recreated stream's events", async () => {
    const { client } = await withThree(batchAppend);
    await client.deleteStream("s");
    const watched = watch(client.subscribeToStream("s"));
    await watched.until(() => watched.caughtUp(), "caught-up");
    expect(watched.events).toEqual([]);
    await client.appendToStream("s", event("D"));
    await watched.until(() => watched.events.length === 1, "the recreated stream's event");
    expect(watched.events.map((resolved) => resolved.event?.revision)).toEqual([3n]);
  });

  it("answers a wrong expected version as the server does: a missing stream always, an existing one at another revision", async () => {
    const { client } = await withThree(batchAppend);
    for (const [expectedRevision, expectedVersion] of [["any", -2n], ["no_stream", -1n], [0n, 0n]] as const) {
      const error = await wrongVersion(client.deleteStream("missing", { expectedRevision }));
      expect(error).toMatchObject({ streamName: "missing", expectedVersion, actualVersion: -1n });
    }
    const error = await wrongVersion(client.deleteStream("s", { expectedRevision: 1n }));
    expect(error).toMatchObject({ streamName: "s", expectedVersion: 1n, actualVersion: 2n });
    expect(typesOf(await collect(client.readStream("s")))).toEqual(["A", "B", "C"]);
  });
});

describe("stream metadata's $tb", () => {
  it("hides the events before it from stream reads; metadata written to a soft-deleted stream undeletes it past its old events", async () => {
    const { emulator, client } = await withThree(true);
    await client.setStreamMetadata("s", { truncateBefore: 2 });
    expect(typesOf(await collect(client.readStream("s")))).toEqual(["C"]);
    await client.deleteStream("s");
    await client.setStreamMetadata("s", { maxCount: 10 });
    expect(emulator.data.stream("$$s").map((stored) => textOf(stored.data))).toEqual([
      '{"$tb":2}',
      '{"$tb":9223372036854775807}',
      '{"$maxCount":10}',
      '{"$maxCount":10,"$tb":3}',
    ]);
    expect(await collect(client.readStream("s"))).toEqual([]); // the stream exists again, its old events truncated
    await client.appendToStream("s", event("D"), { expectedRevision: 2n });
    expect(typesOf(await collect(client.readStream("s")))).toEqual(["D"]);
  });
});

describe.each([true, false])("tombstone (batchAppend: %s)", (batchAppend) => {
  it("reads and appends fail with StreamDeletedError naming the stream; $all shows its records and the tombstone", async () => {
    const { emulator, client } = await withThree(batchAppend);
    const result = await client.tombstoneStream("s", { expectedRevision: 2n });
    const tombstone = emulator.data.all.at(-1);
    expect(tombstone).toMatchObject({ streamName: "s", type: "$streamDeleted", revision: 9223372036854775807n, isJson: false });
    expect(result.position).toEqual({ commit: tombstone?.position, prepare: tombstone?.position });

    const read = await deletedError(collect(client.readStream("s")), "s");
    expect(read.message).toContain("Event stream 's' is deleted.");
    for (const expectedRevision of ["any", "no_stream", "stream_exists", 2n] as const) {
      await deletedError(client.appendToStream("s", event("D"), { expectedRevision }), "s");
    }
    await deletedError(client.tombstoneStream("s"), "s");
    await deletedError(client.deleteStream("s"), "s");
    const all = (await collect(client.readAll())).filter((resolved) => resolved.event?.streamId === "s");
    expect(all.map((resolved) => `${resolved.event?.type}:${resolved.event?.revision}`)).toEqual(["A:0", "B:1", "C:2", "$streamDeleted:9223372036854775807"]);
    expect(emulator.data.stream("s")).toHaveLength(3);
  });

  it("tombstones a stream that never existed under any or no_stream, not under a revision", async () => {
    const { client } = await withThree(batchAppend);
    await client.tombstoneStream("never", { expectedRevision: "no_stream" });
    await deletedError(collect(client.readStream("never")), "never");
    const error = await wrongVersion(client.tombstoneStream("other", { expectedRevision: 0n }));
    expect(error).toMatchObject({ streamName: "other", expectedVersion: 0n, actualVersion: -1n });
    const existing = await wrongVersion(client.tombstoneStream("s", { expectedRevision: "no_stream" }));
    expect(existing).toMatchObject({ streamName: "s", expectedVersion: -1n, actualVersion: 2n });
  });

  it("a subscription fails on a tombstoned stream; a live one gets the tombstone, then fails", async () => {
    const { client } = await withThree(batchAppend);
    const live = watch(client.subscribeToStream("s"));
    await live.until(() => live.caughtUp() && live.events.length === 3, "catch-up");
    await client.tombstoneStream("s");
    await expect(live.until(() => false, "the subscription to fail")).rejects.toBeInstanceOf(StreamDeletedError);
    expect(live.events.map((resolved) => resolved.event?.type)).toEqual(["A", "B", "C", "$streamDeleted"]);
    const late = watch(client.subscribeToStream("s"));
    await expect(late.until(() => false, "the subscription to fail")).rejects.toBeInstanceOf(StreamDeletedError);
    expect(late.events).toEqual([]);
  });
});
