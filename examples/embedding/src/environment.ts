import { readFile } from "node:fs/promises";
import { describeNoteProblem, formatVerifierKey, parseSignerKey, type SignerKey, verifierOf } from "@tenfold/core/audit";
import { nodeEd25519, nodeSha256Digest } from "@tenfold/core/node";
import { type EventStore, describeStoreError } from "@tenfold/core";
import type { PersonalDataStore } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import type { DependencyContainer } from "tsyringe";
import { BOTH_STORES, openEventStore } from "./eventStore.js";
import { ESDB_NEEDS_KEYS, MEMORY_KEYS_ELSEWHERE, openKeyStore } from "./keyStore.js";
import { type RunningService, startService } from "./service.js";

/** Environment variables, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The settings read from the environment. */
export interface EnvironmentSettings {
  readonly port: number;
  readonly host: string;
  /** EventStoreDB's connection string (`TENFOLD_ESDB_URL`), when set and not blank. */
  readonly esdbUrl: string | undefined;
  /** PostgreSQL's connection string (`TENFOLD_PG_URL`), when set and not blank. */
  readonly pgUrl: string | undefined;
  /** PostgreSQL's connection string for the keys of personal data (`TENFOLD_KEYS_PG_URL`), when set and not blank: needed with EventStoreDB. */
  readonly keysPgUrl: string | undefined;
  /** The file of the log's signer key (`TENFOLD_LOG_KEY_FILE`), when set and not blank. */
  readonly logKeyFile: string | undefined;
}

/** The value of a variable, blank as unset. */
const setting = (env: Environment, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
};

/**
 * `PORT` (0–65535, 0: any free port; default 3000), `HOST` (default 127.0.0.1), and the store:
 * `TENFOLD_ESDB_URL` (EventStoreDB) or `TENFOLD_PG_URL` (PostgreSQL), not both; neither: in memory.
 * The keys of personal data: in memory with the in-memory store, in PostgreSQL's own database, or
 * in the PostgreSQL database of `TENFOLD_KEYS_PG_URL` (needed with EventStoreDB, which holds none).
 * `TENFOLD_LOG_KEY_FILE`: the log's signer key (what `tenfold keygen` writes), to publish the signed log.
 */
export const readEnvironment = (env: Environment): E.Either<string, EnvironmentSettings> => {
  const port = env["PORT"]?.trim() || "3000";
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535) return E.left(`PORT must be an integer from 0 to 65535, got "${port}"`);
  const esdbUrl = setting(env, "TENFOLD_ESDB_URL");
  const pgUrl = setting(env, "TENFOLD_PG_URL");
  const keysPgUrl = setting(env, "TENFOLD_KEYS_PG_URL");
  if (esdbUrl !== undefined && pgUrl !== undefined) return E.left(BOTH_STORES);
  if (esdbUrl !== undefined && keysPgUrl === undefined) return E.left(ESDB_NEEDS_KEYS);
  if (esdbUrl === undefined && pgUrl === undefined && keysPgUrl !== undefined) return E.left(MEMORY_KEYS_ELSEWHERE);
  return E.right({ port: Number(port), host: env["HOST"]?.trim() || "127.0.0.1", esdbUrl, pgUrl, keysPgUrl, logKeyFile: setting(env, "TENFOLD_LOG_KEY_FILE") });
};

/** The log's signer key from its file; Left with a message that names the file and never quotes the key. */
export const readLogKey = async (file: string): Promise<E.Either<string, SignerKey>> => {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return E.left(`TENFOLD_LOG_KEY_FILE (${file}): cannot be read (${code === "ENOENT" ? "no such file" : typeof code === "string" ? code : "unreadable"})`);
  }
  const key = parseSignerKey({ sha256: nodeSha256Digest, ed25519: nodeEd25519 }, text.trim());
  if (E.isLeft(key)) return E.left(`TENFOLD_LOG_KEY_FILE (${file}): not a signer key: ${describeNoteProblem(key.left)}`);
  if (key.right.type !== "ed25519") return E.left(`TENFOLD_LOG_KEY_FILE (${file}): "${key.right.name}" is a witness's cosigner key; the log signs with a key made by tenfold keygen without --witness`);
  return E.right(key.right);
};

/**
 * Destroys again the keys of subjects the log says were erased (a key store restored from a backup
 * must not bring their data back), and says what it did. A store that cannot be read now (EventStoreDB
 * connects lazily) is not a reason to refuse to start: the line says so, and the next start tries again.
 */
const reconcileErasures = async (store: EventStore): Promise<string> => {
  if (!("reconcileErasures" in store)) return "erasures: this store keeps no personal data";
  const done = await (store as PersonalDataStore).reconcileErasures()();
  if (E.isLeft(done)) return `erasures: not reconciled at start (${describeStoreError(done.left)}); the next start tries again`;
  return done.right.length === 0 ? "erasures: reconciled (no key of an erased subject was found)" : `erasures: reconciled, ${done.right.length} key(s) of erased subjects destroyed again (the key store had been restored)`;
};

/** Starts the service as the environment says, logging which event store and key store it uses (never a password); Left with a message a person reads. */
export const startFromEnvironment = async (
  env: Environment,
  container: DependencyContainer,
  log: (line: string) => void,
): Promise<E.Either<string, RunningService>> => {
  const settings = readEnvironment(env);
  if (E.isLeft(settings)) return settings;
  const logKey = settings.right.logKeyFile === undefined ? undefined : await readLogKey(settings.right.logKeyFile);
  if (logKey !== undefined && E.isLeft(logKey)) return logKey;
  const keyStore = await openKeyStore(settings.right);
  if (E.isLeft(keyStore)) return keyStore;
  const { keys } = keyStore.right;
  const opened = await openEventStore(settings.right, keys);
  if (E.isLeft(opened)) {
    await keyStore.right.close();
    return opened;
  }
  const { store, description } = opened.right;
  const close = async (): Promise<void> => {
    await opened.right.close();
    await keyStore.right.close();
  };
  log(`event store: ${description}`);
  log(`key store: ${keyStore.right.description}`);
  log(await reconcileErasures(store));
  const key = logKey === undefined ? undefined : logKey.right;
  if (key !== undefined) log(`signed log: checkpoints signed by ${formatVerifierKey(verifierOf(key))}`);
  try {
    return E.right(await startService({ container, store, keys, closeStore: close, logKey: key, port: settings.right.port, host: settings.right.host }));
  } catch (error) {
    await close();
    return E.left(`cannot listen on ${settings.right.host}:${settings.right.port}: ${error instanceof Error ? error.message : String(error)}`);
  }
};
