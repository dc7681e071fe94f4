/* A witness's state on disk: per origin, the size and root it has cosigned, kept atomically under a lock. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { WitnessHeld } from "@tenfold/core/audit";
import { describeFileSystemError } from "./CliError.js";
import { LockHeld, withFileLock, writeFileDurably } from "./durableFile.js";

/** The witness's state of one origin, kept as a small JSON file named after the origin. */
export const stateFile = (dir: string, origin: string): string => join(dir, `${encodeURIComponent(origin)}.json`);

/** The state held for an origin: none when its file does not exist; anything else that is not a size and a root is a state this witness cannot trust. */
export const readHeld = async (file: string): Promise<WitnessHeld | undefined> => {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return undefined;
    throw error;
  }
  const held = ((): { size?: unknown; root?: unknown } | null => {
    try {
      return JSON.parse(text) as { size?: unknown; root?: unknown };
    } catch {
      return null;
    }
  })();
  const root = typeof held?.root === "string" ? new Uint8Array(Buffer.from(held.root, "base64")) : undefined;
  if (held === null || typeof held.size !== "number" || !Number.isSafeInteger(held.size) || held.size < 0 || root?.length !== 32) {
    throw new StateUnreadable("it is not the size and root this witness writes: restore it from a backup (never delete it: the witness would cosign from size 0 again)");
  }
  return { size: held.size, root };
};

/** A state file that exists but cannot be read as one: the witness refuses rather than start again from nothing. */
class StateUnreadable extends Error {}

/** Writes the state for an origin so that a crash at any point leaves the old state or the new one: written beside it, flushed, renamed over it, the directory flushed. */
export const keepHeld = (file: string, held: WitnessHeld): Promise<void> =>
  writeFileDurably(file, `${JSON.stringify({ size: held.size, root: Buffer.from(held.root).toString("base64") })}\n`);

/**
 * Runs `work` holding the origin's lock file (created exclusively, holding `pid@host`), so that a
 * check and its update are never interleaved. A lock left by a process of this host that is gone
 * is removed; one held by a live process is waited for, up to 5 s.
 */
export const withLock = <A>(file: string, work: () => Promise<A>, waitMs = 5_000): Promise<A> => withFileLock(file, work, { waitMs, holder: "witness process" });

/** What went wrong keeping the state, in a sentence. */
export const describeStateError = (error: unknown): string => (error instanceof StateUnreadable || error instanceof LockHeld ? error.message : describeFileSystemError(error));
