import { escapeHtml } from "./escape.js";
import type { WeekCount } from "./reportData.js";

// model

const WIDTH = 960;
const HEIGHT = 300;
const MARGIN = { left: 44, right: 12, top: 34, bottom: 44 } as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The two series and their colours (also used by the legend). */
export const SERIES = [
  { key: "visits", label: "Visits", one: "visit", colour: "#1f3a5f" },
  { key: "diaries", label: "Diaries", one: "diary", colour: "#b5452b" },
] as const;

// utils

/** A round upper bound for an axis and its step: 1, 2 or 5 times a power of ten, about five ticks. */
export const niceScale = (max: number): { readonly top: number; readonly step: number } => {
  if (max <= 0) return { top: 1, step: 1 };
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  return { top: Math.ceil(max / step) * step, step };
};

/** The month whose first day falls in the week beginning on `monday`, if any. */
const firstOfMonthIn = (monday: string): { readonly year: number; readonly month: number } | undefined => {
  const t = Date.parse(`${monday}T00:00:00Z`);
  for (let k = 0; k < 7; k++) {
    const d = new Date(t + k * 86_400_000);
    if (d.getUTCDate() === 1) return { year: d.getUTCFullYear(), month: d.getUTCMonth() };
  }
  return undefined;
};

const n = (x: number): string => (Math.round(x * 10) / 10).toString();

// constructors

/**
 * An inline SVG of visits and diaries per week: grouped bars, a y axis with gridlines, month
 * labels under the first week of each month, a legend, and a tooltip per bar. Scales to its container.
 */
export const weeklyChart = (weeks: ReadonlyArray<WeekCount>): string => {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const { top, step } = niceScale(Math.max(0, ...weeks.map((w) => Math.max(w.visits, w.diaries))));
  const y = (v: number): number => MARGIN.top + plotHeight - (v / top) * plotHeight;
  const slot = plotWidth / Math.max(1, weeks.length);
  const bar = Math.max(1, slot * 0.4);
  const parts: string[] = [];
  for (let v = 0; v <= top; v += step) {
    parts.push(`<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${n(y(v))}" y2="${n(y(v))}"/>`);
    parts.push(`<text class="tick" x="${MARGIN.left - 6}" y="${n(y(v) + 4)}" text-anchor="end">${v}</text>`);
  }
  let labelled = 0;
  weeks.forEach((w, i) => {
    const x0 = MARGIN.left + i * slot + (slot - 2 * bar) / 2;
    SERIES.forEach((s, j) => {
      const value = w[s.key];
      if (value === 0) return;
      const title = `Week of ${w.week}: ${value} ${value === 1 ? s.one : s.key}`;
      parts.push(
        `<rect class="bar ${s.key}" x="${n(x0 + j * bar)}" y="${n(y(value))}" width="${n(bar)}" height="${n(y(0) - y(value))}" fill="${s.colour}"><title>${escapeHtml(title)}</title></rect>`,
      );
    });
    const first = firstOfMonthIn(w.week);
    if (first !== undefined) {
      const label = `${MONTHS[first.month] ?? ""}${labelled === 0 || first.month === 0 ? ` ${first.year}` : ""}`;
      labelled++;
      const x = MARGIN.left + i * slot;
      parts.push(`<line class="month" x1="${n(x)}" x2="${n(x)}" y1="${n(y(0))}" y2="${n(y(0) + 5)}"/>`);
      const nearEnd = x > WIDTH - MARGIN.right - 56;
      parts.push(`<text class="tick" x="${n(nearEnd ? x - 2 : x + 2)}" y="${n(y(0) + 18)}"${nearEnd ? ' text-anchor="end"' : ""}>${label}</text>`);
    }
  });
  parts.push(`<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${n(y(0))}" y2="${n(y(0))}"/>`);
  const legend = SERIES.map(
    (s, j) => `<rect x="${MARGIN.left + j * 110}" y="10" width="12" height="12" fill="${s.colour}"/><text class="legend" x="${MARGIN.left + j * 110 + 18}" y="20">${s.label}</text>`,
  ).join("");
  const caption = `<text class="tick" x="${WIDTH - MARGIN.right}" y="${HEIGHT - 6}" text-anchor="end">weeks begin on Monday · by business date</text>`;
  return (
    `<svg id="weekly-chart" class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Visits and diaries per week">` +
    `${legend}${parts.join("")}${caption}</svg>`
  );
};
