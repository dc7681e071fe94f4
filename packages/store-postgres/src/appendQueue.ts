import type { Database, Row } from "./database.js";
import { type AppendRequest, appendScript, resultIndex } from "./appendScript.js";
import type { Names } from "./schema.js";

/*
 * Group commit. Appends that arrive while a group is being written wait, and go together in the
 * next one: one transaction, one round trip and one commit (one WAL flush) for all of them. A
 * lone writer waits for nobody (at most one turn of the event loop after its previous append). When a group fails (a unique violation, a lost connection), each
 * of its appends is tried again alone, so one append's fault is never another's.
 */

/** @internal What became of one append of a group: its rows, or the error of the group it was tried alone in. */
export type Written = { readonly _tag: "Rows"; readonly rows: ReadonlyArray<Row> } | { readonly _tag: "Failed"; readonly error: unknown };

/** Appends in one group at most, and events in one group at most. */
const MAX_APPENDS = 64;
const MAX_EVENTS = 4096;

interface Pending {
  readonly request: AppendRequest;
  readonly settle: (written: Written) => void;
}

/** @internal Writes appends in groups, one group at a time. */
export interface AppendQueue {
  readonly write: (request: AppendRequest) => Promise<Written>;
}

/** @internal A queue over the database. */
export const createAppendQueue = (db: Database, names: Names): AppendQueue => {
  const waiting: Pending[] = [];
  let writing = false;

  const run = async (group: ReadonlyArray<Pending>): Promise<void> => {
    try {
      const results = await db.script(appendScript(names, group.map((p) => p.request)));
      group.forEach((p, i) => p.settle({ _tag: "Rows", rows: results[resultIndex(i)] ?? [] }));
    } catch (error) {
      if (group.length === 1) {
        group[0]?.settle({ _tag: "Failed", error });
        return;
      }
      for (const pending of group) await run([pending]);
    }
  };

  const next = (): Pending[] => {
    const group: Pending[] = [];
    let events = 0;
    while (waiting.length > 0 && group.length < MAX_APPENDS) {
      const size = (waiting[0] as Pending).request.events.length;
      if (group.length > 0 && events + size > MAX_EVENTS) break;
      group.push(waiting.shift() as Pending);
      events += size;
    }
    return group;
  };

  const drain = async (): Promise<void> => {
    if (writing) return;
    writing = true;
    try {
      while (waiting.length > 0) {
        await run(next());
        // Let the writers that the group just answered append again before the next group is taken:
        // their next appends then share it instead of each waiting for a group of its own.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      writing = false;
    }
  };

  return {
    write: (request) =>
      new Promise<Written>((settle) => {
        waiting.push({ request, settle });
        void drain();
      }),
  };
};
