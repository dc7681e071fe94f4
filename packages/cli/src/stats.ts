import { type CampaignStatistics, computeStatistics } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import type { CliError } from "./CliError.js";
import { defineCommand } from "./command.js";
import { STATS_HELP } from "./help.js";
import type { CliIo, ExitCode } from "./io.js";
import { EXIT } from "./io.js";
import { campaignFlag, type Loaded, loadCampaign } from "./load.js";
import { type FileIntoStore, parseImportSource, type Source, SOURCE_FLAGS } from "./source.js";
import { renderStatistics } from "./statisticsTable.js";
import { describeView, eventsInView, nothingInView, parseView, type View } from "./view.js";

export { eventsInView, parseView, type View } from "./view.js";

/** Statistics of a loaded campaign within the view; none (the launch is outside it) is a failure saying why. */
export const statisticsInView = (loaded: Loaded, view: View): E.Either<CliError, CampaignStatistics> =>
  pipe(
    computeStatistics(eventsInView(loaded.events, view)),
    E.fromOption(() => nothingInView(loaded.campaignId, loaded.events[0], view)),
  );

/** Loads a campaign (a file imported in memory, or a store's) and prints its statistics within the view, as a table or JSON. */
export const statsOf = (source: Source | FileIntoStore, campaign: string | undefined, view: View, json: boolean, io: CliIo): TE.TaskEither<CliError, ExitCode> =>
  pipe(
    loadCampaign("stats", source, campaign, io),
    TE.flatMapEither((loaded) => statisticsInView(loaded, view)),
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
  },
  (flags, io) =>
    pipe(
      E.Do,
      E.apS("source", parseImportSource("stats", flags.input, flags.store)),
      E.bind("campaign", ({ source }) => campaignFlag("stats", source, flags.campaign)),
      E.apS("view", parseView("stats", flags["as-of"], flags["recorded-before"])),
      TE.fromEither,
      TE.flatMap(({ source, campaign, view }) => statsOf(source, campaign, view, flags.json === true, io)),
    ),
);
