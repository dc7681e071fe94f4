import { campaignStreamId, type Clock, describeStoreError, type EventStore, expectRevision, type IdGenerator } from "@tenfold/core";
import { toNewEvent } from "@tenfold/core/audit";
import type { SubjectKeyStore } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, failure, fileError } from "./CliError.js";
import { emptyHistory, judgeLine } from "./history.js";
import type { LineItem } from "./ndjson.js";
import { describeLineFailure, memoryKeys, revealLine } from "./personalData.js";
import { isEncrypted } from "./personalEntries.js";

// model

/** What an import needs: the store to write to, and how to stamp lines that carry no envelope. */
export interface ImportDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The file's key store (--keys): encrypted values are revealed with its keys before the append; a value without its key is appended as erased (its commitment only). @defaultValue none */
  readonly keys?: SubjectKeyStore;
  /** Without `keys`, what becomes of an encrypted value: appended as erased (`withhold`: a store in memory), or the import refused (`refuse`: a store that keeps what it is given). @defaultValue "withhold" */
  readonly withoutKeys?: "withhold" | "refuse";
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

const encryptedWithoutKeys = (fields: ReadonlyArray<string>): string =>
  `${fields.map((f) => `personal.${f}`).join(", ")}: ${fields.length === 1 ? "is" : "are"} encrypted: give --keys DIR (the file's key store) to import the value, which would otherwise be lost to the store`;

// constructors

/**
 * Imports an NDJSON history of one campaign into `store`, line by line: each line is judged
 * against the decider state kept in memory, then appended with the revision expected after the
 * previous line. A schema-2 line keeps its commitments and salts; encrypted values are revealed
 * with `keys` first. The first bad line stops the import with `FILE:LINE: message`; an empty
 * file is an error.
 */
export const importHistory =
  (file: string, lines: AsyncIterable<LineItem>, deps: ImportDeps): TE.TaskEither<CliError, Imported> =>
  async () => {
    let history = emptyHistory();
    let lastRevision: bigint | null = null;
    let count = 0;
    const eventIds = new Map<string, number>();
    const keys = deps.keys ?? memoryKeys();
    for await (const item of lines) {
      if (item._tag === "ReadFailed") return E.left(fileError(file, item.reason));
      count = item.number;
      if (item._tag === "BadLine") return stopped(file, item.number, item.message);
      const judged = judgeLine(history, item.number, item.text);
      if (E.isLeft(judged)) return stopped(file, item.number, judged.left);
      const { line, personal } = judged.right;
      const given = toNewEvent(line, deps, personal);
      const earlier = eventIds.get(given.eventId);
      if (earlier !== undefined) return stopped(file, item.number, `eventId: "${given.eventId}" is already the id of line ${earlier}`);
      eventIds.set(given.eventId, item.number);
      const streamId = campaignStreamId(line.event.data.campaignId);
      if (isEncrypted(given.personal) && deps.keys === undefined && deps.withoutKeys === "refuse") {
        return stopped(file, item.number, encryptedWithoutKeys(Object.keys(given.personal ?? {}).filter((f) => given.personal?.[f]?.encrypted !== undefined)));
      }
      const event = await revealLine(keys, given, streamId)();
      if (E.isLeft(event)) return stopped(file, item.number, describeLineFailure(event.left));
      const appended = await deps.store.append(streamId, [event.right], expectRevision(lastRevision))();
      if (E.isLeft(appended)) return stopped(file, item.number, describeStoreError(appended.left));
      lastRevision = appended.right.nextExpectedRevision;
      history = judged.right.history;
    }
    const first = history.first;
    if (count === 0 || first === null) return E.left(failure(`${file} is empty`));
    return E.right({ campaignId: first.campaignId, streamId: campaignStreamId(first.campaignId), lines: count });
  };
