import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliMissing } from "../signedlog/cli.js";
import { checkpointed, makeLogKey, type SignedLogHistory, writeSealedHistory } from "../signedlog/files.js";

/*
 * S9's files, made once per `pnpm bench` run in a temporary directory that the run removes at the
 * end: a sealed history of one campaign at each size (the same generator, seed and form as S11's:
 * `tenfold export`'s lines, schema 2, `--personal omit`), each with its signed checkpoint, and the
 * log's verifier key.
 */

/** Everything S9's children read: the histories, smallest first, and the verifier key. */
export interface AuditFiles {
  readonly dir: string;
  readonly vkey: string;
  readonly histories: ReadonlyArray<SignedLogHistory>;
}

/** Makes S9's histories of `sizes` events; what went wrong when they cannot be made. */
export const prepareAudit = async (sizes: ReadonlyArray<number>, log: (line: string) => void): Promise<AuditFiles | string> => {
  const missing = cliMissing();
  if (missing !== null) return missing;
  const dir = await mkdtemp(join(tmpdir(), "tenfold-s9-"));
  try {
    const { key, vkey } = await makeLogKey(dir);
    const histories: SignedLogHistory[] = [];
    for (const events of [...sizes].sort((a, b) => a - b)) {
      const started = Date.now();
      const file = join(dir, `sealed-${events}.ndjson`);
      writeSealedHistory(file, events, join(dir, "unused-prefix.ndjson"), 0);
      const history = await checkpointed(file, events, key, dir);
      histories.push(history);
      log(`S9: wrote ${events.toLocaleString("en-US")} sealed events (${(history.bytes / 1e6).toFixed(0)} MB) and their checkpoint in ${((Date.now() - started) / 1000).toFixed(1)} s, in ${dir}`);
    }
    return { dir, vkey, histories };
  } catch (e) {
    await removeAudit(dir);
    return `S9's files could not be made: ${e instanceof Error ? e.message : String(e)}`;
  }
};

/** Removes S9's directory. */
export const removeAudit = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true });
