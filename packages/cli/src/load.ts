import { campaignStreamId, type EventStore, randomIds, readWholeStream, type RecordedEvent, systemClock } from "@tenfold/core";
import type { SubjectKeyStore } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, usageError } from "./CliError.js";
import { importHistory } from "./importHistory.js";
import type { CliIo } from "./io.js";
import { type LineItem, type LineReaderOptions, openLinesShowing } from "./ndjson.js";
import { memoryHistoryStore } from "./personalData.js";
import { keysOption, storeForReading, storeForWriting } from "./personalFlags.js";
import { type FileIntoStore, type Source, withStore } from "./source.js";
import { findCampaign, noCampaign, storeFailed } from "./storeReading.js";

// model

/** One campaign's history, read from a file (imported through the decider) or from a store. */
export interface Loaded {
  readonly campaignId: string;
  readonly streamId: string;
  /** In recorded order. */
  readonly events: ReadonlyArray<RecordedEvent>;
  /** The file, or the store's description. */
  readonly source: string;
}

/** Ways to watch a file as it is imported (for the audit report): its bytes and its lines. */
export interface LoadObservers extends Pick<LineReaderOptions, "onChunk"> {
  readonly onLine?: (item: LineItem) => void;
  /** The file's key store (--keys): encrypted values are revealed with it, and a store that keeps no keys of its own keeps them there. @defaultValue none */
  readonly keys?: SubjectKeyStore;
}

// utils

const observed = async function* (lines: AsyncIterable<LineItem>, onLine: (item: LineItem) => void): AsyncGenerator<LineItem> {
  for await (const item of lines) {
    onLine(item);
    yield item;
  }
};

/** `--campaign` is for stores; a file holds one campaign. */
export const campaignFlag = (command: string, source: Source | FileIntoStore, campaign: string | undefined): E.Either<CliError, string | undefined> =>
  campaign !== undefined && source._tag !== "Store" ? E.left(usageError(command, "--campaign goes with --store: a file holds one campaign")) : E.right(campaign);

/** A campaign where it is kept: the store it was read from or imported into, and its stream. */
export interface CampaignInStore {
  readonly store: EventStore;
  readonly campaignId: string;
  readonly streamId: string;
  /** The file, or the store's description. */
  readonly source: string;
}

// constructors

/**
 * Runs `work` on one campaign, then closes any store it opened. A file is imported line by line
 * into a new in-memory store (or the `--store` given with it), each line judged by the decider
 * (the first bad line stops it: see importHistory); a store's campaign is the one named by
 * `campaign`, or its only one. A progress bar shows on a terminal for long files.
 */
export const withCampaign = <A>(
  command: string,
  source: Source | FileIntoStore,
  campaign: string | undefined,
  io: CliIo,
  work: (found: CampaignInStore) => TE.TaskEither<CliError, A>,
  observers: LoadObservers = {},
): TE.TaskEither<CliError, A> => {
  switch (source._tag) {
    case "Store":
      return withStore(
        command,
        io,
        source.url,
        (opened) => {
          const store = storeForReading(opened.store, observers.keys, io);
          return pipe(
            findCampaign(store, campaign),
            TE.flatMap((campaignId) => work({ store, campaignId, streamId: campaignStreamId(campaignId), source: opened.description })),
          );
        },
        keysOption(observers.keys),
      );
    case "FileIntoStore":
      return withStore(
        command,
        io,
        source.url,
        (opened) =>
          pipe(
            TE.fromEither(storeForWriting(command, opened, observers.keys, io)),
            TE.flatMap((store) => importFile(command, source.file, store, io, observers, "refuse")),
            TE.flatMap(work),
          ),
        keysOption(observers.keys),
      );
    case "File":
      return pipe(importFile(command, source.file, memoryHistoryStore(io), io, observers, "withhold"), TE.flatMap(work));
  }
};

/** Loads one campaign's whole history (see {@link withCampaign}); a store's campaign with no events is a failure. */
export const loadCampaign = (command: string, source: Source | FileIntoStore, campaign: string | undefined, io: CliIo, observers: LoadObservers = {}): TE.TaskEither<CliError, Loaded> =>
  withCampaign(
    command,
    source,
    campaign,
    io,
    (found) =>
      pipe(
        readWholeStream(found.store, found.streamId),
        TE.mapLeft((error) => storeFailed(`reading stream "${found.streamId}"`, error)),
        TE.flatMap((events) =>
          events.length === 0 ? TE.left(noCampaign(found.campaignId)) : TE.right({ campaignId: found.campaignId, streamId: found.streamId, events, source: found.source }),
        ),
      ),
    observers,
  );

/** Imports a file into `store` through the decider; without keys, encrypted values are appended as erased (`withhold`) or refused. */
const importFile = (command: string, file: string, store: EventStore, io: CliIo, observers: LoadObservers, withoutKeys: "withhold" | "refuse"): TE.TaskEither<CliError, CampaignInStore> =>
  pipe(
    openLinesShowing(file, io, `${command} ${file}`, observers.onChunk === undefined ? {} : { onChunk: observers.onChunk }),
    TE.flatMap((lines) =>
      importHistory(file, observers.onLine === undefined ? lines : observed(lines, observers.onLine), {
        store,
        clock: io.clock ?? systemClock,
        ids: io.ids ?? randomIds,
        withoutKeys,
        ...(observers.keys === undefined ? {} : { keys: observers.keys }),
      }),
    ),
    TE.map((imported) => ({ store, campaignId: imported.campaignId, streamId: imported.streamId, source: file })),
  );
