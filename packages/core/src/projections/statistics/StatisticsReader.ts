import { businessDate } from "../../events/catalog.js";
import type { EventStore } from "../../store/EventStore.js";
import { type RecordedEvent, campaignStreamId } from "../../store/RecordedEvent.js";
import type { StoreError } from "../../store/StoreError.js";
import { foldStream } from "../../store/reading.js";
import type { Day } from "../../values/Day.js";
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
   * The statistics of a campaign as recorded now or, with `asOf`, as of that business day (the
   * events dated on or before it, in recorded order); none when the campaign was never launched.
   * Replays the campaign's stream page by page, so it never holds the whole stream.
   */
  readonly statistics: (campaignId: string, asOf?: Day) => TE.TaskEither<StoreError, O.Option<CampaignStatistics>>;
}

// constructors

/**
 * A statistics reader over a store. Law: for the events `es` of a campaign,
 * `statistics(id, day)` is `right(statisticsAsOfDay(es, day))` and `statistics(id)` is
 * `right(computeStatistics(es))`.
 */
export const createStatisticsReader = (store: EventStore, pageSize = 1000): StatisticsReader => ({
  statistics: (campaignId, asOf) => {
    const evolve = campaignStatistics.evolve;
    const step =
      asOf === undefined
        ? evolve
        : (state: StatisticsState, event: RecordedEvent): StatisticsState => (businessDate(event) <= asOf ? evolve(state, event) : state);
    const start = { state: campaignStatistics.initialState(), lastRevision: null };
    return pipe(
      foldStream(store, campaignStreamId(campaignId), start, step, pageSize),
      TE.map((folded) => statisticsOf(folded.state)),
    );
  },
});
