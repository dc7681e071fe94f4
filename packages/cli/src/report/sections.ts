import { type CampaignStatistics, CONTACT_KINDS, formatYuan } from "@tenfold/core";
import { escapeHtml as h } from "./escape.js";
import type { AuditReport, ChainFindings, FundActivity } from "./reportData.js";

const count = (n: number): string => n.toLocaleString("en-US");
const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;

/** Short names of the checklist items, for column headers. */
const ITEM_LABELS: Readonly<Record<string, string>> = {
  village: "Village",
  "village-party-secretary": "Branch secretary",
  "poor-household": "Poor household",
  "party-member-in-difficulty": "Member in difficulty",
  "college-graduate-village-official": "Graduate official",
  community: "Community",
  "non-public-enterprise-party-organization": "Enterprise Party org.",
  "household-survey": "Household survey",
  "problem-solved": "Problem solved",
  "research-report": "Research report",
};

const card = (label: string, value: string, detail = ""): string =>
  `<div class="card"><div class="label">${h(label)}</div><div class="value">${h(value)}</div><div class="detail">${h(detail)}</div></div>`;

/** Headline numbers as cards, then contacts by kind and visits by setting. */
export const headlineSection = (s: CampaignStatistics): string => {
  const activities = s.funds.activities["special-relief"] + s.funds.activities.condolence + s.funds.activities.other;
  const cards = [
    card("Groups", count(s.groups), "party-branch groups"),
    card("Cadres", count(s.cadres.enrolled), `${count(s.cadres.leadershipTeam)} on the leadership team · ${count(s.cadres.active)} active`),
    card("Contacts", count(s.contacts.total), "assigned to groups"),
    card("Visits", count(s.visits.total), `${plural(s.visits.peopleMet, "person", "people")} met · ${plural(s.visits.householdSurveys, "household survey")} · ${plural(s.visits.condolenceVisits, "condolence visit")}`),
    card("Diaries", count(s.diaries), "people's diaries"),
    card("Research reports", count(s.reports)),
    card("Problems", count(s.problems.raised), `raised · ${count(s.problems.resolved)} resolved · ${count(s.problems.open)} open`),
    card("Inspections", count(s.inspections), "by the leadership team"),
    card("Funds (yuan)", formatYuan(s.funds.totalFen), `in ${plural(activities, "activity", "activities")}`),
    card("Checklist", `${s.checklist.completedGroups} of ${s.checklist.groups.length}`, "groups with all items done"),
  ].join("");
  const rows = (pairs: ReadonlyArray<readonly [string, number]>): string => pairs.map(([k, v]) => `<tr><td>${h(k)}</td><td class="num">${count(v)}</td></tr>`).join("");
  const settings = (["village", "community", "enterprise", "other"] as const).map((k) => [k, s.visits.bySetting[k]] as const);
  return `<section id="headline"><h2>Headline statistics</h2><div class="cards">${cards}</div>
<div class="pair"><table><thead><tr><th>Contacts by kind</th><th class="num">n</th></tr></thead><tbody>${rows(CONTACT_KINDS.map((k) => [k, s.contacts.byKind[k]] as const))}</tbody></table>
<table><thead><tr><th>Visits by setting</th><th class="num">n</th></tr></thead><tbody>${rows(settings)}</tbody></table></div></section>`;
};

/** The ten-ones checklist: a row a group, a column an item (✓ done), and how many are done. */
export const checklistSection = (s: CampaignStatistics): string => {
  const { items, groups, completedGroups } = s.checklist;
  const title = `<h2>Ten-ones checklist <span class="aside">${completedGroups} of ${plural(groups.length, "group")} complete</span></h2>`;
  if (groups.length === 0) return `<section id="checklist">${title}<p>No group has been formed.</p></section>`;
  const head = items.map((item, i) => `<th class="item" title="${h(item)}"><span>${i + 1}. ${h(ITEM_LABELS[item] ?? item)}</span></th>`).join("");
  const body = groups
    .map((g) => {
      const cells = items.map((item) => (g.done.includes(item) ? `<td class="done" title="${h(item)}: done">✓</td>` : `<td class="todo" title="${h(item)}: not done">·</td>`)).join("");
      return `<tr class="${g.completed === g.of ? "complete" : ""}"><td class="mono">${h(g.groupId)}</td><td>${h(g.name)}</td>${cells}<td class="num">${g.completed}/${g.of}</td></tr>`;
    })
    .join("");
  return `<section id="checklist">${title}<table class="checklist"><thead><tr><th>Group</th><th>Name</th>${head}<th class="num">Done</th></tr></thead><tbody>${body}</tbody></table></section>`;
};

