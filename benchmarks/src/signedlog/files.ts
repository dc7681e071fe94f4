import { closeSync, openSync, writeFileSync } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { campaignStreamId } from "@tenfold/core";
import { GENESIS_HASH, envelopeLine, hashEnvelope } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import { exportedFields } from "../domain/envelopes.js";
import { historyBlocks } from "../domain/history.js";
import { subjectsTracker } from "../domain/personal.js";
import { cliMissing, runCliOk } from "./cli.js";

/*
 * S11's files, made once per `pnpm bench` run in a temporary directory that the run removes at
 * the end: a sealed history of one campaign (`events` lines, as `tenfold export` writes them by
 * default: schema 2, `--personal omit`, each personal value null and its entry subject and
 * commitment, see `domain/envelopes.ts`; core's `envelopeLine`, the chain by core's
 * `hashEnvelope`), its first quarter as a second
 * history, a signer key (`tenfold keygen`), its verifier key, and each history's checkpoint
 * (`tenfold checkpoint`).
 */

/** One sealed history and the checkpoint of its whole stream. */
export interface SignedLogHistory {
  readonly file: string;
  readonly events: number;
  readonly bytes: number;
  readonly checkpoint: string;
}

/** Everything S11's children read. */
export interface SignedLogFiles {
  readonly dir: string;
  /** The log's verifier key (`tenfold keygen`'s stdout). */
  readonly vkey: string;
  readonly large: SignedLogHistory;
  /** The first quarter of `large`: peak RSS at a quarter of the size. */
  readonly quarter: SignedLogHistory;
}

const SEED = 20130301;
const CAMPAIGN = "bench-2013";
const LOG_NAME = "bench.example/tenfold";
const BLOCK = 4000;

/**
 * Writes the sealed history of `events` events to `file`, and its first `prefix` lines to
 * `prefixFile`, a block at a time (never the whole history in memory).
 */
export const writeSealedHistory = (file: string, events: number, prefixFile: string, prefix: number): void => {
  const streamId = campaignStreamId(CAMPAIGN);
  const whole = openSync(file, "w");
  const part = openSync(prefixFile, "w");
  try {
    let previousHash = GENESIS_HASH;
    let n = 0;
    let lines: string[] = [];
    const subjectsOf = subjectsTracker();
    const flush = (): void => {
      if (lines.length === 0) return;
      writeFileSync(whole, `${lines.join("\n")}\n`);
      const first = n - lines.length;
      if (first < prefix) writeFileSync(part, `${lines.slice(0, prefix - first).join("\n")}\n`);
      lines = [];
    };
    for (const block of historyBlocks({ seed: SEED, campaignId: CAMPAIGN })) {
      for (const event of block) {
        if (n === events) break;
        const fields = exportedFields(event, n, streamId, subjectsOf(event));
        const hash = hashEnvelope(nodeSha256, previousHash, fields);
        lines.push(envelopeLine({ ...fields, previousHash, hash }));
        previousHash = hash;
        n++;
        if (lines.length === BLOCK) flush();
      }
      if (n === events) break;
    }
    flush();
  } finally {
    closeSync(whole);
    closeSync(part);
  }
};

/** A signer key for the log (`tenfold keygen`) in `dir`, and its verifier key's file. */
export const makeLogKey = async (dir: string): Promise<{ readonly key: string; readonly vkey: string }> => {
  const key = join(dir, "log.key");
  const vkey = join(dir, "log.vkey");
  await writeFile(vkey, (await runCliOk(["keygen", "--name", LOG_NAME, "--out", key], dir)).stdout);
  return { key, vkey };
};

/** A sealed history of `events` lines in `file`, with the checkpoint of its stream signed by `key` (`tenfold checkpoint`). */
export const checkpointed = async (file: string, events: number, key: string, dir: string): Promise<SignedLogHistory> => {
  const checkpoint = `${file}.checkpoint`;
  await runCliOk(["checkpoint", "--input", file, "--key", key, "--out", checkpoint], dir);
  return { file, events, bytes: (await stat(file)).size, checkpoint };
};

/** Makes S11's files for `events` events (and a quarter of them); what went wrong when they cannot be made. */
export const prepareSignedLog = async (events: number, log: (line: string) => void): Promise<SignedLogFiles | string> => {
  const missing = cliMissing();
  if (missing !== null) return missing;
  const dir = await mkdtemp(join(tmpdir(), "tenfold-s11-"));
  try {
    const started = Date.now();
    const quarter = Math.max(1, Math.floor(events / 4));
    const [largeFile, smallFile] = [join(dir, `sealed-${events}.ndjson`), join(dir, `sealed-${quarter}.ndjson`)];
    writeSealedHistory(largeFile, events, smallFile, quarter);
    const written = Date.now();
    const { key, vkey } = await makeLogKey(dir);
    const large = await checkpointed(largeFile, events, key, dir);
    const firstQuarter = await checkpointed(smallFile, quarter, key, dir);
    const mb = (large.bytes / 1e6).toFixed(0);
    log(`S11: wrote ${events.toLocaleString("en-US")} sealed events (${mb} MB) and ${quarter.toLocaleString("en-US")} in ${((written - started) / 1000).toFixed(1)} s, key and checkpoints in ${((Date.now() - written) / 1000).toFixed(1)} s, in ${dir}`);
    return { dir, vkey, large, quarter: firstQuarter };
  } catch (e) {
    await removeSignedLog(dir);
    return `S11's files could not be made: ${e instanceof Error ? e.message : String(e)}`;
  }
};

/** Removes S11's directory. */
export const removeSignedLog = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true });
