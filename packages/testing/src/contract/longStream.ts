import { type StreamPage, exactRevision, noStream } from "@tenfold/core";
import { expect, it } from "vitest";
import { SLOW_ADAPTER_TIMEOUT } from "./concurrency.js";
import { type ContractContext, newEvent, orFail } from "./fixtures.js";

const BATCH = 1000;

/** @internal Writing a long stream, then reading it page by page, one page held at a time. */
export const longStreamContract = (ctx: ContractContext, { length, pageSize }: { readonly length: number; readonly pageSize: number }): void => {
  it(
    `reads a ${length.toLocaleString("en-US")}-event stream page by page, never more than a page at a time`,
    ctx.withStore(async (store) => {
      const streamId = ctx.stream("long");
      for (let from = 0; from < length; from += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, length - from) }, (_, i) => newEvent(ctx, `long-${from + i}`));
        await orFail(store.append(streamId, batch, from === 0 ? noStream : exactRevision(BigInt(from - 1))), "append");
      }
      let next: bigint | null = 0n;
      let count = 0;
      let pages = 0;
      const problems: string[] = [];
      while (next !== null && pages <= length / pageSize + 1 && problems.length === 0) {
        const page: StreamPage = await orFail(store.readStream(streamId, { fromRevision: next, maxCount: pageSize }), "readStream");
        pages++;
        if (page.events.length > pageSize || (page.events.length === 0 && page.next !== null)) problems.push(`page ${pages} holds ${page.events.length} events, next ${String(page.next)}`);
        for (const e of page.events) {
          if (e.streamRevision !== BigInt(count) || (e.data as { groupId?: string }).groupId !== `long-${count}`) problems.push(`revision ${count} is ${e.streamRevision}`);
          count++;
        }
        next = page.next;
      }
      expect(problems).toEqual([]);
      expect(count).toBe(length);
      expect(pages).toBe(Math.ceil(length / pageSize));
      const first = await orFail(store.readStream(streamId), "readStream");
      expect(first.events.length).toBeGreaterThan(0);
      expect(first.events.length).toBeLessThanOrEqual(1000);
    }),
    5 * SLOW_ADAPTER_TIMEOUT,
  );
};
