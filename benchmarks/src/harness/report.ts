import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { personalExtra } from "../personal/report.js";
import { AUDIT } from "../audit/s9.js";
import { AUDIT_ROWS, AUDIT_TARGETS } from "../audit/report.js";
import { target, type Target } from "./targets.js";
import { SERVED, SIGNED_LOG } from "../signedlog/s11.js";
import type { BenchConfig, Scenario } from "./config.js";
import { commandExtra, medianOf, sealExtra, valuesOf } from "./extra.js";
import { median } from "./measure.js";
import { type Collected, keyOf } from "./orchestrate.js";

/** Numbers by implementation, as the issue shapes them; null where a scenario could not run. */
export type Row = Record<string, number> | null;
export type Table = Record<string, Row>;

/** One target of the issue and how the run did against it. */
export interface TargetResult {
  readonly target: string;
  readonly ratio: number | null;
  readonly needed: string;
  readonly met: boolean | null;
}

/** What `latest.json` holds. */
export interface BenchReport {
  readonly generatedAt: string;
  readonly mode: BenchConfig["mode"];
  /** The scenarios this run measured. */
  readonly run: ReadonlyArray<Scenario>;
  readonly machine: Record<string, string | number>;
  readonly versions: Record<string, string>;
  readonly config: BenchConfig;
  readonly units: Record<string, string>;
  readonly medians: Table;
  readonly min: Table;
  readonly max: Table;
  readonly samples: Record<string, Record<string, ReadonlyArray<number>> | null>;
  /**
   * Rows outside the issue's shape: Tenfold's store without its seal (S1, memory) with the seal's
   * floor and cost (`sealExtra`, µs an event), S7's split (`commandExtra`, µs a command), and S12
   * (`personalExtra`: the memory store with and without its personal-data layer, µs).
   */
  readonly extra: Table;
  readonly ratios: Record<string, number | null>;
  readonly targets: ReadonlyArray<TargetResult>;
  readonly checks: Record<string, string>;
  readonly unavailable: Record<string, string>;
  readonly failures: Record<string, string>;
  /** S10: the throwaway server's settings as SHOW gave them; null when S10 did not run on a server. */
  readonly postgres: Readonly<Record<string, string>> | null;
}

const STORES = ["tenfold", "emmett", "castore", "baseline"];
/** S10's stores, and its rows: the report's row name and the child's value. */
export const POSTGRES = ["tenfold", "tenfold-unsealed", "emmett"];
export const POSTGRES_ROWS: ReadonlyArray<readonly [string, string]> = [
  ["S10 append×1", "append1"],
  ["S10 append×8", "append8"],
  ["S10 aggregate", "aggregate"],
  ["S10 read all", "readAll"],
  ["S10 catch-up", "catchUp"],
  ["S10 missed", "missed"],
  ["S10 repeated", "repeated"],
  ["S10 re-read missed", "rereadMissed"],
  ["S10 read all missed", "readAllMissed"],
  ["S10 catch-up missed", "catchUpMissed"],
];
/** S11's rows: the report's row name and the measure; the columns are its verifications (`SIGNED_LOG`). */
export const SIGNED_LOG_ROWS: ReadonlyArray<readonly [string, string]> = [
  ["S11 seconds", "seconds"],
  ["S11 events/s", "rate"],
  ["S11 peak RSS (MiB)", "rss"],
];
/** The rows of S10 that are speeds (the others count events a reader got wrong). */
const POSTGRES_SPEEDS = POSTGRES_ROWS.slice(0, 5).map(([row]) => row);
const ROWS: ReadonlyArray<readonly [string, Scenario, ReadonlyArray<string>, string]> = [
  ["S1", "S1", STORES, "rate"],
  ["S2", "S2", STORES, "rate"],
  ["S3", "S3", STORES, "rate"],
  ["memory", "S1", STORES, "bytesPerEvent"],
  ["S4", "S4", ["tenfold", "limit"], "rate"],
  ["S5", "S5", ["tenfold", "limit"], "rate"],
  ["S6", "S6", ["tenfold", "limit"], "rate"],
  ["S7", "S7", ["tenfold"], "rate"],
  ["S8", "S8", ["append", "read"], ""],
  ...AUDIT_ROWS.map(([row, field]) => [row, "S9", AUDIT, field] as const),
  ...POSTGRES_ROWS.map(([row, field]) => [row, "S10", POSTGRES, field] as const),
  ...SIGNED_LOG_ROWS.map(([row, field]) => [row, "S11", SIGNED_LOG, field] as const),
  ["S11 service", "S11", SERVED, ""],
];
/** Scenarios of one subject whose columns are values of its child (S8's `append`, S11's `checkpoint.seconds`). */
const VALUE_COLUMNS: ReadonlyArray<Scenario> = ["S8", "S9", "S11"];

