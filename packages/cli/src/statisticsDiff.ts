import { type CampaignStatistics, CONTACT_KINDS, formatYuan } from "@tenfold/core";
import { renderTable } from "./table.js";

// model

/** One statistic at two points in time. */
export interface StatisticChange {
  /** Its path in CampaignStatistics, e.g. `visits.bySetting.village`; per-group checklist rows are `checklist.groups.<groupId>.completed`. */
  readonly statistic: string;
  readonly label: string;
  readonly from: number;
  readonly to: number;
  readonly change: number;
  /** Amounts in fen, shown in yuan. */
  readonly fen?: true;
}

/** Checklist items a group got done between the two points. */
export interface NewlyDone {
  readonly groupId: string;
  readonly name: string;
  readonly items: ReadonlyArray<string>;
}

/** How a campaign's statistics changed between two views; `from` is null before the launch. */
export interface StatisticsDiff {
  readonly campaignId: string;
  readonly name: string;
  readonly statistics: ReadonlyArray<StatisticChange>;
  readonly checklist: ReadonlyArray<NewlyDone>;
}

type Row = readonly [statistic: string, label: string, value: (s: CampaignStatistics) => number, fen?: true];

const FUND_KINDS = ["special-relief", "condolence", "other"] as const;
const SETTINGS = ["village", "community", "enterprise", "other"] as const;

const ROWS: ReadonlyArray<Row> = [
  ["groups", "Groups", (s) => s.groups],
  ["cadres.enrolled", "Cadres enrolled", (s) => s.cadres.enrolled],
  ["cadres.leadershipTeam", "Cadres on the leadership team", (s) => s.cadres.leadershipTeam],
  ["cadres.active", "Cadres active", (s) => s.cadres.active],
  ["contacts.total", "Contacts", (s) => s.contacts.total],
  ...CONTACT_KINDS.map((k): Row => [`contacts.byKind.${k}`, `  ${k}`, (s) => s.contacts.byKind[k]]),
  ["visits.total", "Visits", (s) => s.visits.total],
  ...SETTINGS.map((k): Row => [`visits.bySetting.${k}`, `  setting: ${k}`, (s) => s.visits.bySetting[k]]),
  ["visits.peopleMet", "  people met", (s) => s.visits.peopleMet],
  ["visits.householdSurveys", "  household surveys", (s) => s.visits.householdSurveys],
  ["visits.condolenceVisits", "  condolence visits", (s) => s.visits.condolenceVisits],
  ["diaries", "Diaries", (s) => s.diaries],
  ["reports", "Research reports", (s) => s.reports],
  ["problems.raised", "Problems raised", (s) => s.problems.raised],
  ["problems.resolved", "Problems resolved", (s) => s.problems.resolved],
  ["problems.open", "Problems open", (s) => s.problems.open],
  ["inspections", "Inspections", (s) => s.inspections],
  ["funds.totalFen", "Funds (yuan)", (s) => s.funds.totalFen, true],
  ...FUND_KINDS.map((k): Row => [`funds.byKind.${k}`, `  ${k} (yuan)`, (s) => s.funds.byKind[k], true]),
  ...FUND_KINDS.map((k): Row => [`funds.activities.${k}`, `  ${k} activities`, (s) => s.funds.activities[k]]),
  ["checklist.completedGroups", "Groups with the checklist complete", (s) => s.checklist.completedGroups],
];

// constructors

/**
 * How every statistic changed from `from` (null: before the launch, all zeros) to `to`, in the
 * order of the table `tenfold stats` prints, then each group's checklist progress.
 */
export const diffStatistics = (from: CampaignStatistics | null, to: CampaignStatistics): StatisticsDiff => {
  const change = (statistic: string, label: string, a: number, b: number, fen?: true): StatisticChange => ({
    statistic,
    label,
    from: a,
    to: b,
    change: b - a,
    ...(fen === undefined ? {} : { fen }),
  });
  const rows = ROWS.map(([statistic, label, value, fen]) => change(statistic, label, from === null ? 0 : value(from), value(to), fen));
  const before = new Map((from?.checklist.groups ?? []).map((g) => [g.groupId, g]));
  const groups = to.checklist.groups.map((g) => change(`checklist.groups.${g.groupId}.completed`, `  ${g.groupId}: items done (of ${g.of})`, before.get(g.groupId)?.completed ?? 0, g.completed));
  const checklist = to.checklist.groups.flatMap((g) => {
    const done = new Set(before.get(g.groupId)?.done ?? []);
    const items = g.done.filter((item) => !done.has(item));
    return items.length === 0 ? [] : [{ groupId: g.groupId, name: g.name, items }];
  });
  return { campaignId: to.campaignId, name: to.name, statistics: [...rows, ...groups], checklist };
};

// utils

const show = (n: number, fen: boolean | undefined): string => (fen === true ? formatYuan(n) : n.toLocaleString("en-US"));
const signed = (n: number, fen: boolean | undefined): string => (n === 0 ? "" : `${n > 0 ? "+" : "−"}${show(Math.abs(n), fen)}`);

/** The diff as a table a person reads: one row a statistic, its two values and the change (blank when none), then the checklist items newly done. */
export const renderDiff = (diff: StatisticsDiff, fromLabel: string, toLabel: string, notLaunched: boolean): string => {
  const rows = diff.statistics.map((s) => [s.label, show(s.from, s.fen), show(s.to, s.fen), signed(s.change, s.fen)]);
  const table = renderTable([{ header: "Statistic" }, { header: fromLabel, align: "right" }, { header: toLabel, align: "right" }, { header: "Change", align: "right" }], rows, { indent: "  " });
  const changed = diff.statistics.filter((s) => s.change !== 0).length;
  const done = diff.checklist.length === 0 ? ["  (none)"] : diff.checklist.map((g) => `  ${g.groupId} ${g.name}: ${g.items.join(", ")}`);
  return [
    diff.name,
    `Campaign ${diff.campaignId}: ${fromLabel} → ${toLabel}${notLaunched ? ` (not launched ${fromLabel})` : ""}`,
    "",
    ...table,
    "",
    `${changed} of ${diff.statistics.length} statistics changed.`,
    "",
    "Checklist items done in between",
    ...done,
    "",
  ].join("\n");
};
