import { type DecodeIssue, type PersonalEntries, type RecordedEvent, type StoreError } from "@tenfold/core";
import { invalidStoredEvent, recordedEvent, recordedEventOfLine } from "@tenfold/core/adapter";
import { decodeHistoryLine } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import type { Row } from "./database.js";
import { type StoredPersonal, decodeStoredPersonal } from "./storedPersonal.js";

/*
 * The stored format: one row of the events table per event. `data` and `metadata` are the JSON
 * text of the event's data and metadata exactly as sealed (keys in the caller's order, numbers as
 * JSON writes them); every int8 is read as text and parsed to a bigint. Reading decodes the row
 * as an interchange line of DOMAIN.md, so a stored event is exactly as valid as an imported one.
 * `personal` (migration 3) is the JSON text of a schema-2 event's personal entries as appended,
 * each entry's `encrypted` included, outside what is sealed; NULL for a version-1 event. The line
 * decoded carries the entries without `encrypted`; the event read carries them all, and no
 * `erased` (core's personal-data layer says what was erased when it reveals the values).
 */

/** @internal The columns every read selects, in the order {@link fromRow} reads them. */
export const EVENT_COLUMNS =
  "e.position::text AS position, e.stream_id, e.stream_revision::text AS stream_revision, e.event_id::text AS event_id, e.type, e.data, e.schema_version, e.recorded_at, e.metadata, e.previous_hash, e.hash, e.personal";

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

/** The first schema version whose events carry `personal` (DOMAIN.md). */
const PERSONAL_SINCE = 2;

const NO_PERSONAL: PersonalEntries = Object.freeze({});

/** The recorded event with the stored personal entries (the line's lack `encrypted`), and no `erased`. */
const withStoredPersonal = (event: RecordedEvent, personal: StoredPersonal): RecordedEvent => {
  const { type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash, streamId, streamRevision, position } = event;
  return recordedEvent({ type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash, personal: personal.entries }, { streamId, streamRevision, position });
};

/** @internal A row of the events table as a recorded event; a row that is not a valid event is InvalidStoredEvent. */
export const fromRow = (row: Row): E.Either<StoreError, RecordedEvent> => {
  const streamId = text(row, "stream_id");
  const streamRevision = BigInt(text(row, "stream_revision"));
  const invalid = (issues: ReadonlyArray<DecodeIssue>): E.Either<StoreError, never> => E.left(invalidStoredEvent(streamId, streamRevision, issues));
  const data = parseJson(text(row, "data"), "data");
  const metadata = parseJson(text(row, "metadata"), "metadata");
  const stored = row["personal"];
  const personal = typeof stored === "string" ? decodeStoredPersonal(stored) : undefined;
  const issues = [data, metadata].filter(E.isLeft).map((e) => e.left);
  if (personal !== undefined && E.isLeft(personal)) issues.push(...personal.left);
  if (E.isLeft(data) || E.isLeft(metadata) || (personal !== undefined && E.isLeft(personal))) return invalid(issues);
  const previousHash = row["previous_hash"];
  const hash = row["hash"];
  const sealed = typeof previousHash === "string" && typeof hash === "string";
  // Object literals, not spreads: on Node 20 a spread copy costs microseconds and a map of its own.
  const [type0, schemaVersion0, eventId0, recordedAt0] = [row["type"], row["schema_version"], row["event_id"], row["recorded_at"]];
  // A schema-2 line must have `personal`: an event appended at version 2 without one (by a caller
  // that bypassed core's personal-data layer) is decoded as having none, and read back without one.
  const linePersonal = personal !== undefined ? personal.right.line : typeof schemaVersion0 === "number" && schemaVersion0 >= PERSONAL_SINCE ? NO_PERSONAL : undefined;
  const [d, m] = [data.right, metadata.right];
  const line =
    linePersonal === undefined
      ? sealed
        ? { type: type0, data: d, schemaVersion: schemaVersion0, eventId: eventId0, recordedAt: recordedAt0, metadata: m, previousHash, hash }
        : { type: type0, data: d, schemaVersion: schemaVersion0, eventId: eventId0, recordedAt: recordedAt0, metadata: m }
      : sealed
        ? { type: type0, data: d, schemaVersion: schemaVersion0, eventId: eventId0, recordedAt: recordedAt0, metadata: m, personal: linePersonal, previousHash, hash }
        : { type: type0, data: d, schemaVersion: schemaVersion0, eventId: eventId0, recordedAt: recordedAt0, metadata: m, personal: linePersonal };
  const decoded = decodeHistoryLine(line);
  if (E.isLeft(decoded)) return invalid(decoded.left.issues);
  const place = { streamId, streamRevision, position: BigInt(text(row, "position")) };
  // The line's `personal` lacks `encrypted` (and, without salts, core would call each field erased): the event gets the stored one.
  const recorded = recordedEventOfLine(linePersonal === undefined ? decoded.right : { event: decoded.right.event, envelope: decoded.right.envelope }, place);
  if (E.isLeft(recorded)) return invalid(recorded.left.issues);
  return personal === undefined ? recorded : E.right(withStoredPersonal(recorded.right, personal.right));
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
