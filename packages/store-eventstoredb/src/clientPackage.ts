import { createRequire } from "node:module";
import * as E from "fp-ts/lib/Either.js";
import type { EventStoreClient } from "./client.js";
import type { ConnectionSettings } from "./connectionString.js";

/*
 * The client package a connection uses. Both are optional peer dependencies: the application
 * installs one, and `connectEventStoreDb` finds it (KurrentDB's first: it is the maintained one).
 * They are CommonJS packages, required synchronously, so connecting stays a plain Either.
 */

// model

/** The two client packages the store works with: KurrentDB's (maintained) and EventStoreDB's (no longer released). */
export type EventStoreDbClientPackage = "@kurrent/kurrentdb-client" | "@eventstore/db-client";

/** Neither client package is installed (or the one asked for is not). */
export interface ClientPackageMissing {
  readonly _tag: "ClientPackageMissing";
  readonly reason: string;
}

/** The TLS material of a connection, read from the files the connection string names. */
export interface ChannelCredentials {
  readonly insecure: boolean;
  readonly rootCertificate?: Buffer;
  readonly userCertFile?: Buffer;
  readonly userKeyFile?: Buffer;
}

/** What a client package is asked to make a client from. */
export interface ClientRequest {
  readonly settings: ConnectionSettings;
  readonly channel: ChannelCredentials;
  /** The client options both packages take (deadline, keep-alive, discovery…), `throwOnAppendFailure: true` among them. */
  readonly options: Readonly<Record<string, string | number | boolean>>;
}

/** A loaded client package: its name, and how it makes a client. */
export interface ClientMaker {
  readonly name: EventStoreDbClientPackage;
  readonly make: (request: ClientRequest) => EventStoreClient;
}

// constants

/** The order in which `connectEventStoreDb` looks for a client package. */
export const CLIENT_PACKAGES: ReadonlyArray<EventStoreDbClientPackage> = ["@kurrent/kurrentdb-client", "@eventstore/db-client"];

// utils

const require = createRequire(import.meta.url);

interface EventStoreDbModule {
  readonly EventStoreDBClient: new (connection: object, channel: ChannelCredentials, user?: { username: string; password: string }) => EventStoreClient;
}

interface KurrentDbModule {
  readonly KurrentDBClient: { connectionString(connectionString: string): EventStoreClient };
}

/**
 * KurrentDB's client has no public constructor: it is made from a connection string, which its
 * Rust bridge parses too. The string is rebuilt from the parsed settings (credentials percent-encoded,
 * file paths as given), so the bridge sees exactly what Tenfold checked.
 */
export const kurrentConnectionString = ({ settings, options }: ClientRequest): string => {
  const scheme = settings.kind === "discover" ? "kurrentdb+discover" : "kurrentdb";
  const { credentials } = settings;
  const user = credentials === undefined ? "" : `${encodeURIComponent(credentials.username)}:${encodeURIComponent(credentials.password)}@`;
  const hosts = settings.hosts.map((h) => `${h.address}:${h.port}`).join(",");
  const query: Array<[string, string]> = [["tls", String(settings.tls)]];
  for (const key of ["tlsCAFile", "userCertFile", "userKeyFile"] as const) {
    const path = settings[key];
    if (path !== undefined) query.push([key, path]);
  }
  for (const [key, value] of Object.entries(options)) query.push([key, String(value)]);
  return `${scheme}://${user}${hosts}?${query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}`;
};

const makers: Readonly<Record<EventStoreDbClientPackage, (module: unknown) => ClientMaker["make"]>> = {
  "@kurrent/kurrentdb-client": (module) => (request) => (module as KurrentDbModule).KurrentDBClient.connectionString(kurrentConnectionString(request)),
  "@eventstore/db-client":
    (module) =>
    ({ settings, channel, options }) => {
      const { EventStoreDBClient } = module as EventStoreDbModule;
      const [first] = settings.hosts;
      const where =
        settings.kind === "discover" ? { discover: first } : settings.kind === "gossip" ? { endpoints: [...settings.hosts] } : { endpoint: first };
      return new EventStoreDBClient({ ...options, ...where }, channel, settings.credentials && { ...settings.credentials });
    },
};

// constructors

const codeOf = (error: unknown): string => (error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : error instanceof Error ? error.name : "unknown error");

const isMissing = (error: unknown, name: string): boolean =>
  error instanceof Error && "code" in error && error.code === "MODULE_NOT_FOUND" && error.message.includes(`'${name}'`);

/**
 * The client package to use: the one asked for, or the first of {@link CLIENT_PACKAGES} that is
 * installed where `load` resolves packages (this package's own location, as the application installed it).
 */
export const loadClientPackage = (wanted?: EventStoreDbClientPackage, load: (name: string) => unknown = require): E.Either<ClientPackageMissing, ClientMaker> => {
  const candidates = wanted === undefined ? CLIENT_PACKAGES : [wanted];
  const unloadable: string[] = [];
  for (const name of candidates) {
    let module: unknown;
    try {
      module = load(name);
    } catch (error) {
      // Installed but not loadable (KurrentDB's native bridge missing for this platform, …): try the next one, and say so.
      if (!isMissing(error, name)) unloadable.push(`${name} is installed but cannot be loaded (${codeOf(error)})`);
      continue;
    }
    return E.right({ name, make: makers[name](module) });
  }
  const reason =
    unloadable.length > 0
      ? unloadable.join("; ")
      : wanted === undefined
        ? "no KurrentDB client is installed: add @kurrent/kurrentdb-client (or @eventstore/db-client) to the application's dependencies"
        : `${wanted} is not installed: add it to the application's dependencies`;
  return E.left({ _tag: "ClientPackageMissing", reason });
};
