import { DeadlineExceededError, jsonEvent } from "@eventstore/db-client";
import { status } from "@grpc/grpc-js";
import { afterEach, describe, expect, it } from "vitest";
import { readUuid } from "./uuid.js";
import { batchOptions, chunk, openBatchAppend, timestampAt, type RawBatchAppend } from "./testing-support/raw.js";
import { collect, rejectionOf, typesOf, useHarness } from "./testing-support/harness.js";

const harness = useHarness();
const calls: RawBatchAppend[] = [];
afterEach(() => {
  for (const call of calls.splice(0)) call.close();
});
const open = (port: number): RawBatchAppend => {
  const call = openBatchAppend(port);
  calls.push(call);
  return call;
};

const event = (type: string) => jsonEvent({ type, data: { type } });

/** The Timeout status a server answers a batch with, as its parts. */
const timeoutOf = (response: { getError(): { getCode(): number; getMessage(): string; getDetails(): { getTypeName(): string } | undefined } | undefined }) => {
  const error = response.getError();
  return { code: error?.getCode(), message: error?.getMessage(), details: error?.getDetails()?.getTypeName() };
};
const TIMEOUT = { code: status.DEADLINE_EXCEEDED, message: "Timeout", details: "event_store.client.Timeout" };

describe("BatchAppend deadlines", () => {
  it("answers a batch whose deadline has already passed with Timeout at once, and writes nothing", async () => {
    const emulator = await harness.start({ batchAppend: true });
    const client = harness.client(emulator);
    await client.appendToStream("s", event("Before"));
    const started = Date.now();
    const error = await rejectionOf(client.appendToStream("s", event("Late"), { deadline: 0 }));
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(Date.now() - started).toBeLessThan(1_000); // not the 2 s write timeout
    expect(emulator.calls.batchAppend).toBe(1);
    await client.appendToStream("s", event("After"));
    expect(typesOf(await collect(client.readStream("s")))).toEqual(["Before", "After"]);
  });

  it("writes a complete batch within its deadline, and its timer never answers it again", async () => {
    const emulator = await harness.start({ batchAppend: true });
    const client = harness.client(emulator);
    const result = await client.appendToStream("s", [event("A"), event("B")], { deadline: 300 });
    expect(result.nextExpectedRevision).toBe(1n);
    await new Promise((resolve) => setTimeout(resolve, 500)); // past the deadline: a stray reply would crash client 6.2.1
    expect((await client.appendToStream("s", event("C"), { deadline: 300 })).nextExpectedRevision).toBe(2n);
  });

  it("times a batch out at its deadline when its final chunk has not arrived, and ignores the chunks after", async () => {
    const emulator = await harness.start({ batchAppend: true });
    const raw = open(emulator.port);
    const correlation = crypto.randomUUID();
    const started = Date.now();
    raw.call.write(chunk(correlation, batchOptions("partial").setDeadline(timestampAt(Date.now() + 300)), ["A"], false));
    const response = await raw.next();
    const elapsed = Date.now() - started;
    expect(timeoutOf(response)).toEqual(TIMEOUT);
    expect(readUuid(response.getCorrelationId())).toBe(correlation);
    expect(Buffer.from(response.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString()).toBe("partial");
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1_500);

    raw.call.write(chunk(correlation, undefined, ["B"], true)); // too late: not pending any more
    const other = crypto.randomUUID();
    raw.call.write(chunk(other, batchOptions("other").setDeadline(timestampAt(Date.now() + 5_000)), ["X"], true));
    const next = await raw.next();
    expect(readUuid(next.getCorrelationId())).toBe(other);
    expect(next.hasSuccess()).toBe(true);
    expect(raw.responses).toHaveLength(2);
    expect(emulator.data.stream("partial")).toEqual([]);
  });

  it("caps the wait for a final chunk at the 2 s write timeout, with a later deadline or none", async () => {
    const emulator = await harness.start({ batchAppend: true });
    const raw = open(emulator.port);
    const started = Date.now();
    raw.call.write(chunk(crypto.randomUUID(), batchOptions("far").setDeadline(timestampAt(Date.now() + 60_000)), ["A"], false));
    raw.call.write(chunk(crypto.randomUUID(), batchOptions("none"), ["A"], false));
    const [first, second] = [await raw.next(), await raw.next()];
    const elapsed = Date.now() - started;
    expect([timeoutOf(first), timeoutOf(second)]).toEqual([TIMEOUT, TIMEOUT]);
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    expect(elapsed).toBeLessThan(4_000);
  });
});
