import type * as O from "fp-ts/lib/Option.js";
import type { CampaignEvent } from "../../events/catalog.js";
import { type Projection, project } from "../Projection.js";
import type { CampaignStatistics } from "./CampaignStatistics.js";
import { evolveStatistics } from "./evolveStatistics.js";
import { statisticsOf } from "./snapshot.js";
import { initialStatisticsState, type StatisticsState } from "./StatisticsState.js";

/** The CampaignStatistics projection of DOMAIN.md; read its result with {@link statisticsOf}. */
export const campaignStatistics: Projection<StatisticsState> = {
  initialState: initialStatisticsState,
  evolve: evolveStatistics,
};

/** The statistics of a campaign's events (none when they hold no launch). */
export const computeStatistics = (events: Iterable<CampaignEvent>): O.Option<CampaignStatistics> =>
  statisticsOf(project(campaignStatistics, events));
