import type { AuditFiles } from "../audit/files.js";
import type { PostgresSize } from "../postgres/sizes.js";
import type { SignedLogFiles } from "../signedlog/files.js";
import type { WorkloadSize } from "../stores/workload.js";

/** The scenarios of the issue. */
export const SCENARIOS = ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11", "S12"] as const;

/** A scenario's name. */
export type Scenario = (typeof SCENARIOS)[number];

/** Sizes of one bench mode. */
export interface BenchConfig {
  readonly mode: "full" | "quick";
  /** Fresh child processes per scenario × implementation (the median is taken over them). */
  readonly runs: number;
  /** Children run at once: 1 to measure; more only for a smoke run, whose speeds mean nothing. */
  readonly parallel: number;
  /**
   * Also measure Tenfold's store without its seal and personal layer, and with the seal alone (S1):
   * the target against Castore and the seal's cost are taken from them, so both modes do.
   */
  readonly unsealed: boolean;
  readonly workload: WorkloadSize;
  /** Events of S4's generated history. */
  readonly statisticsEvents: number;
  /** NDJSON lines decoded by S5. */
  readonly decodeLines: number;
  /** Sealed events verified by S6. */
  readonly verifyEvents: number;
  /** Commands handled by S7. */
  readonly commands: number;
  /** Events appended to EventStoreDB by S8, and its batch size. */
  readonly esdbEvents: number;
  readonly esdbBatch: number;
  /** S9: events of the sealed history the audit commands read. */
  readonly auditEvents: number;
  /** S9 at scale (`--scale`): events of a second, larger history, every command timed on both; null: none. */
  readonly auditScaleEvents: number | null;
  /** S10: the PostgreSQL stores against one throwaway server. */
  readonly postgres: PostgresSize;
  /** S11: events of the sealed history that `tenfold verify` reads (and a quarter of them, for memory). */
  readonly signedLogEvents: number;
  /** S12: events of the generated history appended (in batches of `workload.batch`) and read through the memory store with and without its personal-data layer. */
  readonly personalEvents: number;
}

/** The sizes: 200,000 events over 2,000 streams; a million-event history; 100,000 commands. */
export const FULL: BenchConfig = {
  mode: "full",
  runs: 3,
  parallel: 1,
  unsealed: true,
  workload: { streams: 2000, appends: 20_000, batch: 10 },
  statisticsEvents: 1_000_000,
  decodeLines: 200_000,
  verifyEvents: 1_000_000,
  commands: 100_000,
  esdbEvents: 100_000,
  esdbBatch: 100,
  auditEvents: 1_000_000,
  auditScaleEvents: null,
  postgres: { streams: 1000, appends: 10_000, batch: 10, writers: 8, liveAppends: 2000, warmUp: true },
  signedLogEvents: 1_000_000,
  personalEvents: 200_000,
};

/** A smoke run of about 20 seconds (CI checks that it runs, not its speed): small sizes, one run, two children at once. */
export const QUICK: BenchConfig = {
  mode: "quick",
  runs: 1,
  parallel: 2,
  unsealed: true,
  workload: { streams: 100, appends: 1000, batch: 10 },
  statisticsEvents: 50_000,
  decodeLines: 10_000,
  verifyEvents: 20_000,
  commands: 5_000,
  esdbEvents: 5_000,
  esdbBatch: 100,
  auditEvents: 20_000,
  auditScaleEvents: null,
  postgres: { streams: 50, appends: 100, batch: 10, writers: 8, liveAppends: 50, warmUp: false },
  signedLogEvents: 20_000,
  personalEvents: 10_000,
};

/** One child's job: a scenario and the implementation it measures. */
export interface Task {
  readonly scenario: Scenario;
  /** A store contender (S1–S3), `tenfold` or `limit` (S4–S6), `tenfold` (S7, S8, S11, S12). */
  readonly subject: string;
  readonly config: BenchConfig;
  /** S10: the throwaway server's connection string (to its `postgres` database), when it started. */
  readonly postgresUrl?: string;
  /** S10: why the throwaway server could not be started. */
  readonly postgresUnavailable?: string;
  /** S9: the run's sealed histories, their checkpoints and the key, when they could be made. */
  readonly audit?: AuditFiles;
  /** S9: why they could not. */
  readonly auditUnavailable?: string;
  /** S11: the run's sealed histories, key and checkpoints, when they could be made. */
  readonly signedLog?: SignedLogFiles;
  /** S11: why they could not. */
  readonly signedLogUnavailable?: string;
}

/** What a child reports. */
export type TaskResult =
  | { readonly ok: true; readonly values: Readonly<Record<string, number>>; readonly check: string }
  | { readonly ok: false; readonly unavailable: boolean; readonly reason: string };

const SUBJECTS: { readonly [S in Scenario]: ReadonlyArray<string> } = {
  S1: ["tenfold", "emmett", "castore", "baseline", "tenfold-unsealed", "tenfold-seal-only"],
  S2: ["tenfold", "emmett", "castore", "baseline"],
  S3: ["tenfold", "emmett", "castore", "baseline"],
  S4: ["tenfold", "limit"],
  S5: ["tenfold", "limit"],
  S6: ["tenfold", "limit"],
  S7: ["tenfold"],
  S8: ["tenfold"],
  S9: ["tenfold"],
  S10: ["tenfold", "tenfold-unsealed", "emmett"],
  S11: ["tenfold"],
  S12: ["tenfold"],
};

/** What every task of a run is given besides its scenario: where the S10 server and S9's and S11's files are. */
export type TaskContext = Pick<Task, "postgresUrl" | "postgresUnavailable" | "signedLog" | "signedLogUnavailable" | "audit" | "auditUnavailable">;

/** Every task of one round, implementations of a scenario side by side (S10 measures the unsealed store in every mode). */
export const tasksOf = (config: BenchConfig, only: ReadonlyArray<Scenario>, context: TaskContext = {}): Task[] =>
  only.flatMap((scenario) =>
    SUBJECTS[scenario]
      .filter((subject) => config.unsealed || scenario === "S10" || !subject.startsWith("tenfold-"))
      .map((subject) => ({ scenario, subject, config, ...context })),
  );
