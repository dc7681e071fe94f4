import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, usageError } from "./CliError.js";
import type { CliIo, OpenedStore, StoreOpenOptions } from "./io.js";
import { storeUrl } from "./storeUrl.js";

// model

/** The flags that say where a history comes from: a file, a store, and the campaign in the store. */
export const SOURCE_FLAGS = {
  input: { type: "string", short: "i" },
  store: { type: "string" },
  campaign: { type: "string" },
} as const;

/** Where a command reads a history: an NDJSON file, or an event store. */
export type Source = { readonly _tag: "File"; readonly file: string } | { readonly _tag: "Store"; readonly url: string };

/** A file to append to an event store through the decider, then read from there. */
export interface FileIntoStore {
  readonly _tag: "FileIntoStore";
  readonly file: string;
  readonly url: string;
}

/** `--input FILE`, `--store URL`, or both: the file's history appended to the store. */
export const parseImportSource = (command: string, input: string | undefined, store: string | undefined): E.Either<CliError, Source | FileIntoStore> =>
  input !== undefined && store !== undefined
    ? E.map((url: string) => ({ _tag: "FileIntoStore", file: input, url }) as const)(storeUrl(command, store))
    : parseSource(command, input, store);

/** Exactly one of `--input FILE` and `--store URL`. */
export const parseSource = (command: string, input: string | undefined, store: string | undefined): E.Either<CliError, Source> => {
  if (input !== undefined && store !== undefined) return E.left(usageError(command, "give --input FILE or --store URL, not both"));
  if (input !== undefined) return E.right({ _tag: "File", file: input });
  // Files are the common case; the help tells of --store.
  if (store === undefined) return E.left(usageError(command, "missing --input FILE"));
  return E.map((url: string) => ({ _tag: "Store", url }) as const)(storeUrl(command, store));
};

/**
 * Opens the store a URL names with the io's opener. Without an opener this build has no store
 * adapter wired in: a usage error says so.
 */
export const openStore =
  (command: string, io: CliIo, url: string, options: StoreOpenOptions = {}): TE.TaskEither<CliError, OpenedStore> =>
  async () => {
    if (io.openStore === undefined) {
      return E.left(usageError(command, "--store is not available yet: this tenfold has no store adapters wired in; export the history to a file and give --input FILE"));
    }
    return E.mapLeft((reason: string) => usageError(command, `--store: ${reason}`))(await io.openStore(url, options));
  };

/** Runs `work` on an opened store (given the key store of `--keys` when there is one) and closes it whatever happens. */
export const withStore =
  <A>(command: string, io: CliIo, url: string, work: (opened: OpenedStore) => TE.TaskEither<CliError, A>, options: StoreOpenOptions = {}): TE.TaskEither<CliError, A> =>
  async () => {
    const opened = await openStore(command, io, url, options)();
    if (E.isLeft(opened)) return opened;
    try {
      return await work(opened.right)();
    } finally {
      await opened.right.close();
    }
  };
