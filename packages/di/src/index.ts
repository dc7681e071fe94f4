/**
 * @tenfold/di — Tenfold wired for tsyringe: typed injection tokens, `registerTenfold` for a
 * container (one per tenant with child containers), and the plain services it registers: a
 * statistics reader, a subscription runner for live projections, and per-campaign serialisation
 * of commands. No decorators and no runtime import of tsyringe: the host brings its container
 * and imports `reflect-metadata` once, at its entry point.
 * @packageDocumentation
 */

export { CLOCK, COMMAND_HANDLER, EVENT_STORE, ID_GENERATOR, STATISTICS_READER, SUBSCRIPTION_RUNNER } from "./tokens.js";
export { registerTenfold, type TenfoldOptions } from "./registerTenfold.js";
export { createStatisticsReader, type StatisticsReader } from "./StatisticsReader.js";
export { createSubscriptionRunner } from "./createSubscriptionRunner.js";
export {
  type CatchUpOutcome,
  type LiveProjection,
  type RetryPolicy,
  type RunnerStatus,
  type RunOptions,
  type SubscriptionRunner,
} from "./SubscriptionRunner.js";
export { serializeByCampaign } from "./serializeByCampaign.js";
