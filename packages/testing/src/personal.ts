/**
 * @tenfold/testing/personal — the acceptance of personal data and erasure (DOMAIN.md, schema
 * version 2) every store runs: a canary campaign whose markers must leave no trace once its
 * subjects are erased, with every hash, root and statistic unchanged. Uses vitest.
 * @packageDocumentation
 */

export { canaryCampaign, markerTraces, tracesIn, type CanaryCampaign } from "./personal/canaryHistory.js";
export { describePersonalDataContract, type PersonalDataFixture } from "./personal/describePersonalDataContract.js";
