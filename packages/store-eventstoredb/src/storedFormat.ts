import { type DecodeIssue, type EventMetadata, type NewEvent, type PersonalEntries, type RecordedEvent, type StoreError } from "@tenfold/core";
import { invalidStoredEvent, recordedEventOfLine, storeFailure } from "@tenfold/core/adapter";
import { decodeHistoryLine } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import type { ClientEventData, ClientResolvedEvent } from "./client.js";

/*
 * The stored format. An event is stored with the event's type as its type, its event id as its
 * id, its `data` as JSON data (`application/json`), and the rest of its envelope as JSON metadata:
 * `{ schemaVersion, recordedAt, metadata: { actor, correlationId, causationId }, previousHash?,
 * hash?, personal? }`: the hash seal, and schema 2's personal entries (subject, commitment and the
 * encrypted salt and value of each personal field) when the event has them. `erased` is never
 * stored: core computes it when an event is read. Reading decodes all of it as an interchange
 * line of DOMAIN.md, `personal` included, so a stored event is exactly as valid as an imported
 * one; an event stored without it (version 1) reads as it always did.
 */

// model

/** The JSON metadata stored with every event. */
export interface StoredMetadata {
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly metadata: EventMetadata;
  readonly previousHash?: string;
  readonly hash?: string;
  /** Schema 2: the personal fields' entries, as the event carried them. */
  readonly personal?: PersonalEntries;
}

/** Fields the stored metadata may hold. */
const METADATA_FIELDS: ReadonlySet<string> = new Set(["schemaVersion", "recordedAt", "metadata", "previousHash", "hash", "personal"]);
const REQUIRED_FIELDS = ["schemaVersion", "recordedAt", "metadata"] as const;

// constructors

/** @internal The client's event for a new event. */
export const toEventData = (event: NewEvent): ClientEventData => {
  const seal = event.previousHash !== undefined && event.hash !== undefined ? { previousHash: event.previousHash, hash: event.hash } : {};
  const personal = event.personal === undefined ? {} : { personal: event.personal };
  const metadata = { schemaVersion: event.schemaVersion, recordedAt: event.recordedAt, metadata: event.metadata, ...seal, ...personal } satisfies StoredMetadata;
  return { id: event.eventId, contentType: "application/json", type: event.type, data: event.data, metadata };
};

// utils

/** @internal Where a stored event is: in the stream the caller knows, at which revision. */
export interface Place {
  readonly streamId: string;
  readonly streamRevision: bigint;
}

const invalid = (place: Place, issues: ReadonlyArray<DecodeIssue>): StoreError => invalidStoredEvent(place.streamId, place.streamRevision, issues);

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u);

const metadataIssues = (metadata: unknown): ReadonlyArray<DecodeIssue> => {
  if (!isRecord(metadata)) return [{ path: "(metadata)", message: "expected the stored metadata as a JSON object" }];
  const unknown = Object.keys(metadata).filter((k) => !METADATA_FIELDS.has(k));
  const missing = REQUIRED_FIELDS.filter((k) => !(k in metadata));
  return [
    ...unknown.map((k) => ({ path: k, message: "is not a field of the stored metadata" })),
    ...missing.map((k) => ({ path: k, message: "is required" })),
  ];
};

/**
 * @internal Decodes a stored event that the caller knows as `streamId` (the stored stream id
 * without any namespace). A stored event that is not a valid event is InvalidStoredEvent; a
 * server that reports no position is StoreFailure.
 */
export const fromResolved = (resolved: ClientResolvedEvent, streamId: string): E.Either<StoreError, RecordedEvent> => {
  const event = resolved.event;
  if (event === undefined) return E.left(storeFailure(`an unresolved link was read from stream "${streamId}"`));
  const place: Place = { streamId, streamRevision: event.revision };
  if (!event.isJson) return E.left(invalid(place, [{ path: "(content-type)", message: "expected application/json, got binary data" }]));
  const problems = metadataIssues(event.metadata);
  if (problems.length > 0) return E.left(invalid(place, problems));
  // `personal` is decoded with the rest, as a line's: core checks each entry (subject, commitment, encrypted value) and stands in for each value left null.
  const line = { ...(event.metadata as Record<string, unknown>), type: event.type, data: event.data, eventId: event.id };
  const decoded = decodeHistoryLine(line);
  if (E.isLeft(decoded)) return E.left(invalid(place, decoded.left.issues));
  const position = event.position?.commit ?? resolved.commitPosition;
  if (position === undefined) {
    return E.left(storeFailure("the server reported no $all position with the event: Tenfold needs EventStoreDB 22.10 or later"));
  }
  const recorded = recordedEventOfLine(decoded.right, { streamId, streamRevision: event.revision, position });
  return E.isLeft(recorded) ? E.left(invalid(place, recorded.left.issues)) : recorded;
};
