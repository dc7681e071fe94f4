import type * as O from "fp-ts/lib/Option.js";
import type { CampaignEvent } from "../../events/catalog.js";
import type { Projection } from "../Projection.js";
import type { CampaignStatistics } from "./CampaignStatistics.js";
import { evolveStatistics, foldStatistics } from "./evolveStatistics.js";
import { statisticsOf } from "./snapshot.js";
import { initialStatisticsState, type StatisticsState } from "./StatisticsState.js";

/** The CampaignStatistics projection of DOMAIN.md; read its result with {@link statisticsOf}. */
export const campaignStatistics: Projection<StatisticsState> = {
  initialState: initialStatisticsState,
  evolve: evolveStatistics,
};

/**
 * The statistics of a campaign's events (none when they hold no launch): the same as
 * `statisticsOf(project(campaignStatistics, events))`, folded in one pass without the states in between.
 */
export const computeStatistics = (events: Iterable<CampaignEvent>): O.Option<CampaignStatistics> =>
  statisticsOf(foldStatistics(initialStatisticsState(), events));
