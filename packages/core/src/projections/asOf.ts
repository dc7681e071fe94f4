import type * as O from "fp-ts/lib/Option.js";
import { businessDate, type CampaignEvent } from "../events/catalog.js";
import type { RecordedEvent } from "../store/RecordedEvent.js";
import type { Day } from "../values/Day.js";
import type { CampaignStatistics } from "./statistics/CampaignStatistics.js";
import { computeStatistics } from "./statistics/statisticsProjection.js";

/** Events dated on or before `day` (business date), in recorded order. */
export const onOrBefore = function* <E extends CampaignEvent>(events: Iterable<E>, day: Day): Generator<E> {
  for (const event of events) if (businessDate(event) <= day) yield event;
};

/** Events recorded strictly before `instant`, in recorded order. */
export const recordedBefore = function* <E extends RecordedEvent>(events: Iterable<E>, instant: Date): Generator<E> {
  const t = instant.getTime();
  for (const event of events) if (Date.parse(event.recordedAt) < t) yield event;
};

/** Statistics as of a business day: of the events dated on or before it, in recorded order. */
export const statisticsAsOfDay = (events: Iterable<CampaignEvent>, day: Day): O.Option<CampaignStatistics> =>
  computeStatistics(onOrBefore(events, day));

/** Statistics as recorded before an instant (the audit view): what the system knew then. */
export const statisticsRecordedBefore = (events: Iterable<RecordedEvent>, instant: Date): O.Option<CampaignStatistics> =>
  computeStatistics(recordedBefore(events, instant));
