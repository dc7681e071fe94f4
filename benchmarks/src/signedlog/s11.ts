import type { TaskResult } from "../harness/config.js";
import { runCliOk } from "./cli.js";
import type { SignedLogFiles, SignedLogHistory } from "./files.js";

/*
 * S11 in one child: `tenfold verify` over the run's sealed history as whole CLI processes, one
 * after another — the hash chains alone (`--chains-only`), the chains and the signed checkpoint
 * (its signature, and the Merkle root of the stream recomputed as it is read), the same two with
 * every rule checked too, and the chains and checkpoint over the history's first quarter (peak RSS
 * at a quarter of the size). Each reports seconds, events/s and peak RSS (MiB); every one must
 * find 0 problems, and the checkpoint must match.
 */

/** S11's verifications, the columns of its rows. */
export const SIGNED_LOG = ["chains", "checkpoint", "full", "fullCheckpoint", "checkpointSmall"] as const;
export type SignedLogVariant = (typeof SIGNED_LOG)[number];

/** What the example service's side reports (served.ts): the columns of the report's "S11 service" row. */
export const SERVED = ["tree.seconds", "tree.bytesPerEvent", "proof.computeUs", "proof.httpUs", "proof.httpP99Us"] as const;

interface Plan {
  readonly history: SignedLogHistory;
  readonly chainsOnly: boolean;
  readonly checkpoint: boolean;
}

const planOf = (files: SignedLogFiles, variant: SignedLogVariant): Plan => {
  switch (variant) {
    case "chains":
      return { history: files.large, chainsOnly: true, checkpoint: false };
    case "checkpoint":
      return { history: files.large, chainsOnly: true, checkpoint: true };
    case "full":
      return { history: files.large, chainsOnly: false, checkpoint: false };
    case "fullCheckpoint":
      return { history: files.large, chainsOnly: false, checkpoint: true };
    case "checkpointSmall":
      return { history: files.quarter, chainsOnly: true, checkpoint: true };
  }
};

/** The arguments of a verification. */
export const verifyArgs = (files: SignedLogFiles, variant: SignedLogVariant): string[] => {
  const { history, chainsOnly, checkpoint } = planOf(files, variant);
  return ["verify", "--input", history.file, ...(chainsOnly ? ["--chains-only"] : []), ...(checkpoint ? ["--checkpoint", history.checkpoint, "--vkey", files.vkey] : [])];
};

/** Runs one verification; fails unless it reads every line, finds no problem, and matches the checkpoint when given one. */
const verifyOnce = async (files: SignedLogFiles, variant: SignedLogVariant): Promise<{ seconds: number; rate: number; rss: number }> => {
  const { history, checkpoint } = planOf(files, variant);
  const args = verifyArgs(files, variant);
  const run = await runCliOk(args, files.dir);
  const summary = run.stdout.trim().split("\n").at(-1) ?? "";
  const expected = `${history.events.toLocaleString("en-US")} lines, 0 problems`;
  if (!summary.startsWith(expected) || (checkpoint && !summary.includes("the history matches the checkpoint"))) {
    throw new Error(`tenfold ${args.join(" ")} said ${JSON.stringify(run.stdout.slice(0, 1000))}, not "${expected}…"${checkpoint ? " and a matching checkpoint" : ""}`);
  }
  if (!Number.isFinite(run.maxRssKiB)) throw new Error(`tenfold ${args.join(" ")}: no peak RSS was reported`);
  return { seconds: run.seconds, rate: history.events / run.seconds, rss: run.maxRssKiB / 1024 };
};

/** Every verification once, then the service's proofs; values `<variant>.seconds`, `<variant>.rate`, `<variant>.rss`, and `SERVED`'s. */
export const measureSignedLog = async (files: SignedLogFiles | undefined, unavailable: string | undefined): Promise<TaskResult> => {
  if (files === undefined) return { ok: false, unavailable: true, reason: unavailable ?? "S11's files were not made" };
  const values: Record<string, number> = {};
  for (const variant of SIGNED_LOG) {
    const { seconds, rate, rss } = await verifyOnce(files, variant);
    values[`${variant}.seconds`] = seconds;
    values[`${variant}.rate`] = rate;
    values[`${variant}.rss`] = rss;
  }
  const { large, quarter } = files;
  // The example service over the same number of events: its log tree, and proofs served from it.
  const { measureProofServing } = await import("./served.js"); // the service and tsyringe, loaded in this child only
  const served = await measureProofServing(large.events, 1000);
  if (!served.ok) return served;
  return { ok: true, values: { ...values, ...served.values }, check: `${large.events} and ${quarter.events} events: 0 problems in all ${SIGNED_LOG.length} verifications, each checkpoint matched; ${served.check}` };
};
