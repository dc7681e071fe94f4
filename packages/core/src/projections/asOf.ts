import type * as O from "fp-ts/lib/Option.js";
import { businessDate, type CampaignEvent } from "../events/catalog.js";
import type { RecordedEvent } from "../store/RecordedEvent.js";
import type { Day } from "../values/Day.js";
import type { CampaignStatistics } from "./statistics/CampaignStatistics.js";
import { computeStatistics } from "./statistics/statisticsProjection.js";

// model

/**
 * Which events of a history count (DOMAIN.md, Statistics): those dated on or before `asOf` (a
 * business day), those recorded strictly before `recordedBefore` (the audit view), both, or all
 * when neither is given.
 */
export interface HistoryView {
  readonly asOf?: Day;
  readonly recordedBefore?: Date;
}

// utils

/** Whether an event counts in the view. */
export const isInView = (view: HistoryView): ((event: RecordedEvent) => boolean) => {
  const { asOf } = view;
  const before = view.recordedBefore?.getTime();
  if (asOf === undefined && before === undefined) return () => true;
  return (event) => (asOf === undefined || businessDate(event) <= asOf) && (before === undefined || Date.parse(event.recordedAt) < before);
};

/** Events dated on or before `day` (business date), in recorded order. */
export const onOrBefore = function* <E extends CampaignEvent>(events: Iterable<E>, day: Day): Generator<E> {
  for (const event of events) if (businessDate(event) <= day) yield event;
};

/** Events recorded strictly before `instant`, in recorded order. */
export const recordedBefore = function* <E extends RecordedEvent>(events: Iterable<E>, instant: Date): Generator<E> {
  const t = instant.getTime();
  for (const event of events) if (Date.parse(event.recordedAt) < t) yield event;
};

/** The events of the view, in recorded order. */
export const eventsInView = function* <E extends RecordedEvent>(events: Iterable<E>, view: HistoryView): Generator<E> {
  const counts = isInView(view);
  for (const event of events) if (counts(event)) yield event;
};

/** Statistics as of a business day: of the events dated on or before it, in recorded order. */
export const statisticsAsOfDay = (events: Iterable<CampaignEvent>, day: Day): O.Option<CampaignStatistics> =>
  computeStatistics(onOrBefore(events, day));

/** Statistics as recorded before an instant (the audit view): what the system knew then. */
export const statisticsRecordedBefore = (events: Iterable<RecordedEvent>, instant: Date): O.Option<CampaignStatistics> =>
  computeStatistics(recordedBefore(events, instant));

/** Statistics of the events in the view; none when the campaign's launch is outside it. */
export const statisticsInView = (events: Iterable<RecordedEvent>, view: HistoryView): O.Option<CampaignStatistics> =>
  computeStatistics(eventsInView(events, view));
