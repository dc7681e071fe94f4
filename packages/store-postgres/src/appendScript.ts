import type { ExpectedRevision, NewEvent } from "@tenfold/core";
import type { Names } from "./schema.js";
import { integer, literal } from "./sqlText.js";

/*
 * The SQL of a group of appends: one transaction, sent as one simple query, so it runs on the
 * server without a round trip to the client in between. It locks the position counter first,
 * then, per append, one call of append_events, which moves the stream's revision only if the
 * stream meets the expectation, takes the next positions from the counter only if it did, and
 * inserts the events. An append whose stream did not meet its expectation returns no row.
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

const KIND: { readonly [K in ExpectedRevision["_tag"]]: string } = { Exact: "exact", StreamExists: "exists", NoStream: "none", Any: "any" };

const array = (values: ReadonlyArray<string | null>, type: string): string => `ARRAY[${values.map(literal).join(", ")}]::${type}[]`;

/**
 * @internal The statement of one append: a call of the schema's append_events (migration 3), whose
 * one row is the first position and revision written, and which returns none when the stream did
 * not meet the expectation.
 */
export const appendStatement = (names: Names, { streamId, events, expected }: AppendRequest): string => {
  const revision = expected._tag === "Exact" ? integer(expected.revision) : "NULL";
  const columns = [
    array(events.map((e) => e.eventId), "uuid"),
    array(events.map((e) => e.type), "text"),
    array(events.map((e) => JSON.stringify(e.data)), "text"),
    `ARRAY[${events.map((e) => integer(e.schemaVersion)).join(", ")}]::integer[]`,
    array(events.map((e) => e.recordedAt), "text"),
    array(events.map((e) => JSON.stringify(e.metadata)), "text"),
    array(events.map((e) => e.previousHash ?? null), "text"),
    array(events.map((e) => e.hash ?? null), "text"),
    array(events.map((e) => (e.personal === undefined ? null : JSON.stringify(e.personal))), "text"),
  ];
  return `SELECT first_position::text AS first_position, first_revision::text AS first_revision FROM ${names.quoted}.append_events(${literal(streamId)}, '${KIND[expected._tag]}', ${revision}, ${columns.join(", ")})`;
};

/**
 * @internal The script of a group: BEGIN, the counter's lock, one statement per append, one
 * NOTIFY (delivered at commit, to wake subscribers of other processes), COMMIT.
 */
export const appendScript = (names: Names, group: ReadonlyArray<AppendRequest>): string =>
  [
    "BEGIN ISOLATION LEVEL READ COMMITTED",
    `SELECT 1 FROM ${names.positions} WHERE id FOR UPDATE`,
    ...group.map((request) => appendStatement(names, request)),
    `NOTIFY "${names.channel}"`,
    "COMMIT",
  ].join(";\n");

/** @internal Index in the script's results of the `i`-th append's rows. */
export const resultIndex = (i: number): number => i + 2;
