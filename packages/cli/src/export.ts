import { type EventStore, randomIds, systemClock } from "@tenfold/core";
import { envelopeLine } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, usageError } from "./CliError.js";
import { defineCommand, required } from "./command.js";
import { exportFile } from "./exportHistory.js";
import { EXPORT_HELP } from "./helpAudit.js";
import { importHistory } from "./importHistory.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { openLines } from "./ndjson.js";
import { type Output, writingTo } from "./output.js";
import { type Progress, progressBar } from "./progress.js";
import { withStore } from "./source.js";
import { storeUrl } from "./storeUrl.js";
import { eachStoredEvent } from "./storeReading.js";

// model

/** How many events in how many streams an export wrote. */
interface Written {
  readonly events: number;
  readonly streams: number;
}

// utils

const plural = (n: number, one: string): string => `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;

const lineProgress = (io: CliIo, label: string): { readonly progress: Progress; readonly onBytes: (read: number, size: number) => void } => {
  const bar = progressBar(io, label);
  let fraction: number | undefined;
  return {
    progress: { update: (events) => bar.update(events, fraction), done: bar.done },
    onBytes: (read, size) => (fraction = size > 0 ? read / size : undefined),
  };
};

// constructors

/** Writes every event of a store, in global order, as envelope lines. */
export const exportStore =
  (store: EventStore, output: Pick<Output, "write">, progress?: Progress): TE.TaskEither<CliError, Written> =>
  async () => {
    const streams = new Set<string>();
    let events = 0;
    for await (const item of eachStoredEvent(store)) {
      if (E.isLeft(item)) return item;
      streams.add(item.right.streamId);
      progress?.update(++events);
      await output.write(`${envelopeLine(item.right)}\n`);
    }
    progress?.done();
    return E.right({ events, streams: streams.size });
  };

const fromFile = (file: string, out: string, io: CliIo): TE.TaskEither<CliError, Written> => {
  const { progress, onBytes } = lineProgress(io, `export ${file}`);
  const deps = { clock: io.clock ?? systemClock, ids: io.ids ?? randomIds, sha256: nodeSha256, progress };
  return pipe(
    openLines(file, { onBytes }),
    TE.flatMap((lines) => writingTo(out, (output) => exportFile(file, lines, output, deps))),
    TE.map(({ events }) => ({ events, streams: 1 })),
  );
};

const fromStore = (url: string, input: string | undefined, out: string, io: CliIo): TE.TaskEither<CliError, Written> =>
  withStore("export", io, url, ({ store, description }) =>
    pipe(
      input === undefined
        ? TE.right(undefined)
        : pipe(
            openLines(input),
            TE.flatMap((lines) => importHistory(input, lines, { store, clock: io.clock ?? systemClock, ids: io.ids ?? randomIds })),
            TE.map(() => undefined),
          ),
      TE.flatMap(() => writingTo(out, (output) => exportStore(store, output, progressBar(io, `export ${description}`)))),
    ),
  );

/** `tenfold export [--input FILE] [--store URL] --out FILE`. */
export const exportCommand = defineCommand(
  "export",
  EXPORT_HELP,
  { input: { type: "string", short: "i" }, store: { type: "string" }, out: { type: "string", short: "o" } },
  (flags, io) =>
    pipe(
      E.Do,
      E.apS("out", required("export", "out", flags.out, "FILE")),
      E.apS("store", flags.store === undefined ? E.right(undefined) : storeUrl("export", flags.store)),
      E.flatMap((args) => (flags.input === undefined && args.store === undefined ? E.left(usageError("export", "missing --input FILE or --store URL")) : E.right(args))),
      TE.fromEither,
      TE.flatMap(({ out, store }) => (store === undefined ? fromFile(flags.input ?? "", out, io) : fromStore(store, flags.input, out, io))),
      TE.flatMap(({ events, streams }) => async () => {
        await io.stdout.write(`Exported ${plural(events, "event")} in ${plural(streams, "stream")} to ${flags.out ?? ""}\n`);
        return E.right<CliError, ExitCode>(EXIT.ok);
      }),
    ),
);
