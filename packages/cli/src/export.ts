import { type EventStore, randomIds, systemClock } from "@tenfold/core";
import { envelopeLine, type PersonalValues } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import { describeKeyStoreError, type SubjectKeyStore } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, failure, usageError } from "./CliError.js";
import { defineCommand, required } from "./command.js";
import { exportTask, exportFile } from "./exportHistory.js";
import { openPreparedLines, threadsOf } from "./preparedLines.js";
import { EXPORT_HELP } from "./helpAudit.js";
import { importHistory } from "./importHistory.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { openLinesShowing } from "./ndjson.js";
import { type Output, writingTo } from "./output.js";
import { describeLineFailure, protectLines, type Salting } from "./personalData.js";
import { KEYS_FLAG, keysFlag, keysOption, PERSONAL_FLAG, personalDataWarning, personalFlag, storeForReading, storeForWriting } from "./personalFlags.js";
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

/** How personal values are exported, and the key store of `--keys`. */
interface Personal {
  readonly mode: PersonalValues;
  readonly keys: SubjectKeyStore | undefined;
}

// utils

const plural = (n: number, one: string): string => `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;

// constructors

/**
 * Writes every event of a store, in global order, as envelope lines: personal values as `personal`
 * says (default omit: null); `encrypted` encrypts each value read under `keys` (the stored form of
 * a file kept with them), the store's seals kept.
 */
export const exportStore =
  (store: EventStore, output: Pick<Output, "write">, progress?: Progress, personal: { readonly mode?: PersonalValues; readonly keys?: SubjectKeyStore; readonly io?: Salting } = {}): TE.TaskEither<CliError, Written> =>
  async () => {
    const streams = new Set<string>();
    const mode = personal.mode ?? "omit";
    let events = 0;
    for await (const item of eachStoredEvent(store)) {
      if (E.isLeft(item)) return item;
      const event = item.right;
      streams.add(event.streamId);
      progress?.update(++events);
      if (mode === "encrypted" && personal.keys !== undefined && event.personal !== undefined) {
        const full = await protectLines(personal.keys, [event], personal.io ?? {})();
        if (E.isLeft(full)) return E.left(failure(`tenfold: event ${events} (stream "${event.streamId}" revision ${event.streamRevision}): ${describeLineFailure(full.left)}`));
        await output.write(`${envelopeLine({ ...event, personal: (full.right[0]?.personal ?? {}) }, mode)}\n`);
      } else await output.write(`${envelopeLine(event, mode)}\n`);
      if (mode === "encrypted" && personal.keys !== undefined && event.type === "SubjectErased") {
        // The file's key store must not keep a key of a subject its history erases.
        const destroyed = await personal.keys.destroy({ campaignId: event.data.campaignId, subject: event.data.subject })();
        if (E.isLeft(destroyed)) return E.left(failure(`tenfold: the key of ${event.data.subject} could not be destroyed: ${describeKeyStoreError(destroyed.left)}`));
      }
    }
    progress?.done();
    return E.right({ events, streams: streams.size });
  };

const fromFile = (file: string, out: string, io: CliIo, personal: Personal): TE.TaskEither<CliError, Written> => {
  const progress = progressBar(io, `export ${file}`);
  const deps = { clock: io.clock ?? systemClock, ids: io.ids ?? randomIds, sha256: nodeSha256, progress, personal: personal.mode, io, ...(personal.keys === undefined ? {} : { keys: personal.keys }) };
  return pipe(
    openPreparedLines(file, exportTask(personal.mode), threadsOf(io)),
    TE.flatMap((chunks) => writingTo(out, (output) => exportFile(file, chunks, output, deps))),
    TE.map(({ events }) => ({ events, streams: 1 })),
  );
};

const fromStore = (url: string, input: string | undefined, out: string, io: CliIo, personal: Personal): TE.TaskEither<CliError, Written> =>
  withStore(
    "export",
    io,
    url,
    (opened) =>
      pipe(
      input === undefined
        ? TE.right(undefined)
        : pipe(
            TE.fromEither(storeForWriting("export", opened, personal.keys, io)),
            TE.flatMap((store) =>
              pipe(
                openLinesShowing(input, io, `export ${input}`),
                TE.flatMap((lines) => importHistory(input, lines, { store, clock: io.clock ?? systemClock, ids: io.ids ?? randomIds, withoutKeys: "refuse", ...(personal.keys === undefined ? {} : { keys: personal.keys }) })),
              ),
            ),
            TE.map(() => undefined),
          ),
      TE.flatMap(() =>
        writingTo(out, (output) => exportStore(storeForReading(opened.store, personal.keys, io), output, progressBar(io, `export ${opened.description}`), { mode: personal.mode, ...(personal.keys === undefined ? {} : { keys: personal.keys }), io })),
      ),
    ),
    keysOption(personal.keys),
  );

/** `tenfold export [--input FILE] [--store URL] [--personal include|omit|encrypted] [--keys DIR] --out FILE`. */
export const exportCommand = defineCommand(
  "export",
  EXPORT_HELP,
  { input: { type: "string", short: "i" }, store: { type: "string" }, out: { type: "string", short: "o" }, ...PERSONAL_FLAG, ...KEYS_FLAG },
  (flags, io) =>
    pipe(
      E.Do,
      E.apS("out", required("export", "out", flags.out, "FILE")),
      E.apS("store", flags.store === undefined ? E.right(undefined) : storeUrl("export", flags.store)),
      E.apS("mode", personalFlag("export", flags.personal, flags.keys)),
      E.flatMap((args) => (flags.input === undefined && args.store === undefined ? E.left(usageError("export", "missing --input FILE or --store URL")) : E.right(args))),
      TE.fromEither,
      TE.bind("keys", () => keysFlag(flags.keys, flags.input)),
      TE.flatMap(({ out, store, mode, keys }) => {
        const personal = { mode, keys };
        return pipe(
          store === undefined ? fromFile(flags.input ?? "", out, io, personal) : fromStore(store, flags.input, out, io, personal),
          TE.flatMap(({ events, streams }) => async () => {
            await io.stdout.write(`Exported ${plural(events, "event")} in ${plural(streams, "stream")} to ${out}${mode === "omit" ? "" : ` (personal values ${mode === "include" ? "included" : "encrypted"})`}\n`);
            if (mode === "include") await io.stderr.write(personalDataWarning(out));
            return E.right<CliError, ExitCode>(EXIT.ok);
          }),
        );
      }),
    ),
);
