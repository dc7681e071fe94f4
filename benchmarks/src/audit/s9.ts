import { open, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TaskResult } from "../harness/config.js";
import { type CliRun, runCli, runScript } from "../signedlog/cli.js";
import type { SignedLogHistory } from "../signedlog/files.js";
import type { AuditFiles } from "./files.js";

/*
 * S9 in one child: the audit commands over the run's sealed history (S11's files: one campaign,
 * schema 2 as `tenfold export` writes it), each a whole CLI process as an auditor runs it, and the
 * limit they are measured against: one process reading the same file line by line, JSON.parse of
 * each line, canonical JSON of its envelope and SHA-256 of its chain text, nothing else
 * (limit.ts). Each reports events/s, MB/s, the ratio to the limit, seconds and peak RSS (the
 * child's getrusage at exit). Every command must read every line and find nothing wrong; the
 * export must write the input back byte for byte (the input is what `tenfold export` writes).
 */

// model

/** The audit commands S9 times, and the limit: the columns of its rows. */
export const AUDIT = ["limit", "verify --chains-only", "heads", "verify", "verify --checkpoint", "stats", "export"] as const;
export type AuditCommand = (typeof AUDIT)[number];

/** What one command's process came to. */
export interface AuditRun {
  readonly seconds: number;
  readonly rate: number;
  readonly mbps: number;
  /** Peak RSS, MB (10^6 bytes). */
  readonly rss: number;
}

// utils

const LIMIT = fileURLToPath(new URL("./limit.js", import.meta.url));

const argsOf = (command: Exclude<AuditCommand, "limit">, history: SignedLogHistory, vkey: string, out: string): ReadonlyArray<string> => {
  const input = ["--input", history.file];
  switch (command) {
    case "verify --chains-only":
      return ["verify", "--chains-only", ...input];
    case "heads":
      return ["heads", ...input];
    case "verify":
      return ["verify", ...input];
    case "verify --checkpoint":
      return ["verify", ...input, "--checkpoint", history.checkpoint, "--vkey", vkey];
    case "stats":
      return ["stats", ...input, "--json"];
    case "export":
      return ["export", ...input, "--out", out];
  }
};

const count = (n: number): string => n.toLocaleString("en-US");

/** Fails, quoting the command's output, unless it did its whole job on the clean history. */
const checkRun = async (command: AuditCommand, run: CliRun, history: SignedLogHistory, out: string): Promise<void> => {
  const fail = (what: string): never => {
    throw new Error(`S9 ${command}: ${what}; it said ${JSON.stringify((run.stdout + run.stderr).slice(0, 600))}`);
  };
  if (run.code !== 0) fail(`exit ${run.code}`);
  const stdout = run.stdout.trim();
  const last = stdout.split("\n").at(-1) ?? "";
  switch (command) {
    case "limit":
      if ((JSON.parse(stdout) as { lines: number }).lines !== history.events) fail(`not ${count(history.events)} lines`);
      return;
    case "verify --chains-only":
    case "verify":
      if (!last.startsWith(`${count(history.events)} lines, 0 problems`)) fail("not every line clean");
      return;
    case "verify --checkpoint":
      if (!last.startsWith(`${count(history.events)} lines, 0 problems`) || !last.includes("the history matches the checkpoint")) fail("not clean and matching its checkpoint");
      return;
    case "heads":
      if (!/^\{"streamId":"[^"]+","revision":\d+,"hash":"[0-9a-f]{64}"\}$/.test(stdout) || !stdout.includes(`"revision":${history.events - 1},`)) fail("not the one head at the last revision");
      return;
    case "stats":
      if (!stdout.startsWith("{") || (JSON.parse(stdout) as { groups?: unknown }).groups === undefined) fail("no statistics");
      return;
    case "export": {
      if (!last.startsWith(`Exported ${count(history.events)} events in 1 stream`)) fail("not every event exported");
      const [written, read] = await Promise.all([stat(out), stat(history.file)]);
      if (written.size !== read.size) fail(`${written.size} bytes written, not the ${read.size} read`);
      await sameBytes(out, history.file).then((same) => (same ? undefined : fail("the output differs from the input")));
      return;
    }
  }
};

/** Whether two files hold the same bytes, compared a mebibyte at a time. */
const sameBytes = async (a: string, b: string): Promise<boolean> => {
  const [fa, fb] = await Promise.all([open(a, "r"), open(b, "r")]);
  try {
    const [ba, bb] = [Buffer.alloc(1 << 20), Buffer.alloc(1 << 20)];
    for (;;) {
      const [ra, rb] = await Promise.all([fa.read(ba, 0, ba.length, null), fb.read(bb, 0, bb.length, null)]);
      if (ra.bytesRead !== rb.bytesRead || !ba.subarray(0, ra.bytesRead).equals(bb.subarray(0, rb.bytesRead))) return false;
      if (ra.bytesRead === 0) return true;
    }
  } finally {
    await Promise.all([fa.close(), fb.close()]);
  }
};

/** Runs one command (or the limit) over `history` once, checked; its speed and peak RSS. */
export const runAudit = async (command: AuditCommand, history: SignedLogHistory, files: Pick<AuditFiles, "dir" | "vkey">): Promise<AuditRun> => {
  const out = join(files.dir, `s9-export-${process.pid}.ndjson`);
  try {
    const run = command === "limit" ? await runScript(LIMIT, [history.file], files.dir) : await runCli(argsOf(command, history, files.vkey, out), files.dir);
    await checkRun(command, run, history, out);
    if (!Number.isFinite(run.maxRssKiB)) throw new Error(`S9 ${command}: no peak RSS was reported`);
    return { seconds: run.seconds, rate: history.events / run.seconds, mbps: history.bytes / 1e6 / run.seconds, rss: (run.maxRssKiB * 1024) / 1e6 };
  } finally {
    await rm(out, { force: true });
  }
};

// constructors

/**
 * Every command once over each history, the limit first: values `<command>.rate|mbps|ratio|seconds|rss`
 * for the first history and, for a second one (`pnpm bench --scale`), the same prefixed `scale:`
 * and `scale:<command>.timeRatio`, its seconds over the first's.
 */
export const measureAudit = async (files: AuditFiles | undefined, unavailable: string | undefined): Promise<TaskResult> => {
  if (files === undefined) return { ok: false, unavailable: true, reason: unavailable ?? "S9's files were not made" };
  const values: Record<string, number> = {};
  const [base, scale] = files.histories;
  if (base === undefined) return { ok: false, unavailable: true, reason: "S9 has no history" };
  for (const [prefix, history] of [["", base], ...(scale === undefined ? [] : [["scale:", scale] as const])] as const) {
    let limit = 0;
    for (const command of AUDIT) {
      const run = await runAudit(command, history, files);
      if (command === "limit") limit = run.rate;
      values[`${prefix}${command}.rate`] = run.rate;
      values[`${prefix}${command}.mbps`] = run.mbps;
      values[`${prefix}${command}.ratio`] = run.rate / limit;
      values[`${prefix}${command}.seconds`] = run.seconds;
      values[`${prefix}${command}.rss`] = run.rss;
      if (prefix !== "") values[`${prefix}${command}.timeRatio`] = run.seconds / (values[`${command}.seconds`] ?? NaN);
    }
  }
  const sizes = files.histories.map((h) => `${count(h.events)} events (${(h.bytes / 1e6).toFixed(0)} MB)`).join(" and ");
  return { ok: true, values, check: `${sizes}: every command read every line, found nothing wrong, and export wrote the input back byte for byte` };
};