/** The child's value of column `name` of a row whose measure is `field` (`scale:rate` → `scale:<name>.rate`). */
const valueKey = (name: string, field: string): string => (field === "" ? name : field.startsWith("scale:") ? `scale:${name}.${field.slice("scale:".length)}` : `${name}.${field}`);

const version = (pkg: string): string => {
  try {
    const url = new URL(`../../node_modules/${pkg}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
};

const ratio = (t: Table, row: string, a: string, b: string): number | null => {
  const x = t[row]?.[a];
  const y = t[row]?.[b];
  return x === undefined || y === undefined || y === 0 ? null : x / y;
};

/**
 * Issue 15's targets. Sealing is work the peers do not do, so S1 compares the store without the
 * seal (and without the personal layer) with Castore, and the sealed store's cost above it with
 * the seal's floor measured in the same run (`extra.S1`, µs an event).
 */
export const TARGETS: ReadonlyArray<Target> = [
  target("S1 unsealed vs Castore", "S1", "tenfold-unsealed", "castore", 1.5, "≥"),
  target("S1 seal cost vs seal floor", "S1", "seal-cost-us", "seal-floor-us", 2, "≤"),
  ...(["S2", "S3"] as const).flatMap((s) => [
    target(`${s} vs Emmett`, s, "tenfold", "emmett", 2, "≥"),
    target(`${s} vs Castore`, s, "tenfold", "castore", s === "S2" ? 1.2 : 1.5, "≥"),
    target(`${s} vs baseline`, s, "tenfold", "baseline", 0.5, "≥"),
  ]),
  target("memory vs Castore", "memory", "tenfold", "castore", 1.3, "≤"),
  target("S4 vs mutable fold", "S4", "tenfold", "limit", 0.9, "≥"),
  target("S5 vs JSON.parse", "S5", "tenfold", "limit", 0.4, "≥"),
  target("S6 vs bare SHA-256", "S6", "tenfold", "limit", 0.8, "≥"),
  ...POSTGRES_SPEEDS.map((row) => target(`${row} vs Emmett`, row, "tenfold", "emmett", 1, "≥")),
  // Time with the checkpoint over time without (the speeds' inverse ratio), and constant memory.
  target("S11 checkpoint vs chains-only (time)", "S11 events/s", "chains", "checkpoint", 1.5, "≤"),
  target("S11 peak RSS, n vs n/4 events", "S11 peak RSS (MiB)", "checkpoint", "checkpointSmall", 1.2, "≤"),
  ...AUDIT_TARGETS,
];

/** Builds the report from every run's results. */
export const buildReport = (config: BenchConfig, only: ReadonlyArray<Scenario>, collected: Collected, postgres: Readonly<Record<string, string>> | null = null): BenchReport => {
  const medians: Table = {};
  const min: Table = {};
  const max: Table = {};
  const samples: BenchReport["samples"] = {};
  const unavailable: Record<string, string> = {};
  const failures: Record<string, string> = {};
  for (const [row, scenario, subjects, field] of ROWS) {
    const byName: Record<string, number[]> = {};
    const columns = VALUE_COLUMNS.includes(scenario);
    for (const subject of columns ? ["tenfold"] : subjects) {
      const results = collected.get(keyOf(scenario, subject));
      for (const r of results ?? []) {
        if (!r.ok && r.unavailable) unavailable[scenario] = r.reason;
        else if (!r.ok) failures[keyOf(scenario, subject)] = r.reason;
      }
      const names = columns ? subjects : [subject];
      for (const name of names) {
        const values = valuesOf(results, !columns ? field : valueKey(name, field));
        if (values.length > 0) byName[name] = values;
      }
    }
    const complete = subjects.every((s) => byName[s] !== undefined);
    const pick = (f: (xs: ReadonlyArray<number>) => number): Row =>
      complete ? Object.fromEntries(subjects.map((s) => [s, Math.round(f(byName[s] ?? []) * 10) / 10])) : null;
    medians[row] = pick(median);
    min[row] = pick((xs) => Math.min(...xs));
    max[row] = pick((xs) => Math.max(...xs));
    samples[row] = complete ? byName : null;
  }
  const unsealed = collected.get(keyOf("S1", "tenfold-unsealed"));
  const unsealedMemory = medianOf(unsealed, "bytesPerEvent", 1);
  const personal = collected.get(keyOf("S12", "tenfold"));
  for (const r of personal ?? []) {
    if (!r.ok && r.unavailable) unavailable["S12"] = r.reason;
    else if (!r.ok) failures[keyOf("S12", "tenfold")] = r.reason;
  }
  const extra: Table = {
    S1: sealExtra(collected.get(keyOf("S1", "tenfold")), unsealed, collected.get(keyOf("S1", "tenfold-seal-only"))),
    memory: unsealedMemory === undefined ? null : { "tenfold-unsealed": unsealedMemory },
    S7: commandExtra(collected.get(keyOf("S7", "tenfold"))),
    S12: personalExtra(personal),
  };
  const ratios: Record<string, number | null> = {};
  for (const [row, , subjects] of ROWS) {
    const [first, ...others] = subjects;
    if (first !== "tenfold" || (row.startsWith("S10") && !POSTGRES_SPEEDS.includes(row))) continue;
    for (const other of others) ratios[`${row} tenfold/${other}`] = ratio(medians, row, "tenfold", other);
  }
  const cellOf = (at: readonly [string, string] | number): number | undefined => (typeof at === "number" ? at : (medians[at[0]]?.[at[1]] ?? extra[at[0]]?.[at[1]]));
  const targets = TARGETS.map(({ target, a, b, needed, sense }): TargetResult => {
    const x = cellOf(a);
    const y = cellOf(b);
    const r = x === undefined || y === undefined || y === 0 ? null : x / y;
    return { target, ratio: r === null ? null : Math.round(r * 100) / 100, needed: `${sense} ${needed}`, met: r === null ? null : sense === "≥" ? r >= needed : r <= needed };
  });
  // The two ratios of S1's targets that are not of one row's columns.
  for (const { a, b } of TARGETS.slice(0, 2)) {
    const x = cellOf(a);
    const y = cellOf(b);
    ratios[`${a[0]} ${a[1]}/${typeof b === "number" ? b : b[1]}`] = x === undefined || y === undefined || y === 0 ? null : x / y;
  }
  return {
    generatedAt: new Date().toISOString(),
    mode: config.mode,
    run: only,
    machine: { node: process.version, v8: process.versions.v8, platform: `${process.platform} ${process.arch}`, cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    versions: Object.fromEntries(
      ["@tenfold/core", "@tenfold/store-memory", "@tenfold/store-postgres", "@event-driven-io/emmett", "@event-driven-io/emmett-postgresql", "@castore/core", "@castore/event-storage-adapter-in-memory"].map((p) => [p, version(p)]),
    ),
    config,
    units: { S1: "events/s (extra.S1 seal-floor-us, seal-cost-us: µs an event)", S2: "events/s", S3: "events/s", memory: "heap bytes/event", S4: "events/s", S5: "lines/s", S6: "events/s", S7: "commands/s (extra.S7: µs a command)", S8: "events/s", S9: "events/s of whole CLI processes and of the limit (MB/s, × the limit, seconds, peak RSS MB from getrusage; scale: the history of --scale, and its time over the base history's)", S10: "events/s (missed, repeated, re-read missed, read all missed, catch-up missed: events)", S11: "seconds, events/s, peak RSS MiB of each CLI process", S12: "µs per event (append.*, read.*), per personal value (*.perValue, floor.*)" },
    medians,
    min,
    max,
    samples,
    extra,
    ratios,
    targets,
    checks: checksOf(collected),
    unavailable,
    failures,
    postgres,
  };
};

/** Whether every implementation of a scenario computed the same thing, in every run. */
const checksOf = (collected: Collected): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const scenario of ["S2", "S3", "S4", "S5", "S6", "S9", "S10", "S11", "S12"] as const) {
    const seen = new Set<string>();
    let runs = 0;
    for (const [key, results] of collected) {
      if (!key.startsWith(`${scenario}/`)) continue;
      for (const r of results) {
        if (!r.ok) continue;
        seen.add(r.check);
        runs++;
      }
    }
    if (runs > 0) out[scenario] = seen.size === 1 ? `same result in all ${runs} runs: ${[...seen][0] ?? ""}` : `DIFFERENT results: ${[...seen].join(" | ")}`;
  }
  return out;
};
