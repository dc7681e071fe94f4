import { SERVED, SIGNED_LOG } from "../signedlog/s11.js";
import { AUDIT } from "../audit/s9.js";
import { AUDIT_ROWS } from "../audit/report.js";
import { type BenchReport, POSTGRES, POSTGRES_ROWS, type Row, SIGNED_LOG_ROWS } from "./report.js";

/*
 * The report as a plain-text table: medians (min–max over the runs), then the targets.
 */

/** `1.23M`, `456k`, `789` — three significant digits. */
export const compact = (n: number): string => {
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  if (n >= 1e3) return `${(n / 1e3).toPrecision(3)}k`;
  return n.toPrecision(3);
};

const cell = (report: BenchReport, row: string, name: string): string => {
  const m = report.medians[row]?.[name];
  if (m === undefined) return "—";
  const lo = report.min[row]?.[name] ?? m;
  const hi = report.max[row]?.[name] ?? m;
  return report.config.runs > 1 ? `${compact(m)} (${compact(lo)}–${compact(hi)})` : compact(m);
};

const pad = (cells: ReadonlyArray<string>, widths: ReadonlyArray<number>): string =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");

const grid = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string[] => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  return [pad(header, widths), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map((r) => pad(r, widths))];
};

const LABELS: Record<string, string> = {
  S1: "S1 append (ev/s)",
  S2: "S2 aggregate (ev/s)",
  S3: "S3 rebuild (ev/s)",
  memory: "memory (bytes/ev)",
  S4: "S4 statistics (ev/s)",
  S5: "S5 decode (lines/s)",
  S6: "S6 verify (ev/s)",
  S7: "S7 commands (cmd/s)",
  S8: "S8 EventStoreDB (ev/s)",
  S10: "S10 PostgreSQL",
  S12: "S12 personal data",
};

const unavailableRow = (report: BenchReport, row: string, width: number): string[] => {
  const scenario = row === "memory" ? "S1" : row;
  const reason =
    report.unavailable[scenario] ?? Object.entries(report.failures).find(([k]) => k.startsWith(`${scenario}/`))?.[1] ?? ((report.run as ReadonlyArray<string>).includes(scenario) ? "no result" : "not run");
  return [LABELS[row] ?? row, `not available: ${reason.split("\n")[0] ?? ""}`, ...Array<string>(width - 2).fill("")];
};

/** S10: one row per measure, the three stores side by side, and the server's settings. */
const postgresLines = (report: BenchReport): string[] => {
  if (!(report.run as ReadonlyArray<string>).includes("S10")) return [];
  const rows = POSTGRES_ROWS.map(([row]): string[] => {
    if (report.medians[row] === null) return unavailableRow(report, "S10", 5).map((c, i) => (i === 0 ? row : c));
    const ratio = report.ratios[`${row} tenfold/emmett`];
    const speed = ratio !== undefined;
    const count = (n: string): string => {
      const [m, lo, hi] = [report.medians, report.min, report.max].map((t) => String(Math.round(t[row]?.[n] ?? Number.NaN)));
      return report.config.runs > 1 ? `${m} (${lo}–${hi})` : (m ?? "");
    };
    return [row, ...POSTGRES.map((n) => (speed ? cell(report, row, n) : count(n))), ratio === null || ratio === undefined ? "" : `${ratio.toFixed(2)}×`];
  });
  const settings = report.postgres === null ? "no server" : Object.entries(report.postgres).map(([k, v]) => `${k}=${v}`).join(", ");
  return ["", ...grid(["PostgreSQL (ev/s; missed, repeated: events)", "tenfold", "tenfold unsealed", "emmett", "tenfold/emmett"], rows), `(server: ${settings})`];
};

/** S9: one row per measure (events/s, MB/s, × the limit, seconds, peak RSS), the limit and the commands side by side; the rows of `--scale` when it ran. */
const auditLines = (report: BenchReport): string[] => {
  if (!(report.run as ReadonlyArray<string>).includes("S9")) return [];
  const scaled = report.config.auditScaleEvents;
  const rows = AUDIT_ROWS.filter(([row]) => scaled !== null || !row.startsWith("S9 scale")).map(([row]) =>
    report.medians[row] === null ? unavailableRow(report, "S9", AUDIT.length + 1).map((c, i) => (i === 0 ? row : c)) : [row, ...AUDIT.map((c) => cell(report, row, c))],
  );
  const sizes = `${compact(report.config.auditEvents)} sealed events${scaled === null ? "" : `; scale: ${compact(scaled)}`}`;
  return ["", ...grid([`audit commands, ${sizes}`, ...AUDIT], rows), "(whole CLI processes one after another; the limit: one thread, JSON.parse, canonical JSON, SHA-256; peak RSS from getrusage at exit)"];
};

/** S11: one row per measure (seconds, events/s, peak RSS), the verifications side by side. */
const signedLogLines = (report: BenchReport): string[] => {
  if (!(report.run as ReadonlyArray<string>).includes("S11")) return [];
  const n = report.config.signedLogEvents;
  const quarter = compact(Math.max(1, Math.floor(n / 4)));
  const rows = SIGNED_LOG_ROWS.map(([row]) => (report.medians[row] === null ? unavailableRow(report, "S11", 6).map((c, i) => (i === 0 ? row : c)) : [row, ...SIGNED_LOG.map((v) => cell(report, row, v))]));
  const header = [`tenfold verify, ${compact(n)} sealed events`, "--chains-only", "+ --checkpoint", "all rules", "rules + checkpoint", `+ --checkpoint, ${quarter}`];
  const served = report.medians["S11 service"] === null ? unavailableRow(report, "S11", 6).map((c, i) => (i === 0 ? "S11 service" : c)) : ["S11 service", ...SERVED.map((v) => cell(report, "S11 service", v))];
  const service = grid([`example service, ${compact(n)} events`, "tree catch-up s", "tree bytes/event", "proof µs (in process)", "proof µs (HTTP, median)", "proof µs (HTTP, p99)"], [served]);
  return ["", ...grid(header, rows), "(whole CLI processes one after another; peak RSS from getrusage at exit)", "", ...service];
};

