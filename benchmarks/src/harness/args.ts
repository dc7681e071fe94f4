import { fileURLToPath } from "node:url";
import { type BenchConfig, FULL, QUICK, SCENARIOS, type Scenario } from "./config.js";

/** What the command line asks for. */
export interface BenchArgs {
  readonly config: BenchConfig;
  readonly only: ReadonlyArray<Scenario>;
  /** Where to write the JSON report; null: nowhere. */
  readonly out: string | null;
  /** Profile every child (`--cpu-prof`) into `results/`; null: no profiles. */
  readonly profileDir: string | null;
}

/** `results/latest.json` of the benchmarks package. */
export const LATEST = fileURLToPath(new URL("../../results/latest.json", import.meta.url));
const RESULTS = fileURLToPath(new URL("../../results", import.meta.url));

const USAGE = "usage: pnpm bench [--quick | --scale] [--only S1,S2,…,S12] [--runs N] [--out FILE] [--profile]";

/** The larger history of `--scale`. */
export const SCALE_EVENTS = 10_000_000;

const isScenario = (s: string): s is Scenario => (SCENARIOS as ReadonlyArray<string>).includes(s);

/**
 * Parses `--quick`, `--scale`, `--only S1,S2`, `--runs N`, `--out FILE`, `--profile`. `--scale` is
 * S9 alone (unless `--only` says otherwise) at its full size and at 10,000,000 events, one round
 * (unless `--runs` says otherwise); not for CI: it writes two histories of 0.6 and 5.8 GB. A full run of every
 * scenario writes `results/latest.json` unless `--out` says otherwise; a quick, partial or profiled
 * run writes only with `--out`. `--profile` writes each child's CPU profile to `results/`.
 * Returns a usage message on a mistake.
 */
export const parseArgs = (argv: ReadonlyArray<string>): BenchArgs | string => {
  let config = FULL;
  let only: ReadonlyArray<Scenario> = SCENARIOS;
  let out: string | null | undefined;
  let runs: number | undefined;
  let profile = false;
  let scale = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    const needsValue = arg === "--only" || arg === "--runs" || arg === "--out";
    if (needsValue && (value === undefined || value.startsWith("--"))) return `${arg} needs a value\n${USAGE}`;
    if (arg === "--quick") config = QUICK;
    else if (arg === "--scale") scale = true;
    else if (arg === "--profile") profile = true;
    else if (arg === "--only" && value !== undefined) {
      const names = value.split(",").map((s) => s.trim().toUpperCase());
      const wrong = names.find((s) => !isScenario(s));
      if (wrong !== undefined) return `unknown scenario ${wrong}: choose among ${SCENARIOS.join(", ")}`;
      only = names.filter(isScenario);
      i++;
    } else if (arg === "--runs" && value !== undefined) {
      if (!/^[1-9]\d*$/.test(value)) return `--runs needs a whole number of runs (1 or more), got ${JSON.stringify(value)}`;
      runs = Number(value);
      i++;
    } else if (arg === "--out" && value !== undefined) {
      out = value;
      i++;
    } else return `unexpected ${JSON.stringify(arg ?? "")}\n${USAGE}`;
  }
  if (scale && config.mode === "quick") return `--scale and --quick do not go together\n${USAGE}`;
  if (scale) {
    config = { ...config, auditScaleEvents: SCALE_EVENTS, runs: 1 };
    if (only === SCENARIOS) only = ["S9"];
  }
  const everything = config.mode === "full" && only.length === SCENARIOS.length && runs === undefined && !profile && !scale;
  return {
    config: runs === undefined ? config : { ...config, runs },
    only,
    out: out ?? (everything ? LATEST : null),
    profileDir: profile ? RESULTS : null,
  };
};
