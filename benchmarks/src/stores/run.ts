import { castoreContender } from "./castore.js";
import type { ContenderFactory, ContenderName, StoreContender } from "./contender.js";
import { baselineContender } from "./baseline.js";
import { emmettContender } from "./emmett.js";
import { tenfoldContender } from "./tenfold.js";
import { type Aggregate, type Batch, type TypeCounts, type WorkloadSize, eventCount, makeBatches, streamIds } from "./workload.js";
import { fastestOf, heapAfterGc, timed } from "../harness/measure.js";
import { measureSealFloor } from "./sealFloor.js";

/** Timed passes of S2 and S3 in one child (the fastest counts); each takes tens of milliseconds. */
const PASSES = 5;

/** The store of each contender. */
export const CONTENDERS: { readonly [N in ContenderName]: ContenderFactory } = {
  tenfold: () => tenfoldContender(),
  "tenfold-unsealed": () => tenfoldContender({ layers: "none" }),
  "tenfold-seal-only": () => tenfoldContender({ layers: "seal" }),
  emmett: emmettContender,
  castore: castoreContender,
  baseline: baselineContender,
};

/** S1: appends every batch in order, each with the stream's expected revision. */
export const appendAll = async (store: StoreContender, batches: ReadonlyArray<Batch>, streams: number): Promise<void> => {
  const last = new Int32Array(streams).fill(-1);
  for (const { stream, streamId, events } of batches) {
    await store.append(streamId, events, last[stream] ?? -1);
    last[stream] = (last[stream] ?? -1) + events.length;
  }
};

/** S2: folds every stream; the total count and sum. */
export const aggregateAll = async (store: StoreContender, ids: ReadonlyArray<string>): Promise<Aggregate> => {
  let count = 0;
  let sum = 0;
  for (const id of ids) {
    const aggregate = await store.aggregate(id);
    count += aggregate.count;
    sum += aggregate.sum;
  }
  return { count, sum };
};

/** A filled store of one contender. */
export const filledStore = async (name: ContenderName, size: WorkloadSize): Promise<StoreContender> => {
  const store = CONTENDERS[name]();
  await appendAll(store, makeBatches(size), size.streams);
  return store;
};

/** What one child measured of one contender. */
export interface StoreSample {
  /** Events per second. */
  readonly rate: number;
  /** Heap bytes per event held by the store after S1 (S1 only). */
  readonly bytesPerEvent?: number;
  /** S1 of the sealed Tenfold store only: µs an event for the canonical JSON and SHA-256 of the events it sealed (`measureSealFloor`). */
  readonly sealFloorUs?: number;
  /** What the scenario computed, compared across contenders. */
  readonly check: Aggregate | TypeCounts | null;
}

const warmUpSize = (size: WorkloadSize): WorkloadSize => ({
  streams: Math.max(1, Math.floor(size.streams / 10)),
  appends: Math.max(1, Math.floor(size.appends / 10)),
  batch: size.batch,
});

/**
 * S1 and memory: a warm-up on a smaller throwaway store, then the timed appends. The heap is read
 * before the workload is generated and again once it is dropped, so whatever stays is the store's.
 * The sealed Tenfold store then gives its events back (untimed) for the seal's floor, measured in
 * the same process right after, with the store still in the heap: the canonical JSON and SHA-256 of
 * exactly the events it sealed, each hash checked against the one it recorded.
 */
export const measureAppend = async (name: ContenderName, size: WorkloadSize): Promise<StoreSample> => {
  await filledStore(name, warmUpSize(size));
  const before = heapAfterGc();
  let batches: Batch[] | null = makeBatches(size);
  const store = CONTENDERS[name]();
  const { seconds } = await timed(() => appendAll(store, batches ?? [], size.streams));
  batches = null;
  const after = heapAfterGc();
  const n = eventCount(size);
  const { count } = await aggregateAll(store, streamIds(size));
  if (count !== n) throw new Error(`${name} holds ${count} events after S1, not ${n}`);
  const sample = { rate: n / seconds, bytesPerEvent: (after - before) / n, check: null };
  if (name !== "tenfold" || store.recorded === undefined) return sample;
  const floor = measureSealFloor(await store.recorded());
  if (floor.matched !== n) throw new Error(`the seal floor recomputed ${floor.matched} of ${n} hashes as sealed: it hashed other bytes`);
  return { ...sample, sealFloorUs: floor.usPerEvent };
};

/** S2: fills the store (untimed), folds every stream once to warm up, then times the fastest of five passes. */
export const measureAggregate = async (name: ContenderName, size: WorkloadSize): Promise<StoreSample> => {
  const store = await filledStore(name, size);
  const ids = streamIds(size);
  await aggregateAll(store, ids);
  heapAfterGc();
  const { result, seconds } = await fastestOf(PASSES, () => aggregateAll(store, ids));
  return { rate: eventCount(size) / seconds, check: result };
};

/** S3: fills the store (untimed), reads everything once to warm up, then times the fastest of five passes. */
export const measureRebuild = async (name: ContenderName, size: WorkloadSize): Promise<StoreSample> => {
  const store = await filledStore(name, size);
  const ids = streamIds(size);
  await store.rebuild(ids);
  heapAfterGc();
  const { result, seconds } = await fastestOf(PASSES, () => store.rebuild(ids));
  const sorted = Object.fromEntries(Object.entries(result).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { rate: eventCount(size) / seconds, check: sorted };
};
