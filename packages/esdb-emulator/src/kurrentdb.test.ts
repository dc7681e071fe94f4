import { BACKWARDS, END, jsonEvent } from "@kurrent/kurrentdb-client";
import { describe, expect, it } from "vitest";
import { useKurrentHarness } from "./testing-support/kurrent.js";
import { collect } from "./testing-support/waiting.js";

// This file drives @kurrent/kurrentdb-client 1.3.1 (and only it): appends and subscriptions over
// grpc-js, reads through its Rust bridge. The emulator serves KurrentDB's generated protocol here.
const harness = useKurrentHarness();

const event = (type: string) => jsonEvent({ type, data: { type } });

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
