import { type CampaignStatistics, createStatisticsReader, statisticsInView, type StoreError } from "@tenfold/core";
import type { SubjectKeyStore } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as O from "fp-ts/lib/Option.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import type { CliError } from "./CliError.js";
import { defineCommand } from "./command.js";
import { STATS_HELP } from "./help.js";
import type { CliIo, ExitCode } from "./io.js";
import { EXIT } from "./io.js";
import { type CampaignInStore, campaignFlag, type Loaded, withCampaign } from "./load.js";
import { KEYS_FLAG, keysFlag } from "./personalFlags.js";
import { type FileIntoStore, parseImportSource, type Source, SOURCE_FLAGS } from "./source.js";
import { renderStatistics } from "./statisticsTable.js";
import { statisticsOfFile } from "./statsFile.js";
import { noCampaign, storeFailed } from "./storeReading.js";
import { describeView, historyView, nothingInView, parseView, type View } from "./view.js";

export { parseView, type View } from "./view.js";

const readingFailed =
  (found: CampaignInStore) =>
  (error: StoreError): CliError =>
    storeFailed(`reading stream "${found.streamId}"`, error);

/** Why a campaign has no statistics in the view: it has no events, or its launch is outside the view. */
const whyNone = (found: CampaignInStore, view: View): TE.TaskEither<CliError, never> =>
  pipe(
    found.store.readStream(found.streamId, { maxCount: 1 }),
    TE.mapLeft(readingFailed(found)),
    TE.flatMap((page) => TE.left(page.events[0] === undefined ? noCampaign(found.campaignId) : nothingInView(found.campaignId, page.events[0], view))),
  );

/** A campaign's statistics within the view, read page by page with core's reader; none is a failure saying why. */
export const readStatistics = (found: CampaignInStore, view: View): TE.TaskEither<CliError, CampaignStatistics> =>
  pipe(
    createStatisticsReader(found.store).statistics(found.campaignId, historyView(view)),
    TE.mapLeft(readingFailed(found)),
    TE.flatMap(O.match((): TE.TaskEither<CliError, CampaignStatistics> => whyNone(found, view), TE.right)),
  );

/** Statistics of a loaded campaign within the view; none (the launch is outside it) is a failure saying why. */
export const loadedStatistics = (loaded: Loaded, view: View): E.Either<CliError, CampaignStatistics> =>
  pipe(
    statisticsInView(loaded.events, historyView(view)),
    E.fromOption(() => nothingInView(loaded.campaignId, loaded.events[0], view)),
  );

/** Reads a campaign (a file folded as it streams, or a store's) and prints its statistics within the view, as a table or JSON. */
export const statsOf = (source: Source | FileIntoStore, campaign: string | undefined, view: View, json: boolean, io: CliIo, keys?: SubjectKeyStore): TE.TaskEither<CliError, ExitCode> =>
  pipe(
    // A file alone is folded as it streams; with --keys it is imported, so that its encrypted values are checked against its keys.
    source._tag === "File" && keys === undefined
      ? statisticsOfFile(source.file, view, io)
      : withCampaign("stats", source, campaign, io, (found) => readStatistics(found, view), keys === undefined ? {} : { keys }),
    TE.flatMap((stats) => async () => {
      await io.stdout.write(json ? `${JSON.stringify(stats, null, 2)}\n` : renderStatistics(stats, describeView(view)));
      return E.right(EXIT.ok);
    }),
  );

/** `tenfold stats (--input FILE [--store URL] | --store URL [--campaign ID]) [--as-of DAY] [--recorded-before INSTANT] [--json]`. */
export const statsCommand = defineCommand(
  "stats",
  STATS_HELP,
  {
    ...SOURCE_FLAGS,
    "as-of": { type: "string" },
    "recorded-before": { type: "string" },
    json: { type: "boolean" },
    ...KEYS_FLAG,
  },
  (flags, io) =>
    pipe(
      E.Do,
      E.apS("source", parseImportSource("stats", flags.input, flags.store)),
      E.bind("campaign", ({ source }) => campaignFlag("stats", source, flags.campaign)),
      E.apS("view", parseView("stats", flags["as-of"], flags["recorded-before"])),
      TE.fromEither,
      TE.bind("keys", () => keysFlag(flags.keys, flags.input)),
      TE.flatMap(({ source, campaign, view, keys }) => statsOf(source, campaign, view, flags.json === true, io, keys)),
    ),
);
