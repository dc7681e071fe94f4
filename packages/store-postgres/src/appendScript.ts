import type { ExpectedRevision, NewEvent } from "@tenfold/core";
import type { Names } from "./schema.js";
import { integer, literal } from "./sqlText.js";

/*
 * The SQL of a group of appends: one transaction, sent as one simple query, so it runs on the
 * server without a round trip to the client in between. It locks the position counter first,
 * then, per append, one statement that moves the stream's revision only if the stream meets the
 * expectation, takes the next positions from the counter only if it did, and inserts the events.
 * An append whose stream did not meet its expectation returns no row and writes nothing.
 *
 * Every writer takes the counter before any stream's row, so writers never deadlock, and
 * transactions that append commit one at a time in position order: a reader that sees a position
 * sees every smaller one. A transaction that rolls back gives its positions back.
 */

/** @internal One append of a group. */
export interface AppendRequest {
  readonly streamId: string;
  readonly events: ReadonlyArray<NewEvent>;
  readonly expected: ExpectedRevision;
}

/** The statement that moves the stream's revision by `n` when it meets the expectation, returning the new revision. */
const guard = (names: Names, streamId: string, n: number, expected: ExpectedRevision): string => {
  const id = literal(streamId);
  switch (expected._tag) {
    case "Exact":
      return `UPDATE ${names.streams} SET revision = revision + ${n} WHERE stream_id = ${id} AND revision = ${integer(expected.revision)} RETURNING revision`;
    case "StreamExists":
      return `UPDATE ${names.streams} SET revision = revision + ${n} WHERE stream_id = ${id} RETURNING revision`;
    case "NoStream":
      return `INSERT INTO ${names.streams} (stream_id, revision) VALUES (${id}, ${n - 1}) ON CONFLICT (stream_id) DO NOTHING RETURNING revision`;
    case "Any":
      return `INSERT INTO ${names.streams} AS s (stream_id, revision) VALUES (${id}, ${n - 1}) ON CONFLICT (stream_id) DO UPDATE SET revision = s.revision + ${n} RETURNING revision`;
  }
};

const row = (event: NewEvent, ordinal: number): string =>
  `(${ordinal}, ${literal(event.eventId)}, ${literal(event.type)}, ${literal(JSON.stringify(event.data))}, ${integer(event.schemaVersion)}, ${literal(event.recordedAt)}, ${literal(JSON.stringify(event.metadata))}, ${literal(event.previousHash ?? null)}, ${literal(event.hash ?? null)})`;

/** @internal The statement of one append: its rows' positions and revisions, none when the stream did not meet the expectation. */
export const appendStatement = (names: Names, { streamId, events, expected }: AppendRequest): string => {
  const n = events.length;
  return `WITH stream AS (${guard(names, streamId, n, expected)}),
counter AS (UPDATE ${names.positions} SET last = last + ${n} WHERE id AND EXISTS (SELECT 1 FROM stream) RETURNING last - ${n} AS base),
notified AS (SELECT pg_notify(${literal(names.channel)}, '') FROM counter)
INSERT INTO ${names.events} (position, stream_id, stream_revision, event_id, type, data, schema_version, recorded_at, metadata, previous_hash, hash)
SELECT counter.base + e.ord, ${literal(streamId)}, stream.revision - ${n} + e.ord, e.event_id::uuid, e.type, e.data, e.schema_version, e.recorded_at, e.metadata, e.previous_hash, e.hash
FROM stream, counter, notified, (VALUES ${events.map((e, i) => row(e, i + 1)).join(", ")}) AS e(ord, event_id, type, data, schema_version, recorded_at, metadata, previous_hash, hash)
RETURNING position::text AS position, stream_revision::text AS stream_revision`;
};

/** @internal The script of a group: BEGIN, the counter's lock, one statement per append, COMMIT. */
export const appendScript = (names: Names, group: ReadonlyArray<AppendRequest>): string =>
  [
    "BEGIN ISOLATION LEVEL READ COMMITTED",
    `SELECT 1 FROM ${names.positions} WHERE id FOR UPDATE`,
    ...group.map((request) => appendStatement(names, request)),
    "COMMIT",
  ].join(";\n");

/** @internal Index in the script's results of the `i`-th append's rows. */
export const resultIndex = (i: number): number => i + 2;
