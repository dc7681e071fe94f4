import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/*
 * The CLI as S11 runs it: `node packages/cli/dist/main.js …` in a process of its own, with no flag
 * of the bench's (no --expose-gc, the default heap), timed from spawn to exit, its peak RSS
 * reported by a preloaded module (rss.ts) that reads getrusage at exit.
 */

/** The built CLI (`npx tsc -b`). */
export const CLI = fileURLToPath(new URL("../../../packages/cli/dist/main.js", import.meta.url));
const PRELOAD = new URL("./rss.js", import.meta.url).href;

/** Why the CLI cannot run; null when it can. */
export const cliMissing = (): string | null => (existsSync(CLI) ? null : `the CLI is not built (${CLI} is missing): run npx tsc -b`);

/** One CLI process: its exit code, output, wall-clock seconds and peak RSS in KiB. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  readonly maxRssKiB: number;
}

let runs = 0;

/** Runs `tenfold …args`; `scratch` is a directory for the RSS note. */
export const runCli = (args: ReadonlyArray<string>, scratch: string): Promise<CliRun> => runScript(CLI, args, scratch);

/** Runs the Node script `script` with `args` in a process of its own, timed, its peak RSS noted in `scratch`; `env` is added to this process's environment. */
export const runScript = async (script: string, args: ReadonlyArray<string>, scratch: string, env: Readonly<Record<string, string>> = {}): Promise<CliRun> => {
  const note = join(scratch, `rss-${process.pid}-${++runs}.txt`);
  const start = process.hrtime.bigint();
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", PRELOAD, script, ...args], { env: { ...process.env, ...env, TENFOLD_BENCH_RSS: note }, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (exit, signal) => resolve({ code: exit ?? (signal === null ? -1 : 128), stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const maxRssKiB = Number(await readFile(note, "utf8").catch(() => "NaN"));
  await rm(note, { force: true });
  return { code, stdout, stderr, seconds, maxRssKiB };
};

/** Runs `tenfold …args` and fails, quoting its output, unless it exits 0. */
export const runCliOk = async (args: ReadonlyArray<string>, scratch: string): Promise<CliRun> => {
  const run = await runCli(args, scratch);
  if (run.code !== 0) throw new Error(`tenfold ${args.join(" ")} exited ${run.code}: ${(run.stderr + run.stdout).slice(0, 2000)}`);
  return run;
};
