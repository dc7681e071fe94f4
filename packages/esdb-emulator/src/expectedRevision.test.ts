import { WrongExpectedVersionError, jsonEvent, type AppendExpectedRevision, type EventStoreDBClient } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "./index.js";
import { collect, rejectionOf, typesOf, useHarness } from "./testing-support/harness.js";

const harness = useHarness();

const event = (type: string) => jsonEvent({ type, data: { type } });

const setUp = async (batchAppend: boolean): Promise<{ emulator: RunningEmulator; client: EventStoreDBClient }> => {
  const emulator = await harness.start({ batchAppend });
  const client = harness.client(emulator);
  await client.appendToStream("existing", [event("E0"), event("E1")], { expectedRevision: "no_stream" });
  return { emulator, client };
};

const refusal = async (
  client: EventStoreDBClient,
  stream: string,
  expectedRevision: AppendExpectedRevision,
): Promise<WrongExpectedVersionError> => {
  const error = await rejectionOf(client.appendToStream(stream, event("Refused"), { expectedRevision }));
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  return error as WrongExpectedVersionError;
};

describe.each([true, false])("expected revision (batchAppend: %s)", (batchAppend) => {
  it("accepts each kind when the stream is in the stated state", async () => {
    const { client } = await setUp(batchAppend);
    expect((await client.appendToStream("fresh-any", event("A"), { expectedRevision: "any" })).nextExpectedRevision).toBe(0n);
    expect((await client.appendToStream("existing", event("E2"), { expectedRevision: "any" })).nextExpectedRevision).toBe(2n);
    expect((await client.appendToStream("fresh-none", event("N"), { expectedRevision: "no_stream" })).nextExpectedRevision).toBe(0n);
    expect((await client.appendToStream("existing", event("E3"), { expectedRevision: "stream_exists" })).nextExpectedRevision).toBe(3n);
    const exact = await client.appendToStream("existing", [event("E4"), event("E5")], { expectedRevision: 3n });
    expect(exact.success).toBe(true);
    expect(exact.nextExpectedRevision).toBe(5n);
    expect(typesOf(await collect(client.readStream("existing")))).toEqual(["E0", "E1", "E2", "E3", "E4", "E5"]);
  });

  it("refuses no_stream on an existing stream, with the current revision", async () => {
    const { client } = await setUp(batchAppend);
    const error = await refusal(client, "existing", "no_stream");
    expect(error.streamName).toBe("existing");
    expect(error.expectedVersion).toBe("no_stream");
    expect(error.actualVersion).toBe(1n);
  });

  it("refuses stream_exists on a missing stream", async () => {
    const { client } = await setUp(batchAppend);
    const error = await refusal(client, "missing", "stream_exists");
    expect(error.expectedVersion).toBe("stream_exists");
    expect(error.actualVersion).toBe("no_stream");
  });

  it("refuses a revision that is not the current one, above or below, or on a missing stream", async () => {
    const { client } = await setUp(batchAppend);
    const behind = await refusal(client, "existing", 0n);
    expect(behind.expectedVersion).toBe(0n);
    expect(behind.actualVersion).toBe(1n);
    const ahead = await refusal(client, "existing", 7n);
    expect(ahead.expectedVersion).toBe(7n);
    expect(ahead.actualVersion).toBe(1n);
    const missing = await refusal(client, "missing", 0n);
    expect(missing.expectedVersion).toBe(0n);
    expect(missing.actualVersion).toBe("no_stream");
    expect(typesOf(await collect(client.readStream("existing")))).toEqual(["E0", "E1"]);
  });

  it("uses the append path the server advertises", async () => {
    const { emulator, client } = await setUp(batchAppend);
    await client.appendToStream("existing", event("E2"));
    if (batchAppend) {
      expect(emulator.calls.getSupportedMethods).toBeGreaterThan(0);
      expect(emulator.calls.batchAppend).toBeGreaterThan(0);
      expect(emulator.calls.append).toBe(0);
    } else {
      expect(emulator.calls.batchAppend).toBe(0);
      expect(emulator.calls.append).toBe(2);
    }
  });
});

describe.each([true, false])("idempotent re-append (batchAppend: %s)", (batchAppend) => {
  it("accepts the same ids at the same position again, without a second copy", async () => {
    const { emulator, client } = await setUp(batchAppend);
    const events = [event("N0"), event("N1")];
    const first = await client.appendToStream("orders", events, { expectedRevision: "no_stream" });
    const again = await client.appendToStream("orders", events, { expectedRevision: "no_stream" });
    expect(again.success).toBe(true);
    expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
    // The repeat reports the original write: its last event's revision and own $all position.
    const originalLast = emulator.data.stream("orders")[1]?.position;
    expect(first.position).toEqual({ commit: originalLast, prepare: originalLast });
    expect(again.position).toEqual(first.position);
    const next = [event("N2")];
    await client.appendToStream("orders", next, { expectedRevision: 1n });
    expect((await client.appendToStream("orders", next, { expectedRevision: 1n })).nextExpectedRevision).toBe(2n);
    expect(typesOf(await collect(client.readStream("orders")))).toEqual(["N0", "N1", "N2"]);
    expect(emulator.data.all.filter((stored) => stored.streamName === "orders")).toHaveLength(3);
  });

  it("treats a repeat under `any` as idempotent too, reporting the repeated events' revision and position", async () => {
    const { emulator, client } = await setUp(batchAppend);
    const repeated = event("R");
    await client.appendToStream("any-stream", repeated);
    await client.appendToStream("any-stream", event("S"));
    const again = await client.appendToStream("any-stream", repeated);
    expect(again.nextExpectedRevision).toBe(0n);
    const original = emulator.data.stream("any-stream")[0]?.position;
    expect(again.position).toEqual({ commit: original, prepare: original });
    expect(typesOf(await collect(client.readStream("any-stream")))).toEqual(["R", "S"]);
  });

  it("refuses a partial repeat (some ids match, others differ) as a wrong expected version", async () => {
    const { client } = await setUp(batchAppend);
    const kept = event("K");
    await client.appendToStream("partial", [kept, event("L")], { expectedRevision: "no_stream" });
    const error = await rejectionOf(client.appendToStream("partial", [kept, event("Other")], { expectedRevision: "no_stream" }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(typesOf(await collect(client.readStream("partial")))).toEqual(["K", "L"]);
  });
});
