import { type CampaignEvent, type EventMetadata, type IdGenerator, type NewEvent, campaignStreamId, randomIds } from "@tenfold/core";
import { SCHEMA_VERSION } from "@tenfold/core/adapter";
import { workloadSubjects } from "../domain/personal.js";

/*
 * The store workload (S1–S3), the same for every contender: `appends` appends of `batch` events,
 * round-robin over `streams` streams, so streams grow interleaved and global order mixes them.
 * Events are real campaign events of four types; ids are distinct strings, texts are shared.
 * A quarter of them (DiaryWritten: its title, of subject `cadre:<cadreId>`) carry a personal
 * value; the ProblemRaised and FundDisbursed have no contact, so none.
 */

/** How big the store workload is. */
export interface WorkloadSize {
  readonly streams: number;
  readonly appends: number;
  readonly batch: number;
}

/** One append: the stream (by index and id) and its events, in order. */
export interface Batch {
  readonly stream: number;
  readonly streamId: string;
  readonly events: ReadonlyArray<CampaignEvent>;
}

/** The full workload: 200,000 events over 2,000 streams as 20,000 appends of 10. */
export const FULL_WORKLOAD: WorkloadSize = { streams: 2000, appends: 20_000, batch: 10 };

/** The number of events of a workload. */
export const eventCount = (size: WorkloadSize): number => size.appends * size.batch;

/** The stream ids of a workload, in the order streams are first written. */
export const streamIds = (size: WorkloadSize): ReadonlyArray<string> =>
  Array.from({ length: size.streams }, (_, s) => campaignStreamId(`c${s}`));

const DAY = "2013-03-10";

const ev = (type: string, data: Readonly<Record<string, unknown>>): CampaignEvent => ({ type, data }) as unknown as CampaignEvent;

const eventFor = (campaignId: string, s: number, k: number): CampaignEvent => {
  switch (k % 4) {
    case 0:
      return ev("VisitConducted", {
          campaignId, visitId: `v${k}`, groupId: `g${k % 8}`, cadreIds: [`c${k % 5}`, `c${(k + 1) % 5}`], contactIds: [`k${k % 7}`],
          setting: "village", purposes: ["talk", "household-survey"], peopleMet: (s + k) % 20, photos: k % 3, occurredOn: DAY,
        });
    case 1:
      return ev("DiaryWritten", { campaignId, diaryId: `d${k}`, cadreId: `c${k % 5}`, visitId: `v${k - 1}`, title: "A day in Ban Zhong Ying village", writtenOn: DAY });
    case 2:
      return ev("ProblemRaised", { campaignId, problemId: `p${k}`, groupId: `g${k % 8}`, contactId: null, summary: "The road to the village school needs repair", raisedOn: DAY });
    default:
      return ev("FundDisbursed", {
          campaignId, disbursementId: `f${k}`, kind: "special-relief", activityId: "stage", source: "Special relief fund",
          purpose: "Village culture stage", amountFen: 100 * (1 + ((s * 31 + k) % 500)), groupId: `g${k % 8}`, contactId: null, disbursedOn: DAY,
        });
  }
};

/** The appends of a workload, in order. Deterministic. */
export const makeBatches = (size: WorkloadSize): Batch[] => {
  const ids = streamIds(size);
  const campaignIds = Array.from({ length: size.streams }, (_, s) => `c${s}`);
  const batches: Batch[] = [];
  for (let j = 0; j < size.appends; j++) {
    const stream = j % size.streams;
    const first = Math.floor(j / size.streams) * size.batch;
    const campaignId = campaignIds[stream] ?? "";
    const events = Array.from({ length: size.batch }, (_, i) => eventFor(campaignId, stream, first + i));
    batches.push({ stream, streamId: ids[stream] ?? "", events });
  }
  return batches;
};

/** The numeric field S2 sums: people met on a visit, fen of a disbursement, else 0. */
export const valueOf = (type: string, data: unknown): number => {
  switch (type) {
    case "VisitConducted":
      return (data as { peopleMet: number }).peopleMet;
    case "FundDisbursed":
      return (data as { amountFen: number }).amountFen;
    default:
      return 0;
  }
};

/** What S2 computes per stream and in total: events seen and the sum of their numeric field. */
export interface Aggregate {
  readonly count: number;
  readonly sum: number;
}

/** The state S2 folds from. */
export const emptyAggregate: Aggregate = { count: 0, sum: 0 };

/** One step of S2's pure fold. */
export const step = (state: Aggregate, type: string, data: unknown): Aggregate => ({
  count: state.count + 1,
  sum: state.sum + valueOf(type, data),
});

/** Per-type counters of S3. */
export type TypeCounts = Record<string, number>;

/** Counts one event of `type`. */
export const countType = (counts: TypeCounts, type: string): void => {
  counts[type] = (counts[type] ?? 0) + 1;
};

/** Metadata of every appended event: one actor, no correlation. */
export const METADATA = { actor: "clerk-7", correlationId: null, causationId: null } as const;

/**
 * Tenfold's envelopes of one append, as the command handler writes them: a new event id each, the
 * schema version (2), the instant, the metadata, and `personal` (`personalSubjectsOf`: each
 * personal field's subject, `{}` for an event without one), for the store to commit to and
 * encrypt. Field by field, as the handler does (a spread costs microseconds on Node 20).
 */
export const tenfoldEnvelopes = (events: ReadonlyArray<CampaignEvent>, recordedAt: string, metadata: EventMetadata = METADATA, ids: IdGenerator = randomIds): NewEvent[] =>
  events.map((event) => ({ type: event.type, data: event.data, eventId: ids.eventId(), schemaVersion: SCHEMA_VERSION, recordedAt, metadata, personal: workloadSubjects(event) }) as NewEvent);
