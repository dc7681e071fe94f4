import { readFileSync } from "node:fs";
import { type ChannelCredentialOptions, EventStoreDBClient } from "@eventstore/db-client";
import type { PersonalDataStore } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import { type ConnectionSettings, type InvalidConnectionString, parseConnectionString, redactConnectionString } from "./connectionString.js";
import { makeStore } from "./EventStoreDbStore.js";
import type { EventStoreDbStoreOptions } from "./options.js";

// model

/** An open connection: its store, and `close`, which ends the store's subscriptions, cancels the calls under way and releases the connection. */
export interface EventStoreDbConnection {
  readonly store: PersonalDataStore;
  readonly close: () => Promise<void>;
  /** The connection string without credentials: safe to log. */
  readonly description: string;
}

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

const channelCredentials = (settings: ConnectionSettings): E.Either<InvalidConnectionString, ChannelCredentialOptions> => {
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

/**
 * @internal A client for the settings, made with the client's constructor (never its own parser,
 * which logs the connection string). Appends always throw on conflicts, as the store needs.
 */
export const clientFor = (settings: ConnectionSettings): E.Either<InvalidConnectionString, EventStoreDBClient> => {
  const credentials = channelCredentials(settings);
  if (E.isLeft(credentials)) return credentials;
  const { hosts, nodePreference, connectionName, defaultDeadline, keepAliveInterval, keepAliveTimeout } = settings;
  const common = {
    throwOnAppendFailure: true,
    ...(connectionName === undefined ? {} : { connectionName }),
    ...(defaultDeadline === undefined ? {} : { defaultDeadline }),
    ...(keepAliveInterval === undefined ? {} : { keepAliveInterval }),
    ...(keepAliveTimeout === undefined ? {} : { keepAliveTimeout }),
  };
  const discovery = {
    ...common,
    ...(nodePreference === undefined ? {} : { nodePreference }),
    ...(settings.maxDiscoverAttempts === undefined ? {} : { maxDiscoverAttempts: settings.maxDiscoverAttempts }),
    ...(settings.discoveryInterval === undefined ? {} : { discoveryInterval: settings.discoveryInterval }),
    ...(settings.gossipTimeout === undefined ? {} : { gossipTimeout: settings.gossipTimeout }),
  };
  const [first] = hosts;
  if (first === undefined) return fail("invalid EventStoreDB connection string: no host");
  try {
    const client =
      settings.kind === "discover"
        ? new EventStoreDBClient({ ...discovery, discover: first }, credentials.right, settings.credentials)
        : settings.kind === "gossip"
          ? new EventStoreDBClient({ ...discovery, endpoints: [...hosts] }, credentials.right, settings.credentials)
          : new EventStoreDBClient({ ...common, endpoint: first }, credentials.right, settings.credentials);
    return E.right(client);
  } catch (error) {
    // The constructor checks numbers only (deadlines, keep-alive), and says which.
    return fail(`invalid EventStoreDB connection string: ${error instanceof Error ? error.message.replace(/"[^"]*"/g, "") : "rejected by the client"}`);
  }
};

/**
 * Connects to EventStoreDB (KurrentDB) from a connection string: `esdb://host:2113?tls=false` for
 * one insecure local node, `esdb://user:password@host:2113` with TLS, or
 * `esdb+discover://user:password@cluster.example.com:2113` for a cluster. The connection is made
 * lazily, on the first call; an unreachable server shows as StoreUnavailable then. A string that
 * cannot be used is InvalidConnectionString, whose reason never repeats the string or its credentials.
 * The store's deadline defaults to the string's `defaultDeadline`.
 * @example
 * const connected = connectEventStoreDb("esdb://127.0.0.1:2113?tls=false");
 * if (E.isRight(connected)) { const { store, close } = connected.right; … await close(); }
 */
export const connectEventStoreDb = (
  connectionString: string,
  options: EventStoreDbStoreOptions = {},
): E.Either<InvalidConnectionString, EventStoreDbConnection> => {
  const parsed = parseConnectionString(connectionString);
  if (E.isLeft(parsed)) return parsed;
  const settings = parsed.right;
  const client = clientFor(settings);
  if (E.isLeft(client)) return client;
  const secrets = settings.credentials === undefined ? [] : [settings.credentials.password, `${settings.credentials.username}:${settings.credentials.password}`];
  const { store, closeSubscriptions } = makeStore(client.right, {
    ...options,
    deadlineMs: options.deadlineMs ?? settings.defaultDeadline,
    secrets: [...(options.secrets ?? []), ...secrets],
  });
  const close = async (): Promise<void> => {
    await closeSubscriptions();
    await client.right.dispose();
  };
  return E.right({ store, close, description: redactConnectionString(connectionString) });
};

/** A sentence a person reads. */
export const describeConnectionError = (error: InvalidConnectionString): string => error.reason;
