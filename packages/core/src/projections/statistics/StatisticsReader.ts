import type { EventStore } from "../../store/EventStore.js";
import { type RecordedEvent, campaignStreamId } from "../../store/RecordedEvent.js";
import type { StoreError } from "../../store/StoreError.js";
import { foldStream } from "../../store/reading.js";
import { type HistoryView, isInView } from "../asOf.js";
import type { CampaignStatistics } from "./CampaignStatistics.js";
import type { StatisticsState } from "./StatisticsState.js";
import { statisticsOf } from "./snapshot.js";
import { campaignStatistics } from "./statisticsProjection.js";
import type * as O from "fp-ts/lib/Option.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { pipe } from "fp-ts/lib/function.js";

// model

/** Reads one campaign's statistics from the store. */
export interface StatisticsReader {
  /**
   * The statistics of a campaign as recorded now or, with a view, of the events in it (as of a
   * business day, recorded before an instant, or both); none when the campaign was never launched
   * or its launch is outside the view. Replays the campaign's stream page by page, so it never
   * holds the whole stream.
   */
  readonly statistics: (campaignId: string, view?: HistoryView) => TE.TaskEither<StoreError, O.Option<CampaignStatistics>>;
}

// constructors

/**
 * A statistics reader over a store. Law: for the events `es` of a campaign,
 * `statistics(id, view)` is `right(statisticsInView(es, view))` and `statistics(id)` is
 * `right(computeStatistics(es))`.
 */
export const createStatisticsReader = (store: EventStore, pageSize = 1000): StatisticsReader => ({
  statistics: (campaignId, view = {}) => {
    const evolve = campaignStatistics.evolve;
    const counts = isInView(view);
    const step =
      view.asOf === undefined && view.recordedBefore === undefined
        ? evolve
        : (state: StatisticsState, event: RecordedEvent): StatisticsState => (counts(event) ? evolve(state, event) : state);
    const start = { state: campaignStatistics.initialState(), lastRevision: null };
    return pipe(
      foldStream(store, campaignStreamId(campaignId), start, step, pageSize),
      TE.map((folded) => statisticsOf(folded.state)),
    );
  },
});
