import type { CampaignEvent } from "../events/catalog.js";

// model

/** Who did something and why: carried with every event. */
export interface EventMetadata {
  readonly actor: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
}

/** The schema version every event is written in. */
export const SCHEMA_VERSION = 1;

/** An event ready to append: its id, when it was recorded, and its metadata. */
export type NewEvent = CampaignEvent & {
  readonly eventId: string;
  readonly schemaVersion: number;
  /** ISO-8601 UTC instant. */
  readonly recordedAt: string;
  readonly metadata: EventMetadata;
  /** The hash of the stream's previous event (64 zeros for the first): present once sealed. */
  readonly previousHash?: string;
  /** This event's hash over its envelope and `previousHash`: present once sealed. */
  readonly hash?: string;
};

/** An event as the store holds it: a {@link NewEvent} with its place in its stream and in the global order. */
export type RecordedEvent = NewEvent & {
  readonly streamId: string;
  /** From 0, per stream. */
  readonly streamRevision: bigint;
  /** Global order across streams; increasing, not necessarily contiguous. */
  readonly position: bigint;
};

// constructors

/** Metadata with nothing known. */
export const noMetadata: EventMetadata = { actor: null, correlationId: null, causationId: null };

/** The stream that holds one campaign's history. */
export const campaignStreamId = (campaignId: string): string => `tenfold-campaign-${campaignId}`;

/** The prefix of every stream Tenfold writes. */
export const STREAM_PREFIX = "tenfold-";

// utils

/** The domain event inside an envelope. */
export const toCampaignEvent = (event: NewEvent): CampaignEvent => ({ type: event.type, data: event.data }) as CampaignEvent;
