import { type Event, STREAM_DOES_NOT_EXIST, getInMemoryEventStore } from "@event-driven-io/emmett";
import type { CampaignEvent } from "@tenfold/core";
import type { StoreContender } from "./contender.js";
import { type Aggregate, METADATA, type TypeCounts, countType, emptyAggregate, step } from "./workload.js";

type AnyCampaignEvent = Event<string, Record<string, unknown>, typeof METADATA>;

/**
 * Emmett's in-memory store as its documentation shows: `appendToStream` with
 * `expectedStreamVersion`, `aggregateStream` with `evolve`/`initialState`. It has no read of all
 * streams in global order, so S3 reads every stream with `readStream`.
 */
export const emmettContender = (): StoreContender => {
  const store = getInMemoryEventStore();

  const append = async (streamId: string, events: ReadonlyArray<CampaignEvent>, lastRevision: number): Promise<void> => {
    // Emmett's stream versions count events (1 after the first); 0 events means no stream.
    const expectedStreamVersion = lastRevision < 0 ? STREAM_DOES_NOT_EXIST : BigInt(lastRevision + 1);
    const toAppend: AnyCampaignEvent[] = events.map((e) => ({ type: e.type, data: e.data, metadata: METADATA }));
    await store.appendToStream<AnyCampaignEvent>(streamId, toAppend, { expectedStreamVersion });
  };

  const aggregate = async (streamId: string): Promise<Aggregate> => {
    const result = await store.aggregateStream<Aggregate, AnyCampaignEvent>(streamId, {
      evolve: (s: Aggregate, e: AnyCampaignEvent) => step(s, e.type, e.data),
      initialState: () => emptyAggregate,
    });
    return result.state;
  };

  const rebuild = async (ids: ReadonlyArray<string>): Promise<TypeCounts> => {
    const counts: TypeCounts = {};
    for (const id of ids) {
      const { events } = await store.readStream<AnyCampaignEvent>(id);
      for (const event of events) countType(counts, event.type);
    }
    return counts;
  };

  return { append, aggregate, rebuild };
};
