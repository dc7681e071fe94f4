import type { TaskResult } from "../harness/config.js";
import { timed } from "../harness/measure.js";
import { type Aggregate, type Batch, type TypeCounts, eventCount, makeBatches, streamIds } from "../stores/workload.js";
import type { PostgresContender, PostgresContenderFactory, PostgresContenderName } from "./contender.js";
import { openEmmett } from "./emmett.js";
import { dropDatabase, freshDatabase } from "./server.js";
import type { PostgresSize } from "./sizes.js";
import { openTenfold } from "./tenfold.js";

/*
 * S10 in one child, for one store, on the run's throwaway server: each phase in a database of its
 * own (created empty, dropped after), so every store and every phase starts from nothing.
 *   warm-up (not in the smoke run): a tenth of the appends, then a catch-up, in a database thrown away;
 *   append×1: the appends by one writer, in order, each with its expected revision;
 *   then on that database: fold every stream, read all in global order, catch up from 0 to the end;
 *   append×8: the same appends by `writers` writers at once (writer w owns the streams s ≡ w mod writers);
 *   live: a catch-up reader follows from 0 while `writers` writers append `liveAppends` batches;
 *   it counts the events it missed and repeated; a second reader started after the writers re-reads all.
 */

const FACTORIES: { readonly [N in PostgresContenderName]: PostgresContenderFactory } = {
  tenfold: openTenfold(true),
  "tenfold-unsealed": openTenfold(false),
  emmett: openEmmett,
};

/** How long the live reader may take, after the writers are done, to reach the last event. */
const SETTLE_MS = 60_000;
/** How long a live reader that has delivered nothing is taken to be at its end (Emmett's consumer polls at least once a second). */
const IDLE_MS = 3000;

