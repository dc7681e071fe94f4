import { DeadlineExceededError, UnavailableError, jsonEvent } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import { EmulatorData } from "./index.js";
import { collect, eventually, isSystemStream, rejectionOf, typesOf, useHarness, watch } from "./testing-support/harness.js";

const harness = useHarness();

const event = (type: string) => jsonEvent({ type, data: { type } });

// With the server gone, the client reports UnavailableError, or, when the failure comes from its
// server-features probe after a reconnect, the raw gRPC error with status 14 (UNAVAILABLE).
const isUnavailable = (error: unknown): boolean =>
  error instanceof UnavailableError || (typeof error === "object" && error !== null && "code" in error && error.code === 14);

describe.each([true, false])("faults (batchAppend: %s)", (batchAppend) => {
  it("stop kills open calls with UNAVAILABLE; a restart on the same port and data is reconnected to", async () => {
    const data = new EmulatorData();
    const first = await harness.start({ batchAppend, data });
    const client = harness.client(first);
    const before = await client.appendToStream("s", [event("A"), event("B")]);
    const watched = watch(client.subscribeToStream("s"));
    await watched.until(() => watched.caughtUp(), "caught-up");

    await first.stop();
    await expect(watched.until(() => false, "the subscription to fail")).rejects.toBeInstanceOf(UnavailableError);
    expect(isUnavailable(await rejectionOf(client.appendToStream("s", event("Lost"))))).toBe(true);

    const second = await harness.start({ batchAppend, port: first.port, data: first.data });
    expect(second.connectionString).toBe(first.connectionString);
    const after = await eventually(() => client.appendToStream("s", event("C"), { expectedRevision: 1n }));
    expect(after.nextExpectedRevision).toBe(2n);
    expect(after.position?.commit ?? 0n).toBeGreaterThan(before.position?.commit ?? 0n);
    expect(typesOf(await collect(client.readStream("s")))).toEqual(["A", "B", "C"]);
    expect(second.data).toBe(data);
  });

  it("hang: calls are accepted but never answered, so the client's deadline fires", async () => {
    const emulator = await harness.start({ batchAppend });
    const client = harness.client(emulator);
    await client.appendToStream("s", event("A")); // also fetches the server features before hanging
    emulator.hang(true);
    const error = await rejectionOf(client.appendToStream("s", event("Hung"), { deadline: 200 }));
    expect(error).toBeInstanceOf(DeadlineExceededError);
    emulator.hang(false);
    await eventually(() => client.appendToStream("s", event("B")));
    expect(typesOf(await collect(client.readStream("s")))).toEqual(["A", "B"]);
  });

  it("a dropped append reply: the append happened, the client sees UNAVAILABLE, a retry with the same ids stores one copy", async () => {
    const emulator = await harness.start({ batchAppend });
    const client = harness.client(emulator);
    await client.appendToStream("s", event("A"));
    const events = [event("B"), event("C")];
    emulator.dropNextAppendReply();
    expect(await rejectionOf(client.appendToStream("s", events, { expectedRevision: 0n }))).toBeInstanceOf(UnavailableError);
    expect(emulator.data.stream("s")).toHaveLength(3);

    const retried = await eventually(() => client.appendToStream("s", events, { expectedRevision: 0n }));
    expect(retried.success).toBe(true);
    expect(retried.nextExpectedRevision).toBe(2n);
    expect(typesOf(await collect(client.readStream("s")))).toEqual(["A", "B", "C"]);
    expect(emulator.data.all.filter((stored) => !isSystemStream(stored.streamName))).toHaveLength(3);
  });
});
