import { readFileSync } from "node:fs";
import type { PersonalDataStore } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import type { EventStoreClient } from "./client.js";
import { type ChannelCredentials, type ClientPackageMissing, type EventStoreDbClientPackage, loadClientPackage } from "./clientPackage.js";
import { type ConnectionSettings, type InvalidConnectionString, parseConnectionString, redactConnectionString } from "./connectionString.js";
import { makeStore } from "./EventStoreDbStore.js";
import { type EventStoreDbStoreOptions, redactor } from "./options.js";

// model

/** An open connection: its store, and `close`, which ends the store's subscriptions, cancels the calls under way and releases the connection. */
export interface EventStoreDbConnection {
  readonly store: PersonalDataStore;
  readonly close: () => Promise<void>;
  /** The connection string without credentials: safe to log. */
  readonly description: string;
  /** The client package the connection goes through. */
  readonly clientPackage: EventStoreDbClientPackage;
}

/** Options of {@link connectEventStoreDb}: the store's, and which client package to use. */
export interface EventStoreDbConnectOptions extends EventStoreDbStoreOptions {
  /** The client package to connect through. @defaultValue the first installed of `@kurrent/kurrentdb-client` and `@eventstore/db-client` */
  readonly clientPackage?: EventStoreDbClientPackage;
}

/** Why a connection could not be made: the string cannot be used, or no client package is installed. */
export type ConnectError = InvalidConnectionString | ClientPackageMissing;

// constructors

const fail = (reason: string): E.Either<InvalidConnectionString, never> => E.left({ _tag: "InvalidConnectionString", reason });

const readFile = (settings: ConnectionSettings, key: "tlsCAFile" | "userCertFile" | "userKeyFile"): E.Either<InvalidConnectionString, Buffer | undefined> => {
  const path = settings[key];
  if (path === undefined) return E.right(undefined);
  try {
    return E.right(readFileSync(path));
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "unreadable";
    return fail(`cannot read the file that ${key} names (${code})`);
  }
};

const channelCredentials = (settings: ConnectionSettings): E.Either<InvalidConnectionString, ChannelCredentials> => {
  if (!settings.tls) return E.right({ insecure: true });
  if ((settings.userCertFile === undefined) !== (settings.userKeyFile === undefined)) {
    return fail("invalid EventStoreDB connection string: userCertFile and userKeyFile go together");
  }
  const ca = readFile(settings, "tlsCAFile");
  const cert = readFile(settings, "userCertFile");
  const key = readFile(settings, "userKeyFile");
  if (E.isLeft(ca)) return ca;
  if (E.isLeft(cert)) return cert;
  if (E.isLeft(key)) return key;
  return E.right({
    insecure: false,
    ...(ca.right === undefined ? {} : { rootCertificate: ca.right }),
    ...(cert.right === undefined || key.right === undefined ? {} : { userCertFile: cert.right, userKeyFile: key.right }),
  });
};

/** The client options of the settings that both packages take; appends always throw on conflicts, as the store needs. */
const clientOptions = (settings: ConnectionSettings): Readonly<Record<string, string | number | boolean>> => {
  const { connectionName, defaultDeadline, keepAliveInterval, keepAliveTimeout, nodePreference, maxDiscoverAttempts, discoveryInterval, gossipTimeout } = settings;
  const discovery = settings.kind === "single" ? {} : { nodePreference, maxDiscoverAttempts, discoveryInterval, gossipTimeout };
  const all: Record<string, string | number | boolean | undefined> = { throwOnAppendFailure: true, connectionName, defaultDeadline, keepAliveInterval, keepAliveTimeout, ...discovery };
  return Object.fromEntries(Object.entries(all).flatMap(([key, value]) => (value === undefined ? [] : [[key, value]])));
};

/**
 * @internal A client for the settings through the client package, made from the parsed settings
 * (never by the client's own parser from the user's string, which logs it and echoes it in errors).
 */
export const clientFor = (
  settings: ConnectionSettings,
  clientPackage?: EventStoreDbClientPackage,
): E.Either<ConnectError, { readonly client: EventStoreClient; readonly clientPackage: EventStoreDbClientPackage }> => {
  const channel = channelCredentials(settings);
  if (E.isLeft(channel)) return channel;
  if (settings.hosts.length === 0) return fail("invalid EventStoreDB connection string: no host");
  const maker = loadClientPackage(clientPackage);
  if (E.isLeft(maker)) return maker;
  const secrets = settings.credentials === undefined ? [] : [settings.credentials.password];
  try {
    return E.right({ client: maker.right.make({ settings, channel: channel.right, options: clientOptions(settings) }), clientPackage: maker.right.name });
  } catch (error) {
    // The clients check numbers (deadlines, keep-alive) and the string they are given; quoted values and credentials are cut out.
    const message = error instanceof Error ? redactor(secrets)(error.message.replace(/"[^"]*"|'[^']*'|\S+:\/\/\S*/g, "…")) : "rejected by the client";
    return fail(`invalid EventStoreDB connection string: ${message}`);
  }
};

/**
 * Connects to KurrentDB (EventStoreDB) from a connection string: `kurrentdb://host:2113?tls=false`
 * for one insecure local node, `kurrentdb://user:password@host:2113` with TLS, or
 * `kurrentdb+discover://user:password@cluster.example.com:2113` for a cluster (`esdb://` is the
 * same). It goes through `@kurrent/kurrentdb-client` when the application installed it, else
 * `@eventstore/db-client` (`clientPackage` picks one); with neither, ClientPackageMissing. The
 * connection is made lazily, on the first call; an unreachable server shows as StoreUnavailable
 * then. A string that cannot be used is InvalidConnectionString, whose reason never repeats the
 * string or its credentials. The store's deadline defaults to the string's `defaultDeadline`.
 * @example
 * const connected = connectEventStoreDb("kurrentdb://127.0.0.1:2113?tls=false");
 * if (E.isRight(connected)) { const { store, close } = connected.right; … await close(); }
 */
export const connectEventStoreDb = (
  connectionString: string,
  options: EventStoreDbConnectOptions = {},
): E.Either<ConnectError, EventStoreDbConnection> => {
  const parsed = parseConnectionString(connectionString);
  if (E.isLeft(parsed)) return parsed;
  const settings = parsed.right;
  const { clientPackage: wanted, ...storeOptions } = options;
  const made = clientFor(settings, wanted);
  if (E.isLeft(made)) return made;
  const { client, clientPackage } = made.right;
  const secrets = settings.credentials === undefined ? [] : [settings.credentials.password, `${settings.credentials.username}:${settings.credentials.password}`];
  const { store, closeSubscriptions } = makeStore(client, {
    ...storeOptions,
    deadlineMs: storeOptions.deadlineMs ?? settings.defaultDeadline,
    secrets: [...(storeOptions.secrets ?? []), ...secrets],
  });
  const close = async (): Promise<void> => {
    await closeSubscriptions();
    await client.dispose();
  };
  return E.right({ store, close, description: redactConnectionString(connectionString), clientPackage });
};

/** A sentence a person reads. */
export const describeConnectionError = (error: ConnectError): string => error.reason;
