/* Small files kept durably on disk: replaced atomically (a crash leaves the old file or the new one), and a lock between processes. */
import { open, readFile, rename, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";

/** Options of {@link writeFileDurably}. */
export interface DurableWriteOptions {
  /** The new file's permission bits (also set on a partial file left by an earlier crash). @defaultValue 0o666 less the umask */
  readonly mode?: number;
}

/**
 * Writes `text` as `file` so that a crash at any point leaves the old file or the new one, whole:
 * written beside it (`<file>.partial`), flushed, renamed over it, the directory flushed.
 */
export const writeFileDurably = async (file: string, text: string, { mode }: DurableWriteOptions = {}): Promise<void> => {
  const partial = `${file}.partial`;
  const handle = await open(partial, "w", mode);
  try {
    // A partial file an earlier crash left keeps its own mode when opened again: set it.
    if (mode !== undefined) await handle.chmod(mode);
    await handle.writeFile(text);
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

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** How long to wait for a lock a live process holds. @defaultValue 5000 */
  readonly waitMs?: number;
  /** Who else may hold the lock, for the message when it stays held. @defaultValue "process" */
  readonly holder?: string;
  /** The lock file's permission bits (less the umask). @defaultValue 0o666 */
  readonly mode?: number;
}

/** A lock stayed held by a live process. */
export class LockHeld extends Error {}

/**
 * Runs `work` holding `<file>.lock` (created exclusively, holding `pid@host`), so that a check and
 * its update are never interleaved between processes. A lock left by a process of this host that
 * is gone is removed; one held by a live process is waited for, up to `waitMs`, then LockHeld.
 */
export const withFileLock = async <A>(file: string, work: () => Promise<A>, { waitMs = 5_000, holder = "process", mode }: FileLockOptions = {}): Promise<A> => {
  const lock = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lock, "wx", mode);
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
      if (attempt * 25 >= waitMs) throw new LockHeld(`${lock} is held by another ${holder} (${(await readFile(lock, "utf8").catch(() => "")).trim() || "unknown"}) for over ${waitMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
};
