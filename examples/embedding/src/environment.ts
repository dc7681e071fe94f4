import * as E from "fp-ts/lib/Either.js";
import type { DependencyContainer } from "tsyringe";
import { BOTH_STORES, openEventStore } from "./eventStore.js";
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
}

/** The value of a variable, blank as unset. */
const setting = (env: Environment, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
};

/**
 * `PORT` (0–65535, 0: any free port; default 3000), `HOST` (default 127.0.0.1), and the store:
 * `TENFOLD_ESDB_URL` (EventStoreDB) or `TENFOLD_PG_URL` (PostgreSQL), not both; neither: in memory.
 */
export const readEnvironment = (env: Environment): E.Either<string, EnvironmentSettings> => {
  const port = env["PORT"]?.trim() || "3000";
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535) return E.left(`PORT must be an integer from 0 to 65535, got "${port}"`);
  const esdbUrl = setting(env, "TENFOLD_ESDB_URL");
  const pgUrl = setting(env, "TENFOLD_PG_URL");
  if (esdbUrl !== undefined && pgUrl !== undefined) return E.left(BOTH_STORES);
  return E.right({ port: Number(port), host: env["HOST"]?.trim() || "127.0.0.1", esdbUrl, pgUrl });
};

/** Starts the service as the environment says, logging which store it uses; Left with a message a person reads. */
export const startFromEnvironment = async (
  env: Environment,
  container: DependencyContainer,
  log: (line: string) => void,
): Promise<E.Either<string, RunningService>> => {
  const settings = readEnvironment(env);
  if (E.isLeft(settings)) return settings;
  const opened = await openEventStore(settings.right);
  if (E.isLeft(opened)) return opened;
  const { store, close, description } = opened.right;
  log(`event store: ${description}`);
  try {
    return E.right(await startService({ container, store, closeStore: close, port: settings.right.port, host: settings.right.host }));
  } catch (error) {
    await close();
    return E.left(`cannot listen on ${settings.right.host}:${settings.right.port}: ${error instanceof Error ? error.message : String(error)}`);
  }
};
