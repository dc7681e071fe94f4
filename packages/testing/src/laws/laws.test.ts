import {
  type CampaignEvent,
  type CampaignStatistics,
  type Day,
  type EventStore,
  type Projection,
  type StatisticsState,
  businessDate,
  campaignStatistics,
  project,
  statisticsAsOfDay,
  statisticsOf,
} from "@tenfold/core";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as O from "fp-ts/lib/Option.js";
import { describe, expect, it } from "vitest";
import { arbitraryHistoryWithErasures } from "../history/arbitraryErasures.js";
import { assertLiveEqualsReplay } from "./liveLaw.js";
import { assertAsOfDayEqualsPrefix, assertDeterministic, assertFoldResumable } from "./projectionLaws.js";
import { assertCampaignStatisticsLaws } from "./statisticsLaws.js";

/* A second projection, written as another team would: open problems per group, in a Map. */
type OpenProblems = ReadonlyMap<string, ReadonlySet<string>>;
const groupOf = new WeakMap<OpenProblems, ReadonlyMap<string, string>>();
const openProblems: Projection<OpenProblems> = {
  initialState: () => new Map(),
  evolve: (state, event) => {
    const problems = groupOf.get(state) ?? new Map<string, string>();
    let next: OpenProblems = state;
    if (event.type === "ProblemRaised") {
      const { groupId, problemId } = event.data;
      next = new Map(state).set(groupId, new Set(state.get(groupId)).add(problemId));
      groupOf.set(next, new Map(problems).set(problemId, groupId));
      return next;
    }
    if (event.type !== "ProblemResolved") return state;
    const groupId = problems.get(event.data.problemId) ?? "";
    const open = new Set(state.get(groupId));
    open.delete(event.data.problemId);
    next = new Map(state).set(groupId, open);
    groupOf.set(next, problems);
    return next;
  },
};
/** As of a day, computed the slow way: raised by then, minus resolved by then. */
const openProblemsAsOf = (events: ReadonlyArray<CampaignEvent>, day: Day): OpenProblems => {
  const dated = events.filter((e) => businessDate(e) <= day);
  const resolved = new Set(dated.flatMap((e) => (e.type === "ProblemResolved" ? [e.data.problemId] : [])));
  const open = new Map<string, Set<string>>();
  for (const e of dated) if (e.type === "ProblemRaised") open.set(e.data.groupId, (open.get(e.data.groupId) ?? new Set()).add(e.data.problemId));
  for (const ids of open.values()) for (const id of resolved) ids.delete(id);
  return open;
};
const withoutEmpty = (s: OpenProblems): Record<string, string[]> =>
  Object.fromEntries([...s].filter(([, ids]) => ids.size > 0).map(([g, ids]) => [g, [...ids].sort()]));

describe("the laws hold for CampaignStatistics", () => {
  const view = statisticsOf;
  it("deterministic", () => assertDeterministic(campaignStatistics, { view }));
  it("resumable from any prefix", () => assertFoldResumable(campaignStatistics, { view }));
  it("as of a day is the projection of the day's prefix", () => assertAsOfDayEqualsPrefix(campaignStatistics, statisticsAsOfDay, { view }));
  it("live through a subscription equals replay", () => assertLiveEqualsReplay(campaignStatistics, createMemoryEventStore, { view }));
  it("totals are sums, open = raised − resolved, nothing decreases but open problems", () => assertCampaignStatisticsLaws(campaignStatistics, statisticsOf));
});


describe("the laws hold for CampaignStatistics over histories with erasures (which count in no statistic)", () => {
  const view = statisticsOf;
  const histories = arbitraryHistoryWithErasures();
  it("deterministic", () => assertDeterministic(campaignStatistics, { view, histories }));
  it("resumable from any prefix", () => assertFoldResumable(campaignStatistics, { view, histories }));
  it("as of a day is the projection of the day's prefix", () => assertAsOfDayEqualsPrefix(campaignStatistics, statisticsAsOfDay, { view, histories }));
  it("live through a subscription equals replay", () =>
    assertLiveEqualsReplay(campaignStatistics, createMemoryEventStore, { view, histories }));
  it("totals are sums, open = raised − resolved, nothing decreases but open problems", () => assertCampaignStatisticsLaws(campaignStatistics, statisticsOf, { histories }));
});

describe("the laws hold for another team's projection (open problems per group)", () => {
  const view = withoutEmpty;
  it("deterministic", () => assertDeterministic(openProblems, { view }));
  it("resumable from any prefix", () => assertFoldResumable(openProblems, { view }));
  it("as of a day", () => assertAsOfDayEqualsPrefix(openProblems, (events, day) => withoutEmpty(openProblemsAsOf(events, day)), { view }));
  it("live equals replay", () => assertLiveEqualsReplay(openProblems, createMemoryEventStore, { view }));
  it("with erasures too", () => assertFoldResumable(openProblems, { view, histories: arbitraryHistoryWithErasures({ closed: true }) }));
});

describe("the laws catch broken projections, printing seed and path", () => {
  const failure = /seed: -?\d+, path: "[\d:]*"/;
  it("a projection that changes the events it reads", () => {
    const meddling: Projection<number> = { initialState: () => 0, evolve: (n, e) => (Object.assign(e.data, { campaignId: "x" }), n + 1) };
    expect(() => assertDeterministic(meddling)).toThrow(failure);
  });
  it("a projection that is not deterministic", () => {
    let calls = 0;
    const drifting: Projection<number> = { initialState: () => 0, evolve: (n) => n + (calls++ % 7 === 3 ? 2 : 1) };
    expect(() => assertDeterministic(drifting)).toThrow(failure);
  });
  it("a projection that changes its state in place", () => {
    const inPlace: Projection<{ n: number }> = { initialState: () => ({ n: 0 }), evolve: (s) => ((s.n += 1), s) };
    expect(() => assertFoldResumable(inPlace, { view: (s) => s.n })).toThrow(failure);
  });
  it("an as-of view that drops the day itself", () => {
    const strict = (events: ReadonlyArray<CampaignEvent>, day: Day) => statisticsOf(project(campaignStatistics, events.filter((e) => businessDate(e) < day)));
    expect(() => assertAsOfDayEqualsPrefix(campaignStatistics, strict, { view: statisticsOf })).toThrow(failure);
  });
  it("a store whose subscriptions lose the third event of each stream", async () => {
    const leaky = (): EventStore => {
      const store = createMemoryEventStore();
      return {
        ...store,
        subscribeToAll: (options) => {
          const inner = store.subscribeToAll(options);
          return { close: inner.close, async *[Symbol.asyncIterator]() { for await (const m of inner) if (m._tag !== "Event" || m.event.streamRevision !== 2n) yield m; } };
        },
      };
    };
    await expect(assertLiveEqualsReplay(campaignStatistics, leaky, { view: statisticsOf })).rejects.toThrow(failure);
  });
  it("statistics whose open problems are not raised − resolved", () => {
    const wrong = (s: StatisticsState): O.Option<CampaignStatistics> =>
      O.map((st: CampaignStatistics) => ({ ...st, problems: { ...st.problems, open: st.problems.raised } }))(statisticsOf(s));
    expect(() => assertCampaignStatisticsLaws(campaignStatistics, wrong)).toThrow(failure);
  });
});
