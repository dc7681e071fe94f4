import {
  type CampaignStatistics,
  computeStatistics,
  Day,
  describeStoreError,
  type EventStore,
  fromValidationErrors,
  Instant,
  onOrBefore,
  randomIds,
  readWholeStream,
  type RecordedEvent,
  recordedBefore,
  systemClock,
} from "@tenfold/core";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, failure, usageError } from "./CliError.js";
import { defineCommand, required } from "./command.js";
import { STATS_HELP } from "./help.js";
import { type Imported, importHistory } from "./importHistory.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { openLines } from "./ndjson.js";
import { renderStatistics } from "./statisticsTable.js";

// model

/** Which events count: all, those dated on or before a day, those recorded before an instant, or both. */
export interface View {
  readonly asOf?: Day;
  readonly recordedBefore?: string;
}

// utils

type Errors = Parameters<typeof fromValidationErrors>[0];

const flagValue = <A>(
  flag: string,
  value: string | undefined,
  decode: (value: string) => E.Either<Errors, A>,
): E.Either<CliError, A | undefined> => {
  if (value === undefined) return E.right(undefined);
  const decoded = decode(value);
  if (E.isRight(decoded)) return decoded;
  const reason = fromValidationErrors(decoded.left).issues[0]?.message ?? "invalid value";
  return E.left(usageError("stats", `invalid --${flag} "${value}": ${reason}`));
};

/** Parses `--as-of` (a Day) and `--recorded-before` (an ISO-8601 UTC instant); a bad value is a usage error naming the flag. */
export const parseView = (asOf: string | undefined, before: string | undefined): E.Either<CliError, View> =>
  pipe(
    E.Do,
    E.apS("asOf", flagValue("as-of", asOf, (u) => Day.decode(u))),
    E.apS("recordedBefore", flagValue("recorded-before", before, (u) => Instant.decode(u))),
  );

const describeView = (view: View): string | undefined => {
  const parts = [
    ...(view.asOf === undefined ? [] : [`as of ${view.asOf}`]),
    ...(view.recordedBefore === undefined ? [] : [`recorded before ${view.recordedBefore}`]),
  ];
  return parts.length === 0 ? undefined : parts.join(", ");
};

/** The events of the view, in recorded order. */
export const eventsInView = (events: Iterable<RecordedEvent>, view: View): Iterable<RecordedEvent> => {
  const recorded = view.recordedBefore === undefined ? events : recordedBefore(events, new Date(view.recordedBefore));
  return view.asOf === undefined ? recorded : onOrBefore(recorded, view.asOf);
};

/** Why the view holds nothing: the campaign's launch falls outside it. */
const nothingLeft = (imported: Imported, launch: RecordedEvent | undefined, view: View): CliError => {
  const reasons: string[] = [];
  if (launch?.type === "CampaignLaunched") {
    if (view.asOf !== undefined && launch.data.launchedOn > view.asOf) reasons.push(`it was launched on ${launch.data.launchedOn}`);
    if (view.recordedBefore !== undefined && Date.parse(launch.recordedAt) >= Date.parse(view.recordedBefore)) {
      reasons.push(`its launch was recorded at ${launch.recordedAt}`);
    }
  }
  const why = reasons.length === 0 ? "" : `: ${reasons.join(", and ")}`;
  return failure(`No statistics for campaign "${imported.campaignId}" ${describeView(view) ?? ""}${why}. Nothing to show.`);
};

/** Statistics of the imported campaign within the view. */
const statisticsIn = (store: EventStore, imported: Imported, view: View): TE.TaskEither<CliError, CampaignStatistics> =>
  pipe(
    readWholeStream(store, imported.streamId),
    TE.mapLeft((error) => failure(`tenfold: reading back the import failed: ${describeStoreError(error)}`)),
    TE.flatMap((events) =>
      pipe(
        computeStatistics(eventsInView(events, view)),
        TE.fromOption(() => nothingLeft(imported, events[0], view)),
      ),
    ),
  );

/** Imports `file` into a new in-memory store and prints its statistics within the view, as a table or JSON. */
export const statsOf = (file: string, view: View, json: boolean, io: CliIo): TE.TaskEither<CliError, ExitCode> => {
  const store = createMemoryEventStore();
  const deps = { store, clock: io.clock ?? systemClock, ids: io.ids ?? randomIds };
  return pipe(
    openLines(file),
    TE.flatMap((lines) => importHistory(file, lines, deps)),
    TE.flatMap((imported) => statisticsIn(store, imported, view)),
    TE.flatMap((stats) => async () => {
      await io.stdout.write(json ? `${JSON.stringify(stats, null, 2)}\n` : renderStatistics(stats, describeView(view)));
      return E.right(EXIT.ok);
    }),
  );
};

/** `tenfold stats --input FILE [--as-of DAY] [--recorded-before INSTANT] [--json]`. */
export const statsCommand = defineCommand(
  "stats",
  STATS_HELP,
  {
    input: { type: "string", short: "i" },
    "as-of": { type: "string" },
    "recorded-before": { type: "string" },
    json: { type: "boolean" },
  },
  (flags, io) =>
    pipe(
      E.Do,
      E.apS("file", required("stats", "input", flags.input, "FILE")),
      E.apS("view", parseView(flags["as-of"], flags["recorded-before"])),
      TE.fromEither,
      TE.flatMap(({ file, view }) => statsOf(file, view, flags.json === true, io)),
    ),
);
