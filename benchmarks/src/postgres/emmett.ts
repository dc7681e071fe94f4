import { dumbo } from "@event-driven-io/dumbo";
import { type Event, type RecordedMessage, type ReadEventMetadataWithGlobalPosition, STREAM_DOES_NOT_EXIST } from "@event-driven-io/emmett";
import { getPostgreSQLEventStore, readMessagesBatch } from "@event-driven-io/emmett-postgresql";
import type { CampaignEvent } from "@tenfold/core";
import { type Aggregate, METADATA, type TypeCounts, countType, emptyAggregate, step } from "../stores/workload.js";
import type { OnEvent, PostgresContender } from "./contender.js";

type AnyCampaignEvent = Event<string, Record<string, unknown>, typeof METADATA>;
type Recorded = RecordedMessage<AnyCampaignEvent, ReadEventMetadataWithGlobalPosition>;

/** Events a page of the global read and a pull of the catch-up consumer ask for (Tenfold's page size). */
const PAGE = 1000;

/** `stream#revision` of a delivered message: Emmett's stream positions count from 1. */
const keyOf = (m: Recorded): string => `${m.metadata.streamName}#${m.metadata.streamPosition - 1n}`;

let processors = 0;

/**
 * Emmett 0.42.0's PostgreSQL store (`@event-driven-io/emmett-postgresql`) as its documentation
 * shows: `getPostgreSQLEventStore`, `appendToStream` with `expectedStreamVersion` and the same
 * data and metadata as Tenfold's events; `aggregateStream` with `evolve`/`initialState`; the global
 * read with its exported `readMessagesBatch` (the store has no read of all), pages of 1,000; the
 * catch-up subscription as its consumer and a reactor from `BEGINNING`. The throughput consumer
 * pulls 1,000 at a time with no pause between pulls (`pulling`), so that it is not held to Emmett's
 * default of 100 per 50 ms; the correctness reader (`follow`) runs with Emmett's defaults.
 */
export const openEmmett = async (url: string): Promise<PostgresContender> => {
  const store = getPostgreSQLEventStore(url);
  await store.schema.migrate();
  const pool = dumbo({ connectionString: url });

  const append = async (streamId: string, events: ReadonlyArray<CampaignEvent>, lastRevision: number): Promise<bigint> => {
    const expectedStreamVersion = lastRevision < 0 ? STREAM_DOES_NOT_EXIST : BigInt(lastRevision + 1);
    const toAppend: AnyCampaignEvent[] = events.map((e) => ({ type: e.type, data: e.data, metadata: METADATA }));
    const result = await store.appendToStream<AnyCampaignEvent>(streamId, toAppend, { expectedStreamVersion });
    return result.lastEventGlobalPosition;
  };

  const aggregate = async (streamId: string): Promise<Aggregate> => {
    const result = await store.aggregateStream<Aggregate, AnyCampaignEvent>(streamId, {
      evolve: (s: Aggregate, e: AnyCampaignEvent) => step(s, e.type, e.data),
      initialState: () => emptyAggregate,
    });
    return result.state;
  };

  const readAll = async (): Promise<TypeCounts> => {
    const counts: TypeCounts = {};
    let after = 0n;
    for (;;) {
      const batch = await readMessagesBatch<AnyCampaignEvent>(pool.execute, { after, batchSize: PAGE });
      for (const m of batch.messages) countType(counts, m.type);
      if (!batch.areMessagesLeft) return counts;
      after = batch.currentGlobalPosition;
    }
  };

  const consumerOf = (onEvent: OnEvent | undefined, untilEnd: boolean): { readonly run: Promise<void>; readonly stop: () => Promise<void>; readonly count: () => number } => {
    let n = 0;
    const consumer = store.consumer<AnyCampaignEvent>(untilEnd ? { stopWhen: { noMessagesLeft: true }, pulling: { batchSize: PAGE, pullingFrequencyInMs: 0 } } : {});
    consumer.reactor<AnyCampaignEvent>({
      processorId: `bench-reader-${++processors}`,
      startFrom: "BEGINNING",
      eachMessage: (m: Recorded) => {
        n++;
        onEvent?.(keyOf(m), m.metadata.globalPosition);
      },
    });
    return { run: consumer.start(), stop: () => consumer.stop(), count: () => n };
  };

  const catchUp = async (onEvent?: OnEvent): Promise<number> => {
    const reader = consumerOf(onEvent, true);
    await reader.run;
    await reader.stop();
    return reader.count();
  };

  const follow = (onEvent: OnEvent): { readonly stop: () => Promise<void> } => consumerOf(onEvent, false);

  const close = async (): Promise<void> => {
    await pool.close();
    await store.close();
  };

  return { append, aggregate, readAll, catchUp, follow, close };
};
