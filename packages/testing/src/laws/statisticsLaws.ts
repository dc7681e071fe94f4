import type { CampaignStatistics, Projection } from "@tenfold/core";
import fc from "fast-check";
import * as O from "fp-ts/lib/Option.js";
import { expect } from "vitest";
import { type LawOptions, frozenCopy, withDefaults } from "./options.js";

/** Options of {@link assertCampaignStatisticsLaws}: the histories and fast-check parameters. */
export type StatisticsLawOptions = Omit<LawOptions<never>, "view">;

const sum = (values: object): number => Object.values(values).reduce((a: number, b: unknown) => a + Number(b), 0);

/** What is wrong with one snapshot of the statistics: totals that are not the sums of their parts, and so on. */
export const statisticsViolations = (s: CampaignStatistics): ReadonlyArray<string> => {
  const wrong: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) wrong.push(what);
  };
  check(sum(s.contacts.byKind) === s.contacts.total, "contacts.total is the sum of contacts.byKind");
  check(sum(s.visits.bySetting) === s.visits.total, "visits.total is the sum of visits.bySetting");
  check(sum(s.funds.byKind) === s.funds.totalFen, "funds.totalFen is the sum of funds.byKind");
  check(s.problems.open === s.problems.raised - s.problems.resolved, "problems.open = raised − resolved");
  check(s.problems.resolved <= s.problems.raised, "problems.resolved ≤ raised");
  check(s.checklist.completedGroups <= s.groups, "checklist.completedGroups ≤ groups");
  check(s.checklist.groups.length === s.groups, "checklist.groups holds every group");
  check(s.checklist.completedGroups === s.checklist.groups.filter((g) => g.completed === g.of).length, "completedGroups counts the groups with completed = of");
  for (const g of s.checklist.groups) {
    check(g.completed === g.done.length && g.of === s.checklist.items.length, `group ${JSON.stringify(g.groupId)}: completed = done.length, of = items.length`);
    check(g.done.every((item, i) => i === 0 || s.checklist.items.indexOf(item) > s.checklist.items.indexOf(g.done[i - 1] ?? item)), `group ${JSON.stringify(g.groupId)}: done keeps checklist order`);
  }
  check(s.cadres.leadershipTeam <= s.cadres.enrolled && s.cadres.active <= s.cadres.enrolled, "cadres.leadershipTeam and active ≤ enrolled");
  check(s.visits.householdSurveys <= s.visits.total && s.visits.condolenceVisits <= s.visits.total, "surveys and condolence visits ≤ visits.total");
  for (const kind of ["special-relief", "condolence", "other"] as const) {
    check((s.funds.activities[kind] === 0) === (s.funds.byKind[kind] === 0), `funds.activities.${kind} is 0 exactly when funds.byKind.${kind} is`);
  }
  return wrong;
};

const numbers = (value: unknown, path: string): Array<readonly [string, number]> =>
  typeof value === "number"
    ? [[path, value]]
    : typeof value === "object" && value !== null
      ? Object.entries(value).flatMap(([k, v]) => numbers(v, path === "" ? k : `${path}.${k}`))
      : [];

/** What decreased, or changed when it must not, from one snapshot to the next along a history. */
export const growthViolations = (before: CampaignStatistics, after: CampaignStatistics): ReadonlyArray<string> => {
  const now = new Map(numbers(after, ""));
  const wrong = numbers(before, "")
    .filter(([path, n]) => path !== "problems.open" && !((now.get(path) ?? -Infinity) >= n))
    .map(([path, n]) => `${path} decreased from ${n} to ${String(now.get(path))}`);
  before.checklist.groups.forEach((g, i) => {
    const later = after.checklist.groups[i];
    if (later?.groupId !== g.groupId || !g.done.every((item) => later.done.includes(item))) wrong.push(`checklist.groups[${i}] lost an item or moved`);
  });
  if (before.closedOn !== null && after.closedOn !== before.closedOn) wrong.push("closedOn changed after the closing");
  const fixed = (s: CampaignStatistics): string => JSON.stringify([s.campaignId, s.name, s.launchedOn, s.checklist.items]);
  if (fixed(before) !== fixed(after)) wrong.push("campaignId, name, launchedOn or checklist.items changed");
  return wrong;
};

/**
 * Laws of CampaignStatistics, checked on every prefix of every history: totals are the sums of
 * their parts, open = raised − resolved, completedGroups ≤ groups (and the other invariants of
 * {@link statisticsViolations}); nothing decreases along a history except `problems.open`.
 * @example
 * it("keeps the statistics laws", () => assertCampaignStatisticsLaws(campaignStatistics, statisticsOf));
 */
export const assertCampaignStatisticsLaws = <S>(
  projection: Projection<S>,
  view: (state: S) => O.Option<CampaignStatistics>,
  options: StatisticsLawOptions = {},
): void => {
  const { histories, parameters } = withDefaults(options);
  fc.assert(
    fc.property(histories, (history) => {
      let state = projection.initialState();
      let previous: O.Option<CampaignStatistics> = view(state);
      for (const [index, event] of frozenCopy(history).entries()) {
        state = projection.evolve(state, event);
        const current = view(state);
        if (O.isNone(current)) continue;
        const growth = O.isSome(previous) ? growthViolations(previous.value, current.value) : [];
        expect({ index, event: event.type, violations: [...statisticsViolations(current.value), ...growth] }).toEqual({ index, event: event.type, violations: [] });
        previous = current;
      }
    }),
    parameters,
  );
};
