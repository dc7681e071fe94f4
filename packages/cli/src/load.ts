import { type EventStore, randomIds, readWholeStream, type RecordedEvent, systemClock } from "@tenfold/core";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, usageError } from "./CliError.js";
import { importHistory } from "./importHistory.js";
import type { CliIo } from "./io.js";
import { type LineItem, type LineReaderOptions, openLines } from "./ndjson.js";
import { progressBar } from "./progress.js";
import { type FileIntoStore, type Source, withStore } from "./source.js";
import { readCampaign, storeFailed } from "./storeReading.js";

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

// constructors

/**
 * Loads one campaign. A file is imported line by line into a new in-memory store, each line
 * judged by the decider (the first bad line stops it: see importHistory); a store's campaign is
 * the one named by `campaign`, or its only one. A progress bar shows on a terminal for long files.
 */
export const loadCampaign = (command: string, source: Source | FileIntoStore, campaign: string | undefined, io: CliIo, observers: LoadObservers = {}): TE.TaskEither<CliError, Loaded> => {
  switch (source._tag) {
    case "Store":
      return withStore(command, io, source.url, (opened) =>
        pipe(
          readCampaign(opened.store, campaign),
          TE.map((found) => ({ ...found, source: opened.description })),
        ),
      );
    case "FileIntoStore":
      return withStore(command, io, source.url, (opened) => importFile(command, source.file, opened.store, io, observers));
    case "File":
      return importFile(command, source.file, createMemoryEventStore(), io, observers);
  }
};

/** Imports a file into `store` through the decider, then reads the campaign back from it. */
const importFile = (command: string, file: string, store: EventStore, io: CliIo, observers: LoadObservers): TE.TaskEither<CliError, Loaded> => {
  const progress = progressBar(io, `${command} ${file}`);
  let fraction: number | undefined;
  const onLine = (item: LineItem): void => {
    if (item._tag !== "ReadFailed") progress.update(item.number, fraction);
    observers.onLine?.(item);
  };
  const options: LineReaderOptions = {
    onBytes: (read, size) => (fraction = size > 0 ? read / size : undefined),
    ...(observers.onChunk === undefined ? {} : { onChunk: observers.onChunk }),
  };
  return pipe(
    openLines(file, options),
    TE.flatMap((lines) => importHistory(file, observed(lines, onLine), { store, clock: io.clock ?? systemClock, ids: io.ids ?? randomIds })),
    TE.tap(() => TE.fromIO(progress.done)),
    TE.flatMap((imported) =>
      pipe(
        readWholeStream(store, imported.streamId),
        TE.mapLeft((error) => storeFailed("reading back the import", error)),
        TE.map((events) => ({ campaignId: imported.campaignId, streamId: imported.streamId, events, source: file })),
      ),
    ),
    TE.mapLeft((error) => {
      progress.done();
      return error;
    }),
  );
};
