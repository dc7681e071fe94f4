import { DEFAULT_CHECKLIST } from "@tenfold/core";
import { DATES } from "./calendar.js";
import { type DraftOf, draft } from "./draft.js";

/*
 * "Since March this year, Xining municipal Party Committee Organization Department ... the 'ten'
 * activities ... to carry out a comprehensive close ties with the masses, serve the grassroots":
 * launched on 1 March 2013 with the default checklist, closed on 31 December 2013.
 */

/** The id of the Xining 2013 campaign (its stream is `tenfold-campaign-xining-2013`). */
export const XINING_CAMPAIGN_ID = "xining-2013";

/** The draft that launches the campaign. */
export const launchDraft = (): DraftOf<"LaunchCampaign"> =>
  draft("LaunchCampaign", {
    name: "Ten ones: close ties with the masses, serving the grassroots (Xining, 2013)",
    organizer: "Organisation Department of the CPC Xining Municipal Committee",
    launchedOn: DATES.launched,
    checklist: DEFAULT_CHECKLIST,
  });

/** The draft that closes the campaign at the year's end. */
export const closeDraft = (): DraftOf<"CloseCampaign"> =>
  draft("CloseCampaign", {
    summary:
      "Closed at the year's end: 8 Party-branch groups and 43 cadres made their ten ones; 50 visits met more than 300 people; " +
      "120 people's diaries and 8 research reports written; more than 40 problems solved; a special relief fund of 360,000 yuan " +
      "for the culture stage of Ban Zhong Ying village and two condolence activities of 21,000 yuan in all.",
    closedOn: DATES.closed,
  });
