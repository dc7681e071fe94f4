import { campaignStreamId, type Clock, describeStoreError, type EventStore, expectRevision, type IdGenerator, type NewEvent, type StoreError } from "@tenfold/core";
import { toNewEvent } from "@tenfold/core/audit";
import type { SubjectKeyStore } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, failure, fileError } from "./CliError.js";
import { admitLine, emptyHistory } from "./history.js";
import type { LineItem } from "./ndjson.js";
import { eventIdIndex, repeatedEventId } from "./eventIdIndex.js";
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
export const stopped = (file: string, number: number, message: string): E.Either<CliError, never> =>
  E.left(
    failure(
      `${file}:${number}: ${message}`,
      `Nothing was imported: the import stops at the first bad line. "tenfold verify --input ${file}" lists every problem.`,
    ),
  );

/** Most events and (estimated) bytes of one append: half of EventStoreDB's default maximum append size, so that a default server never needs a batch split. */
const BATCH_EVENTS = 500;
const BATCH_BYTES = 512 * 1024;

/** An event waiting to be appended, and the line it came from. */
interface Pending {
  readonly event: NewEvent;
  readonly line: number;
}

/** Roughly the bytes an event takes in an append: its data, and its envelope's other fields. */
const estimatedBytes = (event: NewEvent): number => JSON.stringify(event.data).length + JSON.stringify(event.personal ?? {}).length + 400;

/** A store error at the lines of a batch, as the import reports it. */
const storeErrorAt = (file: string, batch: ReadonlyArray<Pending>, error: StoreError, written: number): E.Either<CliError, never> => {
  const first = batch[0]?.line ?? 0;
  const last = batch.at(-1)?.line ?? first;
  const where = first === last ? `${file}:${first}` : `${file}:${first}-${last}`;
  const message =
    error._tag === "AppendTooLarge" && batch.length === 1
      ? `the event is larger than the event store's maximum append size${error.limit === null ? "" : ` (${error.limit} bytes)`}${error.size === null ? "" : `: it takes ${error.size} bytes`}; the store cannot hold it`
      : describeStoreError(error);
  return E.left(
    failure(
      `${where}: ${message}`,
      written === 0 ? "Nothing was imported." : `The lines before ${where} were imported (${written} events); the store holds them.`,
    ),
  );
};

/** Where a batch's append stopped: the events it failed at, why, and how many of the batch were appended before them. */
interface Stopped {
  readonly failed: ReadonlyArray<Pending>;
  readonly error: StoreError;
  readonly appendedBefore: number;
}

/**
 * Appends a batch at `revision`, splitting it in halves for as long as the store says it is too
 * large (EventStoreDB's maximum append size), so that events that fit one by one are always imported.
 * The revision the stream is at after it, or where it stopped.
 */
const appendSplitting = async (store: EventStore, streamId: string, batch: ReadonlyArray<Pending>, revision: bigint | null): Promise<E.Either<Stopped, bigint | null>> => {
  if (batch.length === 0) return E.right(revision);
  const appended = await store.append(streamId, batch.map((p) => p.event), expectRevision(revision))();
  if (E.isRight(appended)) return E.right(appended.right.nextExpectedRevision);
  if (appended.left._tag !== "AppendTooLarge" || batch.length === 1) return E.left({ failed: batch, error: appended.left, appendedBefore: 0 });
  const half = Math.ceil(batch.length / 2);
  const first = await appendSplitting(store, streamId, batch.slice(0, half), revision);
  if (E.isLeft(first)) return first;
  const second = await appendSplitting(store, streamId, batch.slice(half), first.right);
  return E.isLeft(second) ? E.left({ ...second.left, appendedBefore: half + second.left.appendedBefore }) : second;
};

const encryptedWithoutKeys = (fields: ReadonlyArray<string>): string =>
  `${fields.map((f) => `personal.${f}`).join(", ")}: ${fields.length === 1 ? "is" : "are"} encrypted: give --keys DIR (the file's key store) to import the value, which would otherwise be lost to the store`;

