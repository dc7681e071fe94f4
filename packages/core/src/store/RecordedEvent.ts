import type { CampaignEvent } from "../events/catalog.js";
import type { EncryptedValue } from "../personal/PersonalCipher.js";

// model

/** Who did something and why: carried with every event. */
export interface EventMetadata {
  readonly actor: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
}

/** The schema version every new event is written in: 2, with personal data committed to and encrypted (DOMAIN.md). */
export const SCHEMA_VERSION = 2;

/**
 * One personal field of a schema-2 event (DOMAIN.md, personal data): its data subject and the
 * commitment to its value, both sealed. `salt` is given where the value could be read (its key
 * exists); `encrypted` is what a store keeps of salt and value, outside the seal, and never
 * reaches a reader.
 */
export interface PersonalEntry {
  /** `cadre:<cadreId>` or `contact:<contactId>`. */
  readonly subject: string;
  /**
   * Lowercase hex SHA-256 of `salt + "\n" + JSON.stringify(value)`. Always present on a recorded
   * event; an event appended without it is committed to by the store (a new salt).
   */
  readonly commitment?: string;
  /** 32 lowercase hex characters; present where the value was read. */
  readonly salt?: string;
  /** The salt and value encrypted under the subject's key: present only between a store and its personal-data layer. */
  readonly encrypted?: EncryptedValue;
}

/** A schema-2 event's personal fields, by field name of its data (`{}` when it has none). */
export type PersonalEntries = Readonly<Record<string, PersonalEntry>>;

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
  /** Schema 2: the personal fields, their subjects and commitments (absent on version 1 events). */
  readonly personal?: PersonalEntries;
  /**
   * Schema 2, as read: the personal fields whose values are gone (their subject was erased), each
   * `null` in `data`. Absent when every value was read. A projection showing personal values must
   * handle it.
   */
  readonly erased?: ReadonlyArray<string>;
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
