import { type CampaignEvent, type Day, type Projection, businessDate, onOrBefore, project } from "@tenfold/core";
import fc from "fast-check";
import { expect } from "vitest";
import { addDays } from "../values/days.js";
import { type LawOptions, frozenCopy, withDefaults } from "./options.js";

/** Computes what a projection shows as of a business day (its own way), to compare with the D-prefix's projection. */
export type AsOfDay = (events: ReadonlyArray<CampaignEvent>, day: Day) => unknown;

/**
 * Law: a projection is deterministic and pure. Folding the same history twice gives equal views,
 * fresh initial states are equal, and folding never changes an event (events are deep-frozen).
 * Runs `fc.assert`; a failure throws with the seed, path and smallest counterexample.
 * @example
 * it("is deterministic", () => assertDeterministic(diariesPerCadrePerWeek));
 */
export const assertDeterministic = <S>(projection: Projection<S>, options: LawOptions<S> = {}): void => {
  const { histories, view, parameters } = withDefaults(options);
  fc.assert(
    fc.property(histories, (history) => {
      const events = frozenCopy(history);
      expect(view(projection.initialState())).toEqual(view(projection.initialState()));
      expect(view(project(projection, events))).toEqual(view(project(projection, events)));
    }),
    parameters,
  );
};

/**
 * Law: folding `xs ++ ys` equals folding `ys` from the state folded of `xs`, for every cut; the
 * state of `xs` is left as it was, and can be resumed again with the same result.
 * @example
 * it("resumes from any prefix", () => assertFoldResumable(campaignStatistics, { view: statisticsOf }));
 */
export const assertFoldResumable = <S>(projection: Projection<S>, options: LawOptions<S> = {}): void => {
  const { histories, view, parameters } = withDefaults(options);
  fc.assert(
    fc.property(histories, fc.nat(), (history, cut) => {
      const events = frozenCopy(history);
      const at = cut % (events.length + 1);
      const prefix = project(projection, events.slice(0, at));
      const before = view(prefix);
      const resumed = view(project(projection, events.slice(at), prefix));
      expect(resumed).toEqual(view(project(projection, events)));
      expect(view(prefix)).toEqual(before);
      expect(view(project(projection, events.slice(at), prefix))).toEqual(resumed);
    }),
    parameters,
  );
};

/**
 * Law: as of business day D, `asOfDay` shows what the projection shows of the D-prefix (the
 * events dated on or before D, in recorded order). D is drawn among the history's dates and the
 * days around them, so boundaries are hit.
 * @example
 * it("as of a day", () => assertAsOfDayEqualsPrefix(campaignStatistics, statisticsAsOfDay, { view: statisticsOf }));
 */
export const assertAsOfDayEqualsPrefix = <S>(projection: Projection<S>, asOfDay: AsOfDay, options: LawOptions<S> = {}): void => {
  const { histories, view, parameters } = withDefaults(options);
  fc.assert(
    fc.property(histories, fc.nat(), fc.integer({ min: -1, max: 1 }), (history, pick, shift) => {
      const events = frozenCopy(history);
      const days = events.map(businessDate);
      const day = addDays(days[pick % Math.max(1, days.length)] ?? "2013-03-01", shift);
      expect(asOfDay(events, day)).toEqual(view(project(projection, onOrBefore(events, day))));
    }),
    parameters,
  );
};
