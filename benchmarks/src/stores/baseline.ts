import type { CampaignEvent } from "@tenfold/core";
import type { StoreContender } from "./contender.js";
import { type Aggregate, type TypeCounts, countType, valueOf } from "./workload.js";

interface Row {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly type: string;
  readonly data: unknown;
}

/**
 * The natural limit: a plain array of records in global order and a Map of per-stream arrays,
 * with the expected-revision check and nothing else (no copies, no ids, no freezing).
 */
export const baselineContender = (): StoreContender => {
  const log: Row[] = [];
  const streams = new Map<string, Row[]>();

  const append = (streamId: string, events: ReadonlyArray<CampaignEvent>, lastRevision: number): Promise<void> => {
    let stream = streams.get(streamId);
    const actual = stream === undefined ? -1 : stream.length - 1;
    if (actual !== lastRevision) return Promise.reject(new Error(`stream ${streamId} is at ${actual}, expected ${lastRevision}`));
    if (stream === undefined) streams.set(streamId, (stream = []));
    for (const event of events) {
      const row: Row = { streamId, revision: stream.length, position: log.length, type: event.type, data: event.data };
      stream.push(row);
      log.push(row);
    }
    return Promise.resolve();
  };

  const aggregate = (streamId: string): Promise<Aggregate> => {
    let count = 0;
    let sum = 0;
    for (const row of streams.get(streamId) ?? []) {
      count++;
      sum += valueOf(row.type, row.data);
    }
    return Promise.resolve({ count, sum });
  };

  const rebuild = (): Promise<TypeCounts> => {
    const counts: TypeCounts = {};
    for (const row of log) countType(counts, row.type);
    return Promise.resolve(counts);
  };

  return { append, aggregate, rebuild };
};
