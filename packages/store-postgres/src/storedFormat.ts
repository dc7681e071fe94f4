import {
  type DecodeIssue,
  type EventMetadata,
  type NewEvent,
  type RecordedEvent,
  type StoreError,
  decodeHistoryLine,
} from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import type { Row } from "./database.js";

/*
 * The stored format: one row of the events table per event. `data` and `metadata` are the JSON
 * text of the event's data and metadata exactly as sealed (keys in the caller's order, numbers as
 * JSON writes them); every int8 is read as text and parsed to a bigint. Reading decodes the row
 * as an interchange line of DOMAIN.md, so a stored event is exactly as valid as an imported one.
 */

/** @internal The columns every read selects, in the order {@link fromRow} reads them. */
export const EVENT_COLUMNS =
  "e.position::text AS position, e.stream_id, e.stream_revision::text AS stream_revision, e.event_id::text AS event_id, e.type, e.data, e.schema_version, e.recorded_at, e.metadata, e.previous_hash, e.hash";

/** @internal The parameters of an append's insert: one array per column, in batch order. */
export interface EventColumns {
  readonly eventIds: string[];
  readonly types: string[];
  readonly data: string[];
  readonly schemaVersions: number[];
  readonly recordedAts: string[];
  readonly metadata: string[];
  readonly previousHashes: (string | null)[];
  readonly hashes: (string | null)[];
}

/** @internal The columns of a batch. */
export const toColumns = (events: ReadonlyArray<NewEvent>): EventColumns => {
  const columns: EventColumns = { eventIds: [], types: [], data: [], schemaVersions: [], recordedAts: [], metadata: [], previousHashes: [], hashes: [] };
  for (const event of events) {
    columns.eventIds.push(event.eventId);
    columns.types.push(event.type);
    columns.data.push(JSON.stringify(event.data));
    columns.schemaVersions.push(event.schemaVersion);
    columns.recordedAts.push(event.recordedAt);
    columns.metadata.push(JSON.stringify(event.metadata));
    columns.previousHashes.push(event.previousHash ?? null);
    columns.hashes.push(event.hash ?? null);
  }
  return columns;
};

const text = (row: Row, column: string): string => {
  const value = row[column];
  return typeof value === "string" ? value : String(value);
};

const parseJson = (source: string, path: string): E.Either<DecodeIssue, unknown> => {
  try {
    return E.right(JSON.parse(source));
  } catch {
    return E.left({ path, message: "is not valid JSON text" });
  }
};

/** @internal A row of the events table as a recorded event; a row that is not a valid event is InvalidStoredEvent. */
export const fromRow = (row: Row): E.Either<StoreError, RecordedEvent> => {
  const streamId = text(row, "stream_id");
  const streamRevision = BigInt(text(row, "stream_revision"));
  const invalid = (issues: ReadonlyArray<DecodeIssue>): E.Either<StoreError, never> => E.left({ _tag: "InvalidStoredEvent", streamId, streamRevision, issues });
  const data = parseJson(text(row, "data"), "data");
  const metadata = parseJson(text(row, "metadata"), "metadata");
  const issues = [data, metadata].filter(E.isLeft).map((e) => e.left);
  if (E.isLeft(data) || E.isLeft(metadata)) return invalid(issues);
  const previousHash = row["previous_hash"];
  const hash = row["hash"];
  const line = {
    type: row["type"],
    data: data.right,
    schemaVersion: row["schema_version"],
    eventId: row["event_id"],
    recordedAt: row["recorded_at"],
    metadata: metadata.right,
    ...(typeof previousHash === "string" && typeof hash === "string" ? { previousHash, hash } : {}),
  };
  const decoded = decodeHistoryLine(line);
  if (E.isLeft(decoded)) return invalid(decoded.left.issues);
  const { envelope, event } = decoded.right;
  const recorded = {
    ...event,
    eventId: envelope.eventId as string,
    schemaVersion: envelope.schemaVersion as number,
    recordedAt: envelope.recordedAt as string,
    metadata: envelope.metadata as EventMetadata,
    streamId,
    streamRevision,
    position: BigInt(text(row, "position")),
    ...(envelope.previousHash !== undefined && envelope.hash !== undefined ? { previousHash: envelope.previousHash, hash: envelope.hash } : {}),
  };
  return E.right(recorded);
};

/** @internal Rows as recorded events, stopping at the first that is not valid. */
export const fromRows = (rows: ReadonlyArray<Row>): E.Either<StoreError, RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (const row of rows) {
    const decoded = fromRow(row);
    if (E.isLeft(decoded)) return decoded;
    events.push(decoded.right);
  }
  return E.right(events);
};
