import { createStatisticsReader, type Day } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as O from "fp-ts/lib/Option.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, usageError } from "./CliError.js";
import { defineCommand, required } from "./command.js";
import { DIFF_HELP } from "./helpAudit.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { type CampaignInStore, campaignFlag, withCampaign } from "./load.js";
import { parseSource, type Source, SOURCE_FLAGS } from "./source.js";
import { diffStatistics, renderDiff } from "./statisticsDiff.js";
import { readStatistics } from "./stats.js";
import { storeFailed } from "./storeReading.js";
import { dayFlag, historyView, instantFlag, type View } from "./view.js";

// model

/** The two points compared: both business days (as-of views) or both instants (recorded-before views). */
export interface Points {
  readonly from: View;
  readonly to: View;
  readonly labels: readonly [string, string];
}

// utils

const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

const point = (flag: string, value: string): E.Either<CliError, View> =>
  DAY_SHAPE.test(value)
    ? E.map((day: Day | undefined) => (day === undefined ? {} : { asOf: day }))(dayFlag("diff", flag, value))
    : E.map((instant: string | undefined) => (instant === undefined ? {} : { recordedBefore: instant }))(instantFlag("diff", flag, value));

/** Parses `--from` and `--to`: two days, or two instants. */
export const parsePoints = (from: string | undefined, to: string | undefined): E.Either<CliError, Points> =>
  pipe(
    E.Do,
    E.apS("a", required("diff", "from", from, "DAY|INSTANT")),
    E.apS("b", required("diff", "to", to, "DAY|INSTANT")),
    E.flatMap(({ a, b }) =>
      DAY_SHAPE.test(a) !== DAY_SHAPE.test(b)
        ? E.left(usageError("diff", "--from and --to must both be days (YYYY-MM-DD) or both instants (ISO-8601 UTC, …T…Z)"))
        : pipe(
            E.Do,
            E.apS("from", point("from", a)),
            E.apS("to", point("to", b)),
            E.map(({ from, to }) => ({ from, to, labels: DAY_SHAPE.test(a) ? ([a, b] as const) : ([`before ${a}`, `before ${b}`] as const) })),
          ),
    ),
  );

/** Prints how each statistic of the campaign changed between the two points, as a table or JSON; each point is read with core's statistics reader. */
export const diffOf = (found: CampaignInStore, points: Points, json: boolean, io: CliIo): TE.TaskEither<CliError, ExitCode> =>
  pipe(
    readStatistics(found, points.to),
    TE.flatMap((to) =>
      pipe(
        createStatisticsReader(found.store).statistics(found.campaignId, historyView(points.from)),
        TE.mapLeft((error) => storeFailed(`reading stream "${found.streamId}"`, error)),
        TE.map((from) => ({ from: O.toNullable(from), to })),
      ),
    ),
    TE.flatMap(({ from, to }) => async () => {
      const diff = diffStatistics(from, to);
      const [fromLabel, toLabel] = points.labels;
      await io.stdout.write(json ? `${JSON.stringify({ ...diff, from: points.from, to: points.to, launchedBeforeFrom: from !== null }, null, 2)}\n` : renderDiff(diff, fromLabel, toLabel, from === null));
      return E.right(EXIT.ok);
    }),
  );

/** `tenfold diff (--input FILE | --store URL [--campaign ID]) --from A --to B [--json]`. */
export const diffCommand = defineCommand(
  "diff",
  DIFF_HELP,
  {
    ...SOURCE_FLAGS,
    from: { type: "string" },
    to: { type: "string" },
    json: { type: "boolean" },
  },
  (flags, io) =>
    pipe(
      E.Do,
      E.apS("source", parseSource("diff", flags.input, flags.store)),
      E.bind("campaign", ({ source }) => campaignFlag("diff", source, flags.campaign)),
      E.apS("points", parsePoints(flags.from, flags.to)),
      TE.fromEither,
      TE.flatMap(({ source, campaign, points }: { source: Source; campaign: string | undefined; points: Points }) =>
        withCampaign("diff", source, campaign, io, (found) => diffOf(found, points, flags.json === true, io)),
      ),
    ),
);
