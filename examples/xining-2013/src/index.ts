/**
 * @tenfold/example-xining-2013 — the Xining municipal Party Committee organisation department's
 * 2013 "ten ones" campaign, rebuilt from a news report as commands through `@tenfold/core`.
 * @packageDocumentation
 */

export { XINING_CAMPAIGN_ID } from "./campaign.js";
export { xiningCommands } from "./commands.js";
export {
  XINING_DEMO_METADATA,
  XINING_DEMO_START,
  readXiningStatistics,
  runXiningDemo,
  type XiningDemoOptions,
} from "./demo.js";
