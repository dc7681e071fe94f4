import type { EventStore, NewEvent, RecordedEvent } from "@tenfold/core";
import { expect, it } from "vitest";
import { type ContractContext, appendWithRetry, newEvents, readAllFully, readStreamFully } from "./fixtures.js";

/** @internal Options of the concurrency tests. */
export interface ConcurrencyOptions {
  readonly writers: number;
  readonly appendsPerWriter: number;
}

/**
 * @internal Room for adapters over a network: writers on one stream conflict about writers² ×
 * appends / 2 times, each a round trip. A cap, not a timing assertion.
 */
export const SLOW_ADAPTER_TIMEOUT = 120_000;

interface Written {
  readonly writer: number;
  readonly streamId: string;
  readonly batches: ReadonlyArray<ReadonlyArray<NewEvent>>;
}

/** Runs every writer at once; each appends its batches in order, retrying on conflicts. */
const writeConcurrently = async (store: EventStore, written: ReadonlyArray<Written>): Promise<void> => {
  const appends = written.reduce((n, w) => n + w.batches.length, 0);
  await Promise.all(
    written.map(async ({ streamId, batches }) => {
      const guess = { last: null as bigint | null };
      for (const batch of batches) await appendWithRetry(store, streamId, batch, guess, appends + 1);
    }),
  );
};

const planWriters = (ctx: ContractContext, { writers, appendsPerWriter }: ConcurrencyOptions, streamOf: (w: number) => string): Written[] =>
  Array.from({ length: writers }, (_, w) => ({
    writer: w,
    streamId: streamOf(w),
    batches: Array.from({ length: appendsPerWriter }, (_, b) => newEvents(ctx, `w${w}-b${b}`, 1 + ((w + b) % 3))),
  }));

/** Checks a stream after concurrent writers: contiguous revisions, every event once, each batch whole and each writer in order. */
const expectIntact = (events: ReadonlyArray<RecordedEvent>, written: ReadonlyArray<Written>): void => {
  expect(events.map((e) => e.streamRevision)).toEqual(events.map((_, i) => BigInt(i)));
  const ids = events.map((e) => e.eventId);
  const expected = written.flatMap((w) => w.batches.flat().map((e) => e.eventId));
  expect([...ids].sort()).toEqual([...expected].sort());
  const at = new Map(ids.map((id, i) => [id, i]));
  for (const w of written) {
    const places = w.batches.map((batch) => batch.map((e) => at.get(e.eventId) ?? -1));
    for (const batch of places) expect(batch).toEqual(batch.map((_, i) => (batch[0] ?? 0) + i));
    const starts = places.map((batch) => batch[0] ?? -1);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  }
};

/** @internal Concurrent appenders with retry, on one stream and on many; global order against stream order. */
export const concurrencyContract = (ctx: ContractContext, options: ConcurrencyOptions): void => {
  it(
    `${options.writers} concurrent appenders on one stream, retrying on conflicts, lose nothing and leave contiguous revisions`,
    ctx.withStore(async (store) => {
      const streamId = ctx.stream("one-stream");
      const written = planWriters(ctx, options, () => streamId);
      await writeConcurrently(store, written);
      expectIntact(await readStreamFully(store, streamId, 64), written);
    }),
    SLOW_ADAPTER_TIMEOUT,
  );

  it(
    `${options.writers} concurrent appenders on many streams lose nothing, and the global order keeps each stream's order`,
    ctx.withStore(async (store) => {
      const streams = Math.max(1, Math.ceil(options.writers / 5));
      const written = planWriters(ctx, options, (w) => ctx.stream(`many-${w % streams}`));
      await writeConcurrently(store, written);
      const all = await readAllFully(store, undefined, 97);
      const positions = all.map((e) => e.position);
      expect(positions.every((p, i) => i === 0 || p > (positions[i - 1] as bigint))).toBe(true);
      for (let s = 0; s < streams; s++) {
        const streamId = ctx.stream(`many-${s}`);
        const events = await readStreamFully(store, streamId, 50);
        expectIntact(events, written.filter((w) => w.streamId === streamId));
        expect(all.filter((e) => e.streamId === streamId)).toEqual(events);
      }
    }),
    SLOW_ADAPTER_TIMEOUT,
  );
};
