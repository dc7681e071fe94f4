import { businessDate, type CampaignEvent, type CampaignStatistics, campaignStatistics, type Clock, statisticsOf, systemClock } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, failure, fileError } from "./CliError.js";
import { eventIdIndex } from "./eventIdIndex.js";
import { admitDecoded, emptyHistory } from "./history.js";
import type { CliIo } from "./io.js";
import type { PrepareTask } from "./preparedLine.js";
import { openPreparedLines, threadsOf } from "./preparedLines.js";
import { progressBar } from "./progress.js";
import { historyView, nothingInView, type View } from "./view.js";

/*
 * `tenfold stats --input FILE`: the statistics folded as the file streams, each line judged as an
 * import judges it (the first bad line stops it, and nothing is shown), no store in between.
 * Memory grows with the campaign's entities and its event ids, never with the events themselves.
 */

// utils

/** Stats' failure at a line: the problem, and that no statistics are shown. */
const stopped = (file: string, number: number, message: string): E.Either<CliError, never> =>
  E.left(failure(`${file}:${number}: ${message}`, `No statistics: stats stops at the first bad line. "tenfold verify --input ${file}" lists every problem.`));

/** The statistics need the events decoded; the seal plays no part in them (an import reseals). */
const STATS_TASK: PrepareTask = { seal: false, decode: true, commitments: false, leaves: false };

/** Whether an event recorded at `recordedAt` counts in the view. */
const inView = (view: View): ((event: CampaignEvent, recordedAt: string) => boolean) => {
  const { asOf, recordedBefore } = historyView(view);
  const before = recordedBefore?.getTime();
  return (event, recordedAt) => (asOf === undefined || businessDate(event) <= asOf) && (before === undefined || Date.parse(recordedAt) < before);
};

// constructors

/**
 * The statistics of one campaign's history file within the view, judged line by line as
 * `importHistory` judges it (a line without `recordedAt` stamped by `clock`, as an import stamps
 * it); none in the view is a failure saying why.
 */
export const statisticsOfFile = (file: string, view: View, io: CliIo): TE.TaskEither<CliError, CampaignStatistics> => {
  const clock: Clock = io.clock ?? systemClock;
  const progress = progressBar(io, `stats ${file}`);
  return pipe(
    openPreparedLines(file, STATS_TASK, threadsOf(io)),
    TE.flatMap((chunks) => async () => {
      const counts = inView(view);
      const eventIds = eventIdIndex();
      let history = emptyHistory();
      let state = campaignStatistics.initialState();
      let launch: (CampaignEvent & { readonly recordedAt: string }) | undefined;
      let count = 0;
      try {
        for await (const chunk of chunks) {
          if (chunk._tag === "ReadFailed") return E.left(fileError(file, chunk.reason));
          for (const item of chunk.lines) {
            count = item.number;
            if (item._tag === "Unreadable") return stopped(file, item.number, item.problem);
            const judged = admitDecoded(history, eventIds, item.number, item.line ?? E.left("the line was not decoded"));
            if (E.isLeft(judged)) return stopped(file, item.number, judged.left);
            const { event, envelope } = judged.right.line;
            const recordedAt = envelope.recordedAt ?? clock.now().toISOString();
            launch ??= { ...event, recordedAt };
            if (counts(event, recordedAt)) state = campaignStatistics.evolve(state, event);
            history = judged.right.history;
          }
          progress.update(count, chunk.size > 0 ? chunk.read / chunk.size : undefined);
        }
      } finally {
        progress.done();
      }
      const campaignId = history.first?.campaignId;
      if (count === 0 || campaignId === undefined) return E.left(failure(`${file} is empty`));
      return pipe(
        statisticsOf(state),
        E.fromOption(() => nothingInView(campaignId, launch, view)),
      );
    }),
  );
};