/** µs with three significant digits (0.00312, 7.41, 22.2). */
const micros = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? "—" : n.toPrecision(3));

/** S12: append and read through the memory store with and without its personal-data layer, the layer's cost per personal value, and the floor. */
const personalLines = (report: BenchReport): string[] => {
  if (!(report.run as ReadonlyArray<string>).includes("S12")) return [];
  const x = report.extra["S12"];
  if (x === null || x === undefined) return ["", ...unavailableRow(report, "S12", 2).map((c, i) => (i === 0 ? "S12 personal data" : c))];
  const floor = { append: `${micros(x["floor.append"])} (commit ${micros(x["floor.commit"])} + encrypt ${micros(x["floor.encrypt"])})`, read: `${micros(x["floor.decrypt"])} (decrypt)` };
  const rows = (["append", "read"] as const).map((op) => [`S12 ${op}`, micros(x[`${op}.personal`]), micros(x[`${op}.bare`]), micros(x[`${op}.layer`]), micros(x[`${op}.perValue`]), floor[op]]);
  const header = [`personal data, memory store, ${compact(x["events"] ?? 0)} events, ${compact(x["personalValues"] ?? 0)} values (µs)`, "with layer /event", "without /event", "layer /event", "layer /value", "floor /value"];
  return ["", ...grid(header, rows)];
};

/** S7's split, µs a command: the decider, the store's appends and reads, the rest of the handler. */
const commandSplit = (report: BenchReport): string => {
  const x = report.extra["S7"];
  if (x === null || x === undefined) return "";
  return `µs/cmd: decider ${micros(x["decider-us"])}, append ${micros(x["append-us"])}, read ${micros(x["read-us"])}, rest ${micros(x["rest-us"])}`;
};

/** What S1's extra row says: the store without the seal and the personal layer, the seal's cost above it and its floor. */
const sealLine = (report: BenchReport): string[] => {
  const x = report.extra["S1"];
  if (x === null || x === undefined) return [];
  const unsealed = x["tenfold-unsealed"] === undefined ? [] : [`without the seal and the personal layer: S1 ${compact(x["tenfold-unsealed"])} ev/s, ${compact(report.extra["memory"]?.["tenfold-unsealed"] ?? 0)} bytes/event`];
  const cost = x["seal-cost-us"] === undefined ? [] : [`sealed store's cost above it ${micros(x["seal-cost-us"])} µs/event`];
  const sealOnly = x["seal-only-cost-us"] === undefined ? [] : [`the seal alone's ${micros(x["seal-only-cost-us"])} µs/event (${compact(x["tenfold-seal-only"] ?? 0)} ev/s)`];
  const floor = x["seal-floor-us"] === undefined ? [] : [`the seal's floor (canonical JSON + SHA-256 of the S1 events) ${micros(x["seal-floor-us"])} µs/event`];
  return [`(Tenfold's store ${[...unsealed, ...cost, ...sealOnly, ...floor].join("; ")})`];
};

/** The whole report as lines of text. */
export const renderTable = (report: BenchReport): string[] => {
  const stores = ["S1", "S2", "S3", "memory"].map((row) =>
    report.medians[row] === null ? unavailableRow(report, row, 5) : [LABELS[row] ?? row, ...["tenfold", "emmett", "castore", "baseline"].map((n) => cell(report, row, n))],
  );
  const limited = ["S4", "S5", "S6", "S7", "S8"].map((row): string[] => {
    const r: Row = report.medians[row] ?? null;
    if (r === null) return unavailableRow(report, row, 4);
    if (row === "S8") return [LABELS[row] ?? row, `append ${cell(report, row, "append")}`, `read ${cell(report, row, "read")}`, ""];
    if (row === "S7") return [LABELS[row] ?? row, cell(report, row, "tenfold"), commandSplit(report), ""];
    const ratio = report.ratios[`${row} tenfold/limit`];
    return [LABELS[row] ?? row, cell(report, row, "tenfold"), cell(report, row, "limit"), ratio === null || ratio === undefined ? "" : `${ratio.toFixed(2)}×`];
  });
  const targets = report.targets.map((t) => [t.target, t.ratio === null ? "—" : `${t.ratio.toFixed(2)}×`, t.needed, t.met === null ? "n/a" : t.met ? "met" : "MISSED"]);
  return [
    `Tenfold benchmarks (${report.mode}; median of ${report.config.runs} fresh process${report.config.runs > 1 ? "es (min–max)" : ""}; ${report.machine["node"] ?? ""}, ${report.machine["cores"] ?? ""} cores)`,
    "",
    ...grid(["scenario", "tenfold", "emmett", "castore", "baseline"], stores),
    ...sealLine(report),
    "",
    ...grid(["Tenfold only", "tenfold", "natural limit", "ratio"], limited),
    ...auditLines(report),
    ...postgresLines(report),
    ...signedLogLines(report),
    ...personalLines(report),
    "",
    ...grid(["target", "ratio", "needed", ""], targets),
    ...Object.entries(report.checks).map(([s, c]) => `check ${s}: ${c}`),
    ...Object.entries(report.failures).map(([k, reason]) => `FAILED ${k}: ${reason.split("\n")[0] ?? ""}`),
  ];
};
