import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { newLineage } from "../internal/GrowOnlyIndex.js";
import { emptyStatisticsIndexes, initialStatisticsState, type StatisticsState } from "../projections/statistics/StatisticsState.js";
import { evolveStatistics } from "../projections/statistics/evolveStatistics.js";
import { statisticsOf } from "../projections/statistics/snapshot.js";
import { validHistoryArb } from "../testing-support/history.js";
import { type CampaignState, emptyEntities, initialCampaignState } from "./CampaignState.js";
import { checkEvent } from "./decide.js";
import { evolve } from "./evolve.js";

/*
 * An index keeps its ids in the heap until it holds 2^16 of them, then moves them out (KeyTable):
 * a unit test's histories never get there. Here the decider and the statistics run twice over the
 * same histories, once with every index out of the heap from its first id, once as they start,
 * and must agree on every decision and every statistic, for the newest state and for older ones
 * extended (branches).
 */

const outOfHeapDecider = (): CampaignState => ({ ...initialCampaignState(), lineage: newLineage(emptyEntities(0)) });
const outOfHeapStatistics = (): StatisticsState => ({ ...initialStatisticsState(), lineage: newLineage(emptyStatisticsIndexes(0)) });

test.prop([validHistoryArb, fc.array(fc.nat(), { minLength: 1, maxLength: 40 })])(
  "the decider decides alike with its ids in the heap or out of it: each event of a history, and other events of it at each step",
  (history, picks) => {
    let [inHeap, outOfHeap] = [initialCampaignState(), outOfHeapDecider()];
    const states: Array<readonly [CampaignState, CampaignState]> = [];
    for (const [index, event] of history.entries()) {
      // Another event of the history against this state: refused as repeated, or for what it names that is not there yet, or accepted.
      const other = history[(picks[index % picks.length] ?? 0) % history.length];
      if (other !== undefined) expect({ index, other: checkEvent(outOfHeap, other) }).toEqual({ index, other: checkEvent(inHeap, other) });
      expect(checkEvent(outOfHeap, event)).toEqual(checkEvent(inHeap, event));
      states.push([inHeap, outOfHeap]);
      [inHeap, outOfHeap] = [evolve(inHeap, event), evolve(outOfHeap, event)];
    }
    // An older state extended with a later event (a branch copies what it saw) decides as before.
    for (const pick of picks) {
      const at = pick % (states.length || 1);
      const [olderIn, olderOut] = states[at] ?? [inHeap, outOfHeap];
      const next = history[at];
      if (next === undefined) continue;
      const [branchIn, branchOut] = [evolve(olderIn, next), evolve(olderOut, next)];
      for (const probe of history.slice(at, at + 5)) expect(checkEvent(branchOut, probe)).toEqual(checkEvent(branchIn, probe));
    }
  },
);

test.prop([validHistoryArb])("the statistics are the same with their ids in the heap or out of it, after every event", (history) => {
  let [inHeap, outOfHeap] = [initialStatisticsState(), outOfHeapStatistics()];
  for (const event of history) {
    [inHeap, outOfHeap] = [evolveStatistics(inHeap, event), evolveStatistics(outOfHeap, event)];
    expect(statisticsOf(outOfHeap)).toEqual(statisticsOf(inHeap));
  }
});
