import { type EventStore, describeStoreError, expectRevision, noMetadata } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import type { TaskResult } from "../harness/config.js";
import { timed } from "../harness/measure.js";
import { makeBatches, tenfoldEnvelopes } from "../stores/workload.js";

/*
 * S8: the EventStoreDB adapter over the gRPC emulator, in this process: append `events` in
 * batches of `batch` (each with its expected revision), then read every stream back. The two
 * packages are loaded by name at run time, so this scenario reports itself unavailable, with the
 * reason, while they are missing or unfinished. The client package is `TENFOLD_ESDB_CLIENT`
 * (`@kurrent/kurrentdb-client` by default, or `@eventstore/db-client`): one per process.
 */

/** The client package S8 goes through. */
const clientPackage = (): string => process.env["TENFOLD_ESDB_CLIENT"] ?? "@kurrent/kurrentdb-client";

interface Emulator {
  readonly connectionString: string;
  readonly stop: () => Promise<void>;
}
export interface EmulatorModule {
  readonly startEmulator: (options: { readonly clientPackage: string }) => Promise<Emulator>;
}
export interface AdapterModule {
  readonly connectEventStoreDb: (connectionString: string, options: { readonly clientPackage: string }) => E.Either<{ readonly reason: string }, { readonly store: EventStore; readonly close: () => Promise<void> }>;
}

const load = async <M>(name: string, member: string): Promise<M | string> => {
  try {
    const module = (await import(name)) as Record<string, unknown>;
    return typeof module[member] === "function" ? (module as M) : `${name} does not export ${member} yet`;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return code === "ERR_MODULE_NOT_FOUND"
      ? `${name} is not a dependency of @tenfold/benchmarks (or is not built)`
      : `${name} cannot be loaded: ${e instanceof Error ? e.message : String(e)}`;
  }
};

const unavailable = (reason: string): TaskResult => ({ ok: false, unavailable: true, reason });

const countStream = async (store: EventStore, streamId: string): Promise<number> => {
  let n = 0;
  let next: bigint | null = 0n;
  while (next !== null) {
    const page = await store.readStream(streamId, { fromRevision: next })();
    if (E.isLeft(page)) throw new Error(describeStoreError(page.left));
    n += page.right.events.length;
    next = page.right.next;
  }
  return n;
};

/** Appends and reads back through the adapter; rates in events per second. */
export const measureEventStoreDb = async (events: number, batch: number): Promise<TaskResult> => {
  const emulatorModule = await load<EmulatorModule>("@tenfold/esdb-emulator", "startEmulator");
  if (typeof emulatorModule === "string") return unavailable(emulatorModule);
  const adapterModule = await load<AdapterModule>("@tenfold/store-eventstoredb", "connectEventStoreDb");
  if (typeof adapterModule === "string") return unavailable(adapterModule);
  return measureWith(emulatorModule, adapterModule, events, batch);
};

/** @internal {@link measureEventStoreDb} with the two modules given. */
export const measureWith = async (emulatorModule: EmulatorModule, adapterModule: AdapterModule, events: number, batch: number): Promise<TaskResult> => {
  const emulator = await emulatorModule.startEmulator({ clientPackage: clientPackage() });
  const connected = adapterModule.connectEventStoreDb(emulator.connectionString, { clientPackage: clientPackage() });
  if (E.isLeft(connected)) return unavailable(`connectEventStoreDb refused the emulator: ${connected.left.reason}`);
  const { store, close } = connected.right;
  try {
    const size = { streams: Math.max(1, Math.floor(events / batch / 10)), appends: Math.floor(events / batch), batch };
    const batches = makeBatches(size);
    const last = new Map<string, bigint>();
    const append = async (): Promise<void> => {
      const recordedAt = new Date().toISOString();
      for (const { streamId, events: domainEvents } of batches) {
        const appended = await store.append(streamId, tenfoldEnvelopes(domainEvents, recordedAt, noMetadata), expectRevision(last.get(streamId) ?? null))();
        if (E.isLeft(appended)) throw new Error(describeStoreError(appended.left));
        last.set(streamId, appended.right.nextExpectedRevision);
      }
    };
    const written = await timed(append);
    const read = await timed(async () => {
      let n = 0;
      for (const streamId of last.keys()) n += await countStream(store, streamId);
      return n;
    });
    const total = size.appends * batch;
    if (read.result !== total) throw new Error(`read back ${read.result} events, not ${total}`);
    return { ok: true, values: { append: total / written.seconds, read: total / read.seconds }, check: `${read.result} read back through ${clientPackage()}` };
  } finally {
    await close();
    await emulator.stop();
  }
};
