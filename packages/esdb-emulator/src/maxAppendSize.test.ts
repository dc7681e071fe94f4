import { MaxAppendSizeExceededError, binaryEvent, jsonEvent } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import { collect, rejectionOf, typesOf, useHarness } from "./testing-support/harness.js";

const harness = useHarness();

// An event of exactly `size` bytes as the server counts it: data + metadata + 2 × type length.
const sized = (type: string, size: number, metadataBytes = 0) =>
  binaryEvent({ type, data: new Uint8Array(size - metadataBytes - type.length * 2), metadata: new Uint8Array(metadataBytes) });

const refused = async (promise: Promise<unknown>, maxAppendSize: number): Promise<MaxAppendSizeExceededError> => {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
  expect((error as MaxAppendSizeExceededError).maxAppendSize).toBe(maxAppendSize);
  return error as MaxAppendSizeExceededError;
};

describe.each([true, false])("maximum append size (batchAppend: %s)", (batchAppend) => {
  it("counts data, metadata and twice the type's length: exactly the maximum is accepted, a byte more refused", async () => {
    const emulator = await harness.start({ batchAppend, maxAppendSize: 50 });
    const client = harness.client(emulator);
    await client.appendToStream("s", sized("Ab", 50, 16));
    const error = await refused(client.appendToStream("s", sized("Ab", 51, 17)), 50);
    if (!batchAppend) {
      // Append: the server's RpcException (INVALID_ARGUMENT, with the maximum in a trailer).
      expect(error.code).toBe(3);
      expect(error.message).toContain("Maximum Append Size of 50 Exceeded.");
    }
    expect(emulator.data.stream("s")).toHaveLength(1);
  });

  it("sums the sizes over the whole append and writes none of its events when over", async () => {
    const emulator = await harness.start({ batchAppend, maxAppendSize: 100 });
    const client = harness.client(emulator);
    await refused(client.appendToStream("s", [sized("A", 40), sized("B", 40), sized("C", 40)]), 100);
    expect(emulator.data.stream("s")).toEqual([]);
    await client.appendToStream("s", [sized("A", 40), sized("B", 40)]); // the connection still serves
    expect(typesOf(await collect(client.readStream("s")))).toEqual(["A", "B"]);
  });

  it("defaults to 1,048,576 bytes", async () => {
    const emulator = await harness.start({ batchAppend });
    const client = harness.client(emulator);
    await client.appendToStream("big", sized("Big", 1_048_576));
    await refused(client.appendToStream("big", sized("Big", 1_048_577)), 1_048_576);
    expect(emulator.data.stream("big")).toHaveLength(1);
  });
});

describe("maximum append size over BatchAppend chunks", () => {
  it("sums the sizes over every chunk of a batch", async () => {
    const emulator = await harness.start({ batchAppend: true, maxAppendSize: 300 });
    const client = harness.client(emulator);
    const events = Array.from({ length: 8 }, (_, index) => jsonEvent({ type: `E${index}`, data: { padding: "x".repeat(30) } }));
    await refused(client.appendToStream("split", events, { batchAppendSize: 120 }), 300);
    expect(emulator.data.stream("split")).toEqual([]);
    const fits = await client.appendToStream("split", events.slice(0, 4), { batchAppendSize: 120 });
    expect(fits.nextExpectedRevision).toBe(3n);
  });
});
