/**
 * @tenfold/testing — property-based testing for Tenfold: arbitraries of valid campaign histories
 * and of rule breaks, laws any projection must keep, and the contract suite every EventStore
 * adapter runs. Uses vitest and fast-check; `@tenfold/testing/arbitraries` has the arbitraries
 * alone, without vitest.
 * @packageDocumentation
 */

export * from "./arbitraries.js";

// projection laws
export { type LawOptions, type LawParameters } from "./laws/options.js";
export { type AsOfDay, assertAsOfDayEqualsPrefix, assertDeterministic, assertFoldResumable } from "./laws/projectionLaws.js";
export { type LiveLawOptions, type StoreFactory, assertLiveEqualsReplay } from "./laws/liveLaw.js";
export {
  type StatisticsLawOptions,
  assertCampaignStatisticsLaws,
  growthViolations,
  statisticsViolations,
} from "./laws/statisticsLaws.js";

// store contract
export { type EventStoreContractOptions, describeEventStoreContract } from "./contract/describeEventStoreContract.js";

// decider specification
export { type DeciderSpecification, type DeciderThen, campaignSpecification, deciderSpecification } from "./decider/deciderSpecification.js";
