import { EventStore, EventType, type GroupedEvent } from "@castore/core";
import { InMemoryEventStorageAdapter } from "@castore/event-storage-adapter-in-memory";
import type { CampaignEvent } from "@tenfold/core";
import type { StoreContender } from "./contender.js";
import { type Aggregate, METADATA, type TypeCounts, countType, valueOf } from "./workload.js";

const TYPES = ["VisitConducted", "DiaryWritten", "ProblemRaised", "FundDisbursed"] as const;

interface CampaignAggregate extends Aggregate {
  readonly aggregateId: string;
  readonly version: number;
}

interface Detail {
  readonly aggregateId: string;
  readonly version: number;
  readonly type: string;
  readonly payload?: unknown;
}

/**
 * Castore's in-memory adapter as its documentation shows: an `EventStore` with event types and a
 * reducer; each append is one `EventStore.pushEventGroup` of the batch's grouped events, whose
 * versions carry the optimistic-concurrency expectation; S2 is `getAggregate`; S3 lists the
 * aggregate ids and reads each one's events (the store has no global order).
 */
export const castoreContender = (): StoreContender => {
  const eventStore = new EventStore({
    eventStoreId: "CAMPAIGNS",
    eventTypes: TYPES.map((type) => new EventType<string>({ type })),
    reducer: (aggregate: CampaignAggregate | undefined, event: Detail): CampaignAggregate => ({
      aggregateId: event.aggregateId,
      version: event.version,
      count: (aggregate?.count ?? 0) + 1,
      sum: (aggregate?.sum ?? 0) + valueOf(event.type, event.payload),
    }),
    eventStorageAdapter: new InMemoryEventStorageAdapter(),
  });

  const append = async (aggregateId: string, events: ReadonlyArray<CampaignEvent>, lastRevision: number): Promise<void> => {
    // Castore's versions count from 1: the next event of a stream whose last revision is r is r + 2.
    const grouped = events.map((e, i) =>
      eventStore.groupEvent({ aggregateId, version: lastRevision + 2 + i, type: e.type, payload: e.data, metadata: METADATA }),
    );
    const [first, ...rest] = grouped;
    if (first === undefined) return;
    if (rest.length === 0) await eventStore.pushEvent(first.event);
    else await EventStore.pushEventGroup(first, ...(rest as unknown as [GroupedEvent, ...GroupedEvent[]]));
  };

  const aggregate = async (aggregateId: string): Promise<Aggregate> => {
    const { aggregate: state } = await eventStore.getAggregate(aggregateId);
    return { count: state?.count ?? 0, sum: state?.sum ?? 0 };
  };

  const rebuild = async (): Promise<TypeCounts> => {
    const counts: TypeCounts = {};
    const { aggregateIds } = await eventStore.listAggregateIds();
    for (const { aggregateId } of aggregateIds) {
      const { events } = await eventStore.getEvents(aggregateId);
      for (const event of events) countType(counts, event.type);
    }
    return counts;
  };

  return { append, aggregate, rebuild };
};
