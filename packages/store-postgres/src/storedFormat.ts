import { type DecodeIssue, type RecordedEvent, type StoreError } from "@tenfold/core";
import { invalidStoredEvent, recordedEventOfLine } from "@tenfold/core/adapter";
import { decodeHistoryLine } from "@tenfold/core/audit";
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
  const invalid = (issues: ReadonlyArray<DecodeIssue>): E.Either<StoreError, never> => E.left(invalidStoredEvent(streamId, streamRevision, issues));
  const data = parseJson(text(row, "data"), "data");
  const metadata = parseJson(text(row, "metadata"), "metadata");
  const issues = [data, metadata].filter(E.isLeft).map((e) => e.left);
  if (E.isLeft(data) || E.isLeft(metadata)) return invalid(issues);
  const previousHash = row["previous_hash"];
  const hash = row["hash"];
  const sealed = typeof previousHash === "string" && typeof hash === "string";
  // Object literals, not spreads: on Node 20 a spread copy costs microseconds and a map of its own.
  const [type0, schemaVersion0, eventId0, recordedAt0] = [row["type"], row["schema_version"], row["event_id"], row["recorded_at"]];
  const decoded = decodeHistoryLine(
    sealed
      ? { type: type0, data: data.right, schemaVersion: schemaVersion0, eventId: eventId0, recordedAt: recordedAt0, metadata: metadata.right, previousHash, hash }
      : { type: type0, data: data.right, schemaVersion: schemaVersion0, eventId: eventId0, recordedAt: recordedAt0, metadata: metadata.right },
  );
  if (E.isLeft(decoded)) return invalid(decoded.left.issues);
  const recorded = recordedEventOfLine(decoded.right, { streamId, streamRevision, position: BigInt(text(row, "position")) });
  return E.isLeft(recorded) ? invalid(recorded.left.issues) : recorded;
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
