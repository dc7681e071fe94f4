import { type CampaignEvent, type RecordedEvent, campaignStreamId, noMetadata } from "@tenfold/core";
import { SCHEMA_VERSION } from "@tenfold/core/adapter";
import { GENESIS_HASH, hashEnvelope } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";

/*
 * Recorded, sealed envelopes of a generated history (one stream), built without a store so that
 * S5 and S6 can make a million of them quickly: the fields an export writes, with the hash chain
 * computed by core's `hashEnvelope`.
 */

const START = Date.UTC(2013, 2, 1, 8);

/** The stream of the generated campaign. */
export const streamOf = (events: ReadonlyArray<CampaignEvent>): string =>
  campaignStreamId(events[0]?.data.campaignId ?? "bench-2013");

/** The recording time of event `n`: a second after event `n - 1`. */
export const recordedAtOf = (n: number): string => new Date(START + n * 1000).toISOString();

/** A deterministic UUID-shaped event id. */
export const eventIdOf = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

/**
 * Envelopes of `events[from, to)`, sealed on top of `previousHash` (the hash of event `from - 1`,
 * or 64 zeros for the first), as the store would record them; `previousHash` null: not sealed
 * (no `previousHash` or `hash`), for when only the canonical fields matter.
 */
export const sealedEnvelopes = (events: ReadonlyArray<CampaignEvent>, from: number, to: number, previousHash: string | null = GENESIS_HASH): RecordedEvent[] => {
  const streamId = streamOf(events);
  const out: RecordedEvent[] = [];
  let previous = previousHash;
  for (let i = from; i < Math.min(to, events.length); i++) {
    const { type, data } = events[i] as CampaignEvent;
    const eventId = eventIdOf(i);
    const recordedAt = recordedAtOf(i);
    const streamRevision = BigInt(i);
    // Object literals, not `{ ...fields, more }`: on Node 20 a spread copy costs microseconds.
    const fields = { type, data, eventId, schemaVersion: SCHEMA_VERSION, recordedAt, metadata: noMetadata, streamId, streamRevision, position: streamRevision };
    if (previous === null) {
      out.push(fields as RecordedEvent);
      continue;
    }
    const hash = hashEnvelope(nodeSha256, previous, fields);
    out.push({ type, data, eventId, schemaVersion: SCHEMA_VERSION, recordedAt, metadata: noMetadata, streamId, streamRevision, position: streamRevision, previousHash: previous, hash } as RecordedEvent);
    previous = hash;
  }
  return out;
};

/** One NDJSON line of an export: the full envelope, revisions as numbers. */
export const toLine = (e: RecordedEvent): string =>
  JSON.stringify({
    type: e.type,
    data: e.data,
    schemaVersion: e.schemaVersion,
    eventId: e.eventId,
    streamId: e.streamId,
    streamRevision: Number(e.streamRevision),
    recordedAt: e.recordedAt,
    metadata: e.metadata,
    previousHash: e.previousHash,
    hash: e.hash,
  });
