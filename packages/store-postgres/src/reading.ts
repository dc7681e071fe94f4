import type { AllPage, RecordedEvent, StoreError, StreamPage } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import type { Database } from "./database.js";
import { toStoreError } from "./errors.js";
import type { Names } from "./schema.js";
import { EVENT_COLUMNS, fromRows } from "./storedFormat.js";

/*
 * Paged reads. A page asks for one row more than it returns, to know whether there is more now;
 * nothing reads a whole stream at once. Positions and revisions travel as text and become bigints;
 * ORDER BY names the table's columns (`e.position`), never the text columns of the same name.
 */

/** @internal What a read needs. */
export interface ReadContext {
  readonly db: Database;
  readonly names: Names;
  readonly redact: (text: string) => string;
}

const page = (events: RecordedEvent[], maxCount: number, next: (last: RecordedEvent, following: RecordedEvent) => bigint): { events: RecordedEvent[]; next: bigint | null } => {
  if (events.length <= maxCount) return { events, next: null };
  const following = events[maxCount] as RecordedEvent;
  const kept = events.slice(0, maxCount);
  return { events: kept, next: next(kept[maxCount - 1] as RecordedEvent, following) };
};

/** @internal One page of a stream from `fromRevision`. */
export const readStreamPage = async (context: ReadContext, streamId: string, fromRevision: bigint, maxCount: number): Promise<E.Either<StoreError, StreamPage>> => {
  try {
    const rows = await context.db.query(
      `SELECT ${EVENT_COLUMNS} FROM ${context.names.events} AS e WHERE e.stream_id = $1 AND e.stream_revision >= $2::bigint ORDER BY e.stream_revision LIMIT $3`,
      [streamId, fromRevision.toString(), maxCount + 1],
    );
    return E.map((events: RecordedEvent[]) => page(events, maxCount, (_, following) => following.streamRevision))(fromRows(rows));
  } catch (error) {
    return E.left(toStoreError(error, `reading stream "${streamId}"`, context.redact));
  }
};

/** @internal One page of all events after `after` in global order. */
export const readAllPage = async (context: ReadContext, after: bigint | undefined, maxCount: number): Promise<E.Either<StoreError, AllPage>> => {
  try {
    const rows = await context.db.query(`SELECT ${EVENT_COLUMNS} FROM ${context.names.events} AS e WHERE e.position > $1::bigint ORDER BY e.position LIMIT $2`, [
      (after ?? -1n).toString(),
      maxCount + 1,
    ]);
    return E.map((events: RecordedEvent[]) => page(events, maxCount, (last) => last.position))(fromRows(rows));
  } catch (error) {
    return E.left(toStoreError(error, "reading all events", context.redact));
  }
};
