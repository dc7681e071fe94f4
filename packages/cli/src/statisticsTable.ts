import { type CampaignStatistics, CONTACT_KINDS, formatYuan } from "@tenfold/core";
import { renderTable } from "./table.js";

const INDENT = { indent: "  " } as const;
const DONE = "✓";
const NOT_DONE = "·";
const FUND_KINDS = ["special-relief", "condolence", "other"] as const;
const SETTINGS = ["village", "community", "enterprise", "other"] as const;

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

const count = (n: number): string => n.toLocaleString("en-US");

const headline = (s: CampaignStatistics): ReadonlyArray<string> => {
  const activities = s.funds.activities["special-relief"] + s.funds.activities.condolence + s.funds.activities.other;
  const rows: ReadonlyArray<ReadonlyArray<string>> = [
    ["Groups", count(s.groups), ""],
    ["Cadres", count(s.cadres.enrolled), `enrolled; ${count(s.cadres.leadershipTeam)} on the leadership team, ${count(s.cadres.active)} active`],
    ["Contacts", count(s.contacts.total), "assigned to groups"],
    [
      "Visits",
      count(s.visits.total),
      `${plural(s.visits.peopleMet, "person", "people")} met, ${plural(s.visits.householdSurveys, "household survey")}, ${plural(s.visits.condolenceVisits, "condolence visit")}`,
    ],
    ["Diaries", count(s.diaries), ""],
    ["Research reports", count(s.reports), ""],
    ["Problems", count(s.problems.raised), `raised; ${count(s.problems.resolved)} resolved, ${count(s.problems.open)} open`],
    ["Inspections", count(s.inspections), ""],
    ["Funds (yuan)", formatYuan(s.funds.totalFen), `in ${plural(activities, "activity", "activities")}`],
  ];
  return ["Headline", ...renderTable([{}, { align: "right" }, {}], rows, INDENT)];
};

const contacts = (s: CampaignStatistics): ReadonlyArray<string> => [
  "Contacts by kind",
  ...renderTable(
    [{}, { align: "right" }],
    CONTACT_KINDS.map((kind) => [kind, count(s.contacts.byKind[kind])]),
    INDENT,
  ),
];

const visits = (s: CampaignStatistics): ReadonlyArray<string> => [
  "Visits by setting",
  ...renderTable(
    [{}, { align: "right" }],
    SETTINGS.map((setting) => [setting, count(s.visits.bySetting[setting])]),
    INDENT,
  ),
];

const funds = (s: CampaignStatistics): ReadonlyArray<string> =>
  renderTable(
    [{ header: "Funds" }, { header: "yuan", align: "right" }, { header: "activities", align: "right" }],
    [
      ...FUND_KINDS.map((kind) => ["  " + kind, formatYuan(s.funds.byKind[kind]), count(s.funds.activities[kind])]),
      ["  total", formatYuan(s.funds.totalFen), count(FUND_KINDS.reduce((n, kind) => n + s.funds.activities[kind], 0))],
    ],
  );

const checklist = (s: CampaignStatistics): ReadonlyArray<string> => {
  const { items, groups, completedGroups } = s.checklist;
  const title = `Ten-ones checklist: ${completedGroups} of ${plural(groups.length, "group")} complete`;
  if (groups.length === 0) return [title, "  (no group formed)"];
  const columns = [{ header: "Group" }, { header: "Name" }, ...items.map((_, i) => ({ header: String(i + 1) })), { header: "Done", align: "right" as const }];
  const rows = groups.map((g) => [
    g.groupId,
    g.name,
    ...items.map((item) => (g.done.includes(item) ? DONE : NOT_DONE)),
    `${g.completed}/${g.of}`,
  ]);
  const half = Math.ceil(items.length / 2);
  const legend = items.slice(0, half).map((item, i) => [`${i + 1}`, item, `${i + half + 1}`, items[i + half] ?? ""]);
  return [
    title,
    ...renderTable(columns, rows, INDENT),
    "",
    ...renderTable([{ align: "right" }, {}, { align: "right" }, {}], legend.map((row) => (row[3] === "" ? row.slice(0, 2) : row)), INDENT),
  ];
};

/**
 * The statistics as a report a person reads: the campaign, headline numbers, contacts by kind,
 * visits by setting, funds in yuan, and the ten-ones checklist of every group (✓ done, · not yet).
 * `view` (e.g. `As of 2013-06-30`) is printed under the title. Ends with a newline.
 */
export const renderStatistics = (s: CampaignStatistics, view?: string): string => {
  const title = [
    s.name,
    `Campaign ${s.campaignId}: launched ${s.launchedOn}, ${s.closedOn === null ? "not closed" : `closed ${s.closedOn}`}`,
    ...(view === undefined ? [] : [view.charAt(0).toUpperCase() + view.slice(1)]),
  ];
  const sections = [title, headline(s), contacts(s), visits(s), funds(s), checklist(s)];
  return sections.map((lines) => lines.join("\n")).join("\n\n") + "\n";
};
