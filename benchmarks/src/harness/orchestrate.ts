import { fork } from "node:child_process";
import type { BenchConfig, Scenario, Task, TaskContext, TaskResult } from "./config.js";
import { tasksOf } from "./config.js";

/** Results of every run of every task, by `scenario/subject`. */
export type Collected = Map<string, TaskResult[]>;

/** The key of a task in {@link Collected}. */
export const keyOf = (scenario: Scenario, subject: string): string => `${scenario}/${subject}`;

const TIMEOUT_MS = 15 * 60_000;
/** S9 with `--scale` runs every audit command over 10,000,000 events too: about 20 minutes on two cores. */
const SCALE_TIMEOUT_MS = 120 * 60_000;

/** Runs one task in a fresh child process (`node --expose-gc entry --child <task>`). */
export const runChild = (entry: string, task: Task, profileDir: string | null = null): Promise<TaskResult> =>
  new Promise((resolve) => {
    const profile = profileDir === null ? [] : ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${task.scenario}-${task.subject}-${Date.now()}.cpuprofile`];
    const child = fork(entry, ["--child", JSON.stringify(task)], {
      execArgv: ["--expose-gc", "--max-old-space-size=6144", ...profile],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: TaskResult | undefined;
    const timer = setTimeout(() => child.kill("SIGKILL"), task.scenario === "S9" && task.config.auditScaleEvents !== null ? SCALE_TIMEOUT_MS : TIMEOUT_MS);
    child.on("message", (message) => {
      result = message as TaskResult;
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(result ?? { ok: false, unavailable: false, reason: `the child exited (${signal ?? `code ${code}`}) without a result` });
    });
  });

/**
 * Runs every task `config.runs` times, each in its own child, round after round (so that every
 * implementation of a scenario is measured under the same conditions), one child at a time unless
 * `config.parallel` says otherwise. A task found unavailable is not run again. `context` goes to
 * every task (where S10's server is).
 */
export const runAll = async (
  entry: string,
  config: BenchConfig,
  only: ReadonlyArray<Scenario>,
  log: (line: string) => void,
  profileDir: string | null = null,
  context: TaskContext = {},
): Promise<Collected> => {
  const collected: Collected = new Map();
  const tasks = tasksOf(config, only, context);
  const runTask = async (task: Task, round: number): Promise<void> => {
    const key = keyOf(task.scenario, task.subject);
    if ((collected.get(key) ?? []).some((r) => !r.ok && r.unavailable)) return;
    const started = Date.now();
    const result = await runChild(entry, task, profileDir);
    collected.set(key, [...(collected.get(key) ?? []), result]);
    const what = result.ok
      ? Object.entries(result.values).map(([k, v]) => `${k} ${Math.round(v).toLocaleString("en-US")}`).join(", ")
      : `${result.unavailable ? "unavailable" : "FAILED"}: ${result.reason.split("\n")[0] ?? ""}`;
    log(`[${round}/${config.runs}] ${key.padEnd(20)} ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  for (let round = 1; round <= config.runs; round++) {
    const queue = [...tasks];
    const worker = async (): Promise<void> => {
      for (let task = queue.shift(); task !== undefined; task = queue.shift()) await runTask(task, round);
    };
    await Promise.all(Array.from({ length: Math.max(1, config.parallel) }, worker));
  }
  return collected;
};