// constructors

/**
 * Imports an NDJSON history of one campaign into `store`: each line is judged against the
 * decider state kept in memory, and the judged events are appended in batches (up to 500 events
 * or about 512 KiB), each with the revision expected after the previous one; a batch the store
 * finds too large is split until its events fit. A schema-2 line keeps its commitments and salts;
 * encrypted values are revealed with `keys` first. The first bad line stops the import with
 * `FILE:LINE: message`, before its batch is appended; an empty file is an error.
 */
export const importHistory =
  (file: string, lines: AsyncIterable<LineItem>, deps: ImportDeps): TE.TaskEither<CliError, Imported> =>
  async () => {
    let history = emptyHistory();
    let lastRevision: bigint | null = null;
    let count = 0;
    let written = 0;
    let writtenThrough = 0; // the line of the last event appended
    let pending: Pending[] = [];
    let pendingBytes = 0;
    let streamId = "";
    const flush = async (): Promise<E.Either<CliError, void>> => {
      const batch = pending;
      pending = [];
      pendingBytes = 0;
      const appended = await appendSplitting(deps.store, streamId, batch, lastRevision);
      if (E.isLeft(appended)) return storeErrorAt(file, appended.left.failed, appended.left.error, written + appended.left.appendedBefore);
      lastRevision = appended.right;
      written += batch.length;
      writtenThrough = batch.at(-1)?.line ?? writtenThrough;
      return E.right(undefined);
    };
    const stop = (number: number, message: string): E.Either<CliError, never> =>
      written === 0
        ? stopped(file, number, message)
        : E.left(
            failure(
              `${file}:${number}: ${message}`,
              `The import stops at the first bad line: lines 1–${writtenThrough} were imported (${written} events, in the store now), lines ${writtenThrough + 1}–${number} were not. "tenfold verify --input ${file}" lists every problem.`,
            ),
          );
    const eventIds = eventIdIndex();
    const keys = deps.keys ?? memoryKeys();
    for await (const item of lines) {
      if (item._tag === "ReadFailed") return E.left(fileError(file, item.reason));
      count = item.number;
      if (item._tag === "BadLine") return stop(item.number, item.message);
      const judged = admitLine(history, eventIds, item.number, item.text);
      if (E.isLeft(judged)) return stop(item.number, judged.left);
      const { line, personal } = judged.right;
      const given = toNewEvent(line, deps, personal);
      // An id given to a bare line now is remembered too: a later line may not give it.
      const earlier = line.envelope.eventId === undefined ? eventIds.add(given.eventId, item.number) : undefined;
      if (earlier !== undefined) return stop(item.number, repeatedEventId(given.eventId, earlier));
      streamId = campaignStreamId(line.event.data.campaignId);
      if (isEncrypted(given.personal) && deps.keys === undefined && deps.withoutKeys === "refuse") {
        return stop(item.number, encryptedWithoutKeys(Object.keys(given.personal ?? {}).filter((f) => given.personal?.[f]?.encrypted !== undefined)));
      }
      const event = await revealLine(keys, given, streamId)();
      if (E.isLeft(event)) return stop(item.number, describeLineFailure(event.left));
      pending.push({ event: event.right, line: item.number });
      pendingBytes += estimatedBytes(event.right);
      history = judged.right.history;
      if (pending.length >= BATCH_EVENTS || pendingBytes >= BATCH_BYTES) {
        const flushed = await flush();
        if (E.isLeft(flushed)) return flushed;
      }
    }
    const flushed = await flush();
    if (E.isLeft(flushed)) return flushed;
    const first = history.first;
    if (count === 0 || first === null) return E.left(failure(`${file} is empty`));
    return E.right({ campaignId: first.campaignId, streamId: campaignStreamId(first.campaignId), lines: count });
  };
