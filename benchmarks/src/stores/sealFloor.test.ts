import type { RecordedEvent } from "@tenfold/core";
import { describe, expect, it } from "vitest";
import { CONTENDERS, appendAll } from "./run.js";
import { measureSealFloor } from "./sealFloor.js";
import { makeBatches } from "./workload.js";

const SIZE = { streams: 3, appends: 12, batch: 10 };

const sealedEvents = async (): Promise<ReadonlyArray<RecordedEvent>> => {
  const store = CONTENDERS.tenfold();
  await appendAll(store, makeBatches(SIZE), SIZE.streams);
  return (await store.recorded?.()) ?? [];
};

describe("S1's seal floor", () => {
  it("hashes exactly the bytes the sealed store sealed: every recomputed hash is the recorded one", async () => {
    const events = await sealedEvents();
    expect(events).toHaveLength(120);
    // A quarter carry a personal value, read back decrypted: the floor seals it as null, as the store did.
    expect(events.filter((e) => Object.keys(e.personal ?? {}).length > 0)).toHaveLength(30);
    const floor = measureSealFloor(events);
    expect(floor.matched).toBe(120);
    expect(floor.usPerEvent).toBeGreaterThan(0);
    expect(floor.usPerEvent).toBeLessThan(1000);
  });

  it("counts an event whose bytes differ from what was sealed as unmatched", async () => {
    const events = await sealedEvents();
    const changed = events.map((e, i) => (i === 7 ? ({ ...e, data: { ...(e.data as object), peopleMet: 999 } } as unknown as RecordedEvent) : e));
    expect(measureSealFloor(changed).matched).toBe(119);
  });

  it("is not measured over nothing, nor over the unsealed store's events", async () => {
    expect(() => measureSealFloor([])).toThrow(RangeError);
    const store = CONTENDERS["tenfold-unsealed"]();
    await appendAll(store, makeBatches(SIZE), SIZE.streams);
    expect(measureSealFloor((await store.recorded?.()) ?? []).matched).toBe(0);
  });
});
