import { weeklyChart, SERIES } from "./chart.js";
import { checkpointFailed, checkpointHeadline, checkpointSection } from "./checkpointSection.js";
import { escapeHtml as h } from "./escape.js";
import type { AuditReport, ChainFindings } from "./reportData.js";
import { chainSection, checklistSection, fundsSection, headlineSection } from "./sections.js";

const STYLE = `
:root{--ink:#1b2330;--muted:#5b6675;--rule:#d5dae1;--paper:#fff;--accent:#7a1f1f;--good:#1e6b3a;--bad:#a11d1d;--warn:#8a5a00}
*{box-sizing:border-box}
body{margin:0;background:#eef0f3;color:var(--ink);font:14px/1.45 "Noto Sans","Segoe UI","Helvetica Neue",Arial,"Noto Sans CJK SC","PingFang SC",sans-serif}
main{max-width:1040px;margin:24px auto;background:var(--paper);padding:36px 44px;border:1px solid var(--rule)}
header{border-bottom:3px double var(--accent);padding-bottom:14px;margin-bottom:8px}
.kicker{letter-spacing:.14em;text-transform:uppercase;font-size:11px;color:var(--accent);font-weight:700}
h1{font:600 26px/1.2 Georgia,"Noto Serif","Times New Roman",serif;margin:6px 0 10px}
h2{font:600 17px/1.3 Georgia,"Noto Serif","Times New Roman",serif;margin:26px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--rule)}
.aside{font:400 13px/1 inherit;color:var(--muted);margin-left:8px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:0;font-size:13px}
dl.meta dt{color:var(--muted)} dl.meta dd{margin:0} dl.meta dd.failed{color:var(--bad);font-weight:700}
.erased{color:#6b6b6b;font-style:italic}
.mono{font-family:"DejaVu Sans Mono","Consolas","Menlo",monospace;font-size:12px}
.hash{word-break:break-all}
.nowrap{white-space:nowrap}
.verdict{padding:10px 14px;border-left:5px solid;margin:10px 0;font-weight:600}
.verdict.good{border-color:var(--good);background:#eef7f1;color:var(--good)}
.verdict.bad{border-color:var(--bad);background:#fbeeee;color:var(--bad)}
.verdict.warn{border-color:var(--warn);background:#fbf5e8;color:var(--warn)}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:10px}
.card{border:1px solid var(--rule);padding:8px 10px;break-inside:avoid}
.card .label{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.card .value{font:600 22px/1.2 Georgia,"Noto Serif",serif;margin:2px 0}
.card .detail{font-size:11.5px;color:var(--muted)}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:24px;margin-top:14px;align-items:start}
table{border-collapse:collapse;width:100%;font-size:13px}
caption{text-align:left;font-weight:600;padding:6px 0}
th,td{padding:4px 8px;border-bottom:1px solid var(--rule);text-align:left;vertical-align:baseline}
thead th{border-bottom:1.5px solid var(--ink);font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
table.checklist td.done{color:var(--good);text-align:center;font-weight:700}
table.checklist td.todo{color:#aab2bd;text-align:center}
table.checklist th.item{vertical-align:bottom;padding:4px 2px;width:34px}
table.checklist th.item span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:500;font-size:12px}
tr.subtotal td{font-style:italic;color:var(--muted)}
tr.total td{font-weight:700;border-top:1.5px solid var(--ink)}
.chart{width:100%;height:auto;display:block}
.chart .grid{stroke:#e3e7ec;stroke-width:1}
.chart .axis{stroke:var(--ink);stroke-width:1}
.chart .month{stroke:var(--muted)}
.chart .tick{font-size:11px;fill:var(--muted)}
.chart .legend{font-size:12px;fill:var(--ink)}
.totals{color:var(--muted);font-size:12.5px;margin:6px 0 0}
ol.problems{font-family:"DejaVu Sans Mono","Consolas",monospace;font-size:12px;color:var(--bad)}
.note{color:var(--muted);font-size:12.5px}
footer{margin-top:28px;padding-top:10px;border-top:1px solid var(--rule);color:var(--muted);font-size:12px}
@page{size:A4;margin:14mm}
@media print{body{background:none;font-size:10pt}main{margin:0;padding:0;border:none;max-width:none}section{break-inside:avoid}h2{break-after:avoid}.cards{grid-template-columns:repeat(5,1fr)}}
`;

/** A tiny script that records, on the chart, how many bars the browser laid out (tests read it; nothing depends on it). */
const MARK_DRAWN = `<script>(function(){var c=document.getElementById("weekly-chart");if(!c)return;var n=0;c.querySelectorAll("rect.bar").forEach(function(r){var b=r.getBBox();if(b.width>0&&b.height>0)n++;});c.setAttribute("data-drawn-bars",String(n));})();</script>`;

/**
 * The audit report as one self-contained HTML page (inline CSS and SVG, no network, no external
 * asset), printable on A4: the campaign and view, headline statistics, the ten-ones checklist,
 * visits and diaries per week, funds by kind and activity, and the hash-chain verification with
 * the stream heads, then the signed checkpoint when one was checked. `importHeads`: heads of the history as sealed on reading, shown when the input had none.
 */
export const renderReport = (r: AuditReport, importHeads: ChainFindings["heads"] = []): string => {
  const organizer = r.organizer;
  const s = r.statistics;
  const meta: ReadonlyArray<readonly [string, string]> = [
    ["Campaign", `${s.campaignId}, launched ${s.launchedOn}${s.closedOn === null ? ", not closed" : `, closed ${s.closedOn}`}`],
    ["Organiser", organizer],
    ["View", r.view === undefined ? "the whole history" : r.view],
    [r.sourceKind === "file" ? "Input file" : "Event store", r.source],
    ...(r.inputSha256 === undefined ? [] : [["Input SHA-256", r.inputSha256] as const]),
    ["Events", `${r.eventsInView.toLocaleString("en-US")} in this view, of ${r.eventsTotal.toLocaleString("en-US")} recorded`],
    ...(r.checkpoint === undefined ? [] : [["Signed checkpoint", checkpointHeadline(r.checkpoint)] as const]),
    ["Generated", r.generatedAt],
  ];
  const cls = (k: string): string => (k === "Input SHA-256" ? ' class="mono hash"' : k === "Signed checkpoint" && r.checkpoint !== undefined && checkpointFailed(r.checkpoint) ? ' class="failed"' : "");
  const metaHtml = meta.map(([k, v]) => `<dt>${h(k)}</dt><dd${cls(k)}>${h(v)}</dd>`).join("");
  const totals = SERIES.map((x) => `${x.label}: ${r.weeks.reduce((n, w) => n + w[x.key], 0).toLocaleString("en-US")}`).join(" · ");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Audit report — ${h(s.name)}</title><style>${STYLE}</style></head>
<body><main>
<header><div class="kicker">Tenfold audit report</div><h1>${h(s.name)}</h1><dl class="meta">${metaHtml}</dl></header>
${headlineSection(s)}
${checklistSection(s)}
<section id="activity"><h2>Visits and diaries per week</h2>${weeklyChart(r.weeks)}<p class="totals">${h(totals)} · ${r.weeks.length} weeks from ${h(r.weeks[0]?.week ?? s.launchedOn)}</p></section>
${fundsSection(s, r.funds)}
${chainSection(r, importHeads)}
${r.checkpoint === undefined ? "" : checkpointSection(r.checkpoint)}
<footer>Generated by <b>tenfold report</b> at ${h(r.generatedAt)}. This page is self-contained: it loads nothing from the network and prints as it shows.</footer>
</main>${MARK_DRAWN}</body></html>
`;
};
