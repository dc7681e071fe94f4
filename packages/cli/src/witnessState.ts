/* A witness's state on disk: per origin, the size and root it has cosigned, kept atomically under a lock. */
import { open, readFile, rename, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import type { WitnessHeld } from "@tenfold/core/audit";
import { describeFileSystemError } from "./CliError.js";

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
export const keepHeld = async (file: string, held: WitnessHeld): Promise<void> => {
  const partial = `${file}.partial`;
  const handle = await open(partial, "w");
  try {
    await handle.writeFile(`${JSON.stringify({ size: held.size, root: Buffer.from(held.root).toString("base64") })}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(partial, file);
  const dir = await open(dirname(file), "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
};

/** Whether the process that wrote a lock file (`pid@host`) is gone: only decided on this host, where the pid can be asked about. */
const lockIsStale = async (lock: string): Promise<boolean> => {
  const owner = await readFile(lock, "utf8").catch(() => "");
  const [pid, host] = owner.trim().split("@");
  if (host !== hostname() || pid === undefined || !/^[0-9]+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as { code?: unknown }).code === "ESRCH";
  }
};

/**
 * Runs `work` holding the origin's lock file (created exclusively, holding `pid@host`), so that a
 * check and its update are never interleaved. A lock left by a process of this host that is gone
 * is removed; one held by a live process is waited for, up to 5 s.
 */
export const withLock = async <A>(file: string, work: () => Promise<A>, waitMs = 5_000): Promise<A> => {
  const lock = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lock, "wx");
      try {
        await handle.writeFile(`${process.pid}@${hostname()}\n`);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "EEXIST") throw error;
      if (await lockIsStale(lock)) {
        await rm(lock, { force: true });
        continue;
      }
      if (attempt * 25 >= waitMs) throw new LockHeld(`${lock} is held by another witness process (${(await readFile(lock, "utf8").catch(() => "")).trim() || "unknown"}) for over ${waitMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
};

/** The origin's lock stayed held by a live process. */
class LockHeld extends Error {}


/** What went wrong keeping the state, in a sentence. */
export const describeStateError = (error: unknown): string => (error instanceof StateUnreadable || error instanceof LockHeld ? error.message : describeFileSystemError(error));
