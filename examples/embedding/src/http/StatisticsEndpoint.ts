import type { ServerResponse } from "node:http";
import {
  type CampaignStatistics,
  Day,
  type LiveProjection,
  type StatisticsReader,
  type StatisticsState,
  statisticsOf,
} from "@tenfold/core";
import { fromValidationErrors } from "@tenfold/core/codecs";
import { STATISTICS_READER } from "@tenfold/di";
import * as E from "fp-ts/lib/Either.js";
import * as O from "fp-ts/lib/Option.js";
import { inject, injectable } from "tsyringe";
import { LIVE_STATISTICS, SERVICE_SETTINGS, type ServiceSettings, WRITE_POSITIONS } from "../tokens.js";
import type { WritePositions } from "../writePositions.js";
import { awaitCurrent } from "./current.js";
import { checkCampaignId, storeErrorReply } from "./replies.js";
import { type Reply, problem, send } from "./respond.js";

const found = (campaignId: string, statistics: O.Option<CampaignStatistics>, asOf?: string): Reply =>
  O.isSome(statistics)
    ? { status: 200, body: statistics.value }
    : problem(404, "campaign not found", asOf === undefined ? { campaignId } : { campaignId, asOf, message: "not launched by then" });

/**
 * `GET /campaigns/:id/statistics[?asOf=DAY]`: the current statistics from the live read model
 * (once it has caught up, and has applied this process's writes to the campaign), or as of a
 * business day by replaying the campaign's stream.
 */
@injectable()
export class StatisticsEndpoint {
  constructor(
    @inject(STATISTICS_READER) private readonly reader: StatisticsReader,
    @inject(LIVE_STATISTICS) private readonly live: LiveProjection<StatisticsState>,
    @inject(WRITE_POSITIONS) private readonly writes: WritePositions,
    @inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  /** 200 with DOMAIN.md's CampaignStatistics; 400, 404, 500 or 503 with `{ error, … }`. */
  async get(campaignId: string, query: URLSearchParams, res: ServerResponse): Promise<void> {
    send(res, await this.statistics(campaignId, query.get("asOf")));
  }

  private async statistics(campaignId: string, asOf: string | null): Promise<Reply> {
    const invalidId = checkCampaignId(campaignId);
    if (invalidId !== null) return invalidId;
    if (asOf === null) return this.current(campaignId);
    const day = Day.decode(asOf);
    if (E.isLeft(day)) return problem(400, "invalid asOf", { issues: fromValidationErrors(day.left, "asOf").issues });
    const read = await this.reader.statistics(campaignId, { asOf: day.right })();
    return E.isLeft(read) ? storeErrorReply(read.left) : found(campaignId, read.right, asOf);
  }

  private async current(campaignId: string): Promise<Reply> {
    const unavailable = await awaitCurrent(this.live, this.writes, this.settings, campaignId, "statistics unavailable");
    if (unavailable !== null) return unavailable;
    return found(campaignId, O.flatMap(statisticsOf)(this.live.state(campaignId)));
  }
}