/** A purpose as shown: `[erased]` where the value is withheld or erased (personal data of a contact). */
const purposeCell = (purpose: string | null): string =>
  purpose === null ? `<span class="erased" title="personal data of a contact: withheld from this history or erased">[erased]</span>` : h(purpose);

/** Funds by kind and activity, with subtotals and the total. */
export const fundsSection = (s: CampaignStatistics, funds: ReadonlyArray<FundActivity>): string => {
  const kinds = ["special-relief", "condolence", "other"] as const;
  const rows = kinds
    .map((kind) => {
      const of = funds.filter((f) => f.kind === kind);
      if (of.length === 0) return "";
      const lines = of
        .map((f) => `<tr><td class="nowrap">${h(kind)}</td><td class="mono">${h(f.activityId)}</td><td>${f.purposes.map(purposeCell).join("<br>")}</td><td class="nowrap">${f.firstOn === f.lastOn ? h(f.firstOn) : `${h(f.firstOn)} –<br>${h(f.lastOn)}`}</td><td class="num">${count(f.disbursements)}</td><td class="num">${formatYuan(f.amountFen)}</td></tr>`)
        .join("");
      return `${lines}<tr class="subtotal"><td colspan="4">${h(kind)}: ${plural(s.funds.activities[kind], "activity", "activities")}</td><td class="num">${count(of.reduce((n, f) => n + f.disbursements, 0))}</td><td class="num">${formatYuan(s.funds.byKind[kind])}</td></tr>`;
    })
    .join("");
  const total = `<tr class="total"><td colspan="4">Total</td><td class="num">${count(funds.reduce((n, f) => n + f.disbursements, 0))}</td><td class="num">${formatYuan(s.funds.totalFen)}</td></tr>`;
  const table = funds.length === 0 ? "<p>No funds were disbursed.</p>" : `<table class="funds"><thead><tr><th>Kind</th><th>Activity</th><th>Purpose</th><th>Disbursed</th><th class="num">Payments</th><th class="num">Yuan</th></tr></thead><tbody>${rows}${total}</tbody></table>`;
  return `<section id="funds"><h2>Funds by kind and activity</h2>${table}</section>`;
};

const MAX_PROBLEMS = 200;

const headsTable = (chain: ChainFindings, caption: string): string =>
  chain.heads.length === 0
    ? ""
    : `<table class="heads"><caption>${h(caption)}</caption><thead><tr><th>Stream</th><th class="num">Last revision</th><th>Hash (SHA-256)</th></tr></thead><tbody>${chain.heads
        .map((head) => `<tr><td class="mono">${h(head.streamId)}</td><td class="num">${head.revision}</td><td class="mono hash">${h(head.hash.replace(/(.{16})(?!$)/g, "$1 "))}</td></tr>`)
        .join("")}</tbody></table>`;

/** The chain-verification result: a verdict, the heads, and every problem found. */
export const chainSection = (r: AuditReport, importHeads: ChainFindings["heads"]): string => {
  const { chain } = r;
  const against = chain.publishedHeads === 0 ? "" : ` They were checked against ${plural(chain.publishedHeads, "published head")}.`;
  const verdict =
    chain.problems.length > 0
      ? `<p class="verdict bad">${plural(chain.problems.length, "problem")} found in the hash chains: the history was altered after it was sealed, or is incomplete.</p>`
      : chain.sealed === true
        ? `<p class="verdict good">Intact. Every one of the ${plural(chain.events, "sealed event")} in ${plural(chain.heads.length, "stream")} was rehashed and every link checked.${against}</p>`
        : `<p class="verdict warn">The input carries no seals (previousHash, hash), so its integrity cannot be shown.${against} The heads below are those of the history as sealed when it was read for this report.</p>`;
  const shown = chain.problems.slice(0, MAX_PROBLEMS).map((p) => `<li>${h(p)}</li>`).join("");
  const more = chain.problems.length > MAX_PROBLEMS ? `<p>… and ${count(chain.problems.length - MAX_PROBLEMS)} more: run tenfold verify.</p>` : "";
  const problems = chain.problems.length === 0 ? "" : `<ol class="problems">${shown}</ol>${more}`;
  const heads = chain.sealed === true ? headsTable(chain, "Stream heads (publish or sign these)") : headsTable({ ...chain, heads: importHeads }, "Heads as sealed on reading");
  return `<section id="chain"><h2>Hash-chain verification</h2>${verdict}${problems}${heads}
<p class="note">Each event's hash is the SHA-256 of its previous hash, a newline, and its envelope as canonical JSON (DOMAIN.md, "Interchange"). Anyone can recompute the chain without Tenfold: see docs/audit.md for the recipe and a ten-line verifier.</p></section>`;
};
