import type { NewEvent } from "@tenfold/core";
import type { Queryable } from "./database.js";
import type { Names } from "./schema.js";

/*
 * How a refused batch relates to what the store holds, judged as the in-memory store judges it:
 * all new; an exact retry of an earlier append (every id recorded in this stream, as one run in
 * this order, from `from`); or a conflict (an id recorded in another stream, a partial overlap,
 * the ids out of order), which is an error value and never a second copy.
 */

/** @internal How a batch relates to the recorded events. */
export type Overlap = { readonly _tag: "New" } | { readonly _tag: "Again"; readonly from: bigint } | { readonly _tag: "Conflict"; readonly reason: string };

/** @internal An event id that the batch holds twice, if any. */
export const repeatedId = (events: ReadonlyArray<NewEvent>): string | undefined => {
  const seen = new Set<string>();
  for (const { eventId } of events) {
    if (seen.has(eventId)) return eventId;
    seen.add(eventId);
  }
  return undefined;
};

/** @internal Looks the batch's event ids up and says how the batch relates to them. */
export const overlapOf = async (sql: Queryable, names: Names, streamId: string, events: ReadonlyArray<NewEvent>): Promise<Overlap> => {
  const rows = await sql.query(`SELECT event_id::text AS event_id, stream_id, stream_revision::text AS stream_revision FROM ${names.events} WHERE event_id = ANY($1::uuid[])`, [
    events.map((e) => e.eventId),
  ]);
  if (rows.length === 0) return { _tag: "New" };
  const recorded = new Map(rows.map((row) => [String(row["event_id"]), { streamId: String(row["stream_id"]), revision: BigInt(String(row["stream_revision"])) }]));
  let from: bigint | undefined;
  let contiguous = true;
  for (const [i, { eventId }] of events.entries()) {
    const earlier = recorded.get(eventId);
    if (earlier === undefined) continue;
    if (earlier.streamId !== streamId) {
      return { _tag: "Conflict", reason: `event id ${JSON.stringify(eventId)} is already recorded in another stream, "${earlier.streamId}"` };
    }
    if (from === undefined) from = earlier.revision - BigInt(i);
    else if (earlier.revision !== from + BigInt(i)) contiguous = false;
  }
  if (from !== undefined && rows.length === events.length && contiguous) return { _tag: "Again", from };
  return {
    _tag: "Conflict",
    reason:
      rows.length < events.length
        ? `the batch partly overlaps stream "${streamId}": ${rows.length} of its ${events.length} event ids are already recorded there; an append must be wholly new or an exact retry of an earlier one`
        : `the batch's event ids are recorded in stream "${streamId}" but not as one contiguous run in this order, so it is not a retry of an earlier append`,
  };
};