/** Appends every batch, `writers` writers at once; the greatest global position the appends returned. */
export const appendConcurrently = async (store: PostgresContender, batches: ReadonlyArray<Batch>, writers: number): Promise<bigint> => {
  let last = -1n;
  const writer = async (w: number): Promise<void> => {
    const revisions = new Map<number, number>();
    for (const { stream, streamId, events } of batches) {
      if (stream % writers !== w) continue;
      const lastRevision = revisions.get(stream) ?? -1;
      const position = await store.append(streamId, events, lastRevision);
      revisions.set(stream, lastRevision + events.length);
      if (position > last) last = position;
    }
  };
  await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
  return last;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every `stream#revision` the batches write. */
const keysOf = (batches: ReadonlyArray<Batch>): Set<string> => {
  const next = new Map<string, number>();
  const keys = new Set<string>();
  for (const { streamId, events } of batches) {
    const first = next.get(streamId) ?? 0;
    for (let i = 0; i < events.length; i++) keys.add(`${streamId}#${first + i}`);
    next.set(streamId, first + events.length);
  }
  return keys;
};

/** What the live reader saw: events missed and delivered more than once, and what a re-read afterwards missed. */
interface LiveResult {
  readonly missed: number;
  readonly repeated: number;
  readonly rereadMissed: number;
}

const live = async (store: PostgresContender, batches: ReadonlyArray<Batch>, writers: number): Promise<LiveResult> => {
  const expected = keysOf(batches);
  const seen = new Map<string, number>();
  let highest = -1n;
  let lastDelivery = Date.now();
  const reader = store.follow((key, position) => {
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (position > highest) highest = position;
    lastDelivery = Date.now();
  });
  const last = await appendConcurrently(store, batches, writers);
  // Until it has delivered the last position written, or has been idle for a while (it skipped it), or time is up.
  const deadline = Date.now() + SETTLE_MS;
  while (highest < last && Date.now() < deadline && Date.now() - lastDelivery < IDLE_MS) await sleep(20);
  await sleep(200); // deliveries of the reader's last page
  await reader.stop();
  const delivered = [...seen.values()].reduce((a, b) => a + b, 0);
  const missed = [...expected].filter((k) => !seen.has(k)).length;
  const again = new Set<string>();
  await store.catchUp((key) => again.add(key));
  const rereadMissed = [...expected].filter((k) => !again.has(k)).length;
  return { missed, repeated: delivered - seen.size, rereadMissed };
};

/** Folds every stream; the total count and sum. */
const foldAll = async (store: PostgresContender, ids: ReadonlyArray<string>): Promise<Aggregate> => {
  let total: Aggregate = { count: 0, sum: 0 };
  for (const id of ids) {
    const a = await store.aggregate(id);
    total = { count: total.count + a.count, sum: total.sum + a.sum };
  }
  return total;
};

/** Opens the store on a fresh database, runs `work`, closes and drops it. */
const inDatabase = async <A>(url: string, name: string, factory: PostgresContenderFactory, work: (store: PostgresContender) => Promise<A>): Promise<A> => {
  const store = await factory(await freshDatabase(url, name));
  try {
    return await work(store);
  } finally {
    await store.close();
    await dropDatabase(url, name);
  }
};

/** S10 for one store; rates in events per second, the correctness row as counts of events. */
export const measurePostgres = async (subject: string, url: string | undefined, unavailable: string | undefined, size: PostgresSize): Promise<TaskResult> => {
  if (url === undefined) return { ok: false, unavailable: true, reason: unavailable ?? "no PostgreSQL server was started for S10" };
  if (!(subject in FACTORIES)) throw new Error(`no PostgreSQL contender ${subject}`);
  const factory = FACTORIES[subject as PostgresContenderName];
  const db = `s10_${subject.replace(/-/g, "_")}_${process.pid}`;
  const n = eventCount(size);
  const batches = makeBatches(size);
  const ids = streamIds(size);
  const warm = makeBatches({ ...size, appends: Math.max(size.streams, Math.floor(size.appends / 10)) });
  if (size.warmUp) {
    await inDatabase(url, `${db}_warm`, factory, async (store) => {
      await appendConcurrently(store, warm, size.writers);
      await store.catchUp();
    });
  }
  const one = await inDatabase(url, `${db}_w1`, factory, async (store) => {
    const append = await timed(() => appendConcurrently(store, batches, 1));
    const aggregate = await timed(() => foldAll(store, ids));
    const readAll = await timed(() => store.readAll());
    const catchUp = await timed(() => store.catchUp());
    return { append, aggregate, readAll, catchUp };
  });
  const eight = await inDatabase(url, `${db}_w8`, factory, async (store) => {
    const append = await timed(() => appendConcurrently(store, batches, size.writers));
    // Counted stream by stream: a global read is what the live row judges.
    return { append, folded: await foldAll(store, ids) };
  });
  const correctness = await inDatabase(url, `${db}_live`, factory, (store) => live(store, makeBatches({ ...size, appends: size.liveAppends }), size.writers));
  const total = (counts: TypeCounts): number => Object.values(counts).reduce((a, b) => a + b, 0);
  // Emmett's read of all and its consumer page past rows now and then (the missed rows measure it):
  // a short read of its is reported as a count, never taken as the run's failure. Tenfold's must be whole.
  const wholeReads = subject !== "emmett";
  const wrong = [
    one.aggregate.result.count !== n && `folded ${one.aggregate.result.count} events`,
    wholeReads && total(one.readAll.result) !== n && `read all ${total(one.readAll.result)} events`,
    wholeReads && one.catchUp.result !== n && `caught up on ${one.catchUp.result} events`,
    eight.folded.count !== n && `holds ${eight.folded.count} events after ${size.writers} writers`,
  ].filter((w): w is string => typeof w === "string");
  if (wrong.length > 0) throw new Error(`${subject} wrote ${n} events but ${wrong.join(", ")}`);
  return {
    ok: true,
    values: {
      append1: n / one.append.seconds,
      append8: n / eight.append.seconds,
      aggregate: n / one.aggregate.seconds,
      readAll: n / one.readAll.seconds,
      catchUp: n / one.catchUp.seconds,
      missed: correctness.missed,
      repeated: correctness.repeated,
      rereadMissed: correctness.rereadMissed,
      readAllMissed: n - total(one.readAll.result),
      catchUpMissed: n - one.catchUp.result,
    },
    // What every store must get whole: the folds stream by stream, after one writer and after eight.
    check: JSON.stringify({ aggregate: one.aggregate.result, afterWriters: eight.folded }),
  };
};
