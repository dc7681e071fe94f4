import { type CampaignEvent, type RecordedEvent, describeStoreError, expectRevision, foldStream, systemClock } from "@tenfold/core";
import { withSeal } from "@tenfold/core/adapter";
import { nodeSha256 } from "@tenfold/core/node";
import { createMemoryEventStore, createUnsealedMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import type { StoreContender } from "./contender.js";
import { type Aggregate, type TypeCounts, countType, emptyAggregate, step, tenfoldEnvelopes } from "./workload.js";

/**
 * Tenfold's memory store as users get it: each event wrapped in the full envelope the handler
 * writes (a random UUID, schema version 2, the instant, metadata, `personal` subjects), its
 * personal values committed to and encrypted (`withPersonalData`) and the event sealed into its
 * stream's hash chain, appended with the expected revision; streams folded with `foldStream`; the
 * log read page by page with `readAll` (each personal value decrypted). `layers: "none"` measures
 * the bare store under both layers (given the same envelopes, kept as they are), to show what
 * they cost; `layers: "seal"` the bare store sealed (`withSeal`) without the personal layer (values
 * kept as given), to tell the seal's cost from the layer's.
 */
export const tenfoldContender = ({ layers = "all" }: { readonly layers?: "all" | "seal" | "none" } = {}): StoreContender => {
  const store = layers === "all" ? createMemoryEventStore() : layers === "seal" ? withSeal(createUnsealedMemoryEventStore(), nodeSha256) : createUnsealedMemoryEventStore();

  const append = async (streamId: string, events: ReadonlyArray<CampaignEvent>, lastRevision: number): Promise<void> => {
    const recordedAt = systemClock.now().toISOString();
    const appended = await store.append(streamId, tenfoldEnvelopes(events, recordedAt), expectRevision(lastRevision < 0 ? null : BigInt(lastRevision)))();
    if (E.isLeft(appended)) throw new Error(describeStoreError(appended.left));
  };

  const aggregate = async (streamId: string): Promise<Aggregate> => {
    const start = { state: emptyAggregate, lastRevision: null };
    const folded = await foldStream(store, streamId, start, (s: Aggregate, e) => step(s, e.type, e.data))();
    if (E.isLeft(folded)) throw new Error(describeStoreError(folded.left));
    return folded.right.state;
  };

  const rebuild = async (): Promise<TypeCounts> => {
    const counts: TypeCounts = {};
    let after: bigint | undefined;
    for (;;) {
      const page = await store.readAll(after === undefined ? undefined : { after })();
      if (E.isLeft(page)) throw new Error(describeStoreError(page.left));
      for (const event of page.right.events) countType(counts, event.type);
      if (page.right.next === null) return counts;
      after = page.right.next;
    }
  };

  // Untimed (S1's seal floor): the same pages as `rebuild`, kept; `rebuild` stays a loop of its own, as timed.
  const recorded = async (): Promise<ReadonlyArray<RecordedEvent>> => {
    const events: RecordedEvent[] = [];
    let after: bigint | undefined;
    for (;;) {
      const page = await store.readAll(after === undefined ? undefined : { after })();
      if (E.isLeft(page)) throw new Error(describeStoreError(page.left));
      events.push(...page.right.events);
      if (page.right.next === null) return events;
      after = page.right.next;
    }
  };

  return { append, aggregate, rebuild, recorded };
};
