import { campaignStreamId, type Clock, describeStoreError, type EventStore, expectRevision, type IdGenerator } from "@tenfold/core";
import { toNewEvent } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, failure, fileError } from "./CliError.js";
import { emptyHistory, judgeLine } from "./history.js";
import type { LineItem } from "./ndjson.js";

// model

/** What an import needs: the store to write to, and how to stamp lines that carry no envelope. */
export interface ImportDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** What an import wrote: the campaign, its stream, and how many lines. */
export interface Imported {
  readonly campaignId: string;
  readonly streamId: string;
  readonly lines: number;
}

// utils

/** The import's failure at a line: the problem, and that nothing was imported. */
const stopped = (file: string, number: number, message: string): E.Either<CliError, never> =>
  E.left(
    failure(
      `${file}:${number}: ${message}`,
      `Nothing was imported: the import stops at the first bad line. "tenfold verify --input ${file}" lists every problem.`,
    ),
  );

// constructors

/**
 * Imports an NDJSON history of one campaign into `store`, line by line: each line is judged
 * against the decider state kept in memory, then appended with the revision expected after the
 * previous line. The first bad line stops the import with `FILE:LINE: message`; an empty file
 * is an error.
 */
export const importHistory =
  (file: string, lines: AsyncIterable<LineItem>, deps: ImportDeps): TE.TaskEither<CliError, Imported> =>
  async () => {
    let history = emptyHistory();
    let lastRevision: bigint | null = null;
    let count = 0;
    const eventIds = new Map<string, number>();
    for await (const item of lines) {
      if (item._tag === "ReadFailed") return E.left(fileError(file, item.reason));
      count = item.number;
      if (item._tag === "BadLine") return stopped(file, item.number, item.message);
      const judged = judgeLine(history, item.number, item.text);
      if (E.isLeft(judged)) return stopped(file, item.number, judged.left);
      const { line } = judged.right;
      const event = toNewEvent(line, deps);
      const earlier = eventIds.get(event.eventId);
      if (earlier !== undefined) return stopped(file, item.number, `eventId: "${event.eventId}" is already the id of line ${earlier}`);
      eventIds.set(event.eventId, item.number);
      const streamId = campaignStreamId(line.event.data.campaignId);
      const appended = await deps.store.append(streamId, [event], expectRevision(lastRevision))();
      if (E.isLeft(appended)) return stopped(file, item.number, describeStoreError(appended.left));
      lastRevision = appended.right.nextExpectedRevision;
      history = judged.right.history;
    }
    const first = history.first;
    if (count === 0 || first === null) return E.left(failure(`${file} is empty`));
    return E.right({ campaignId: first.campaignId, streamId: campaignStreamId(first.campaignId), lines: count });
  };
