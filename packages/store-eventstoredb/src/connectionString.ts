import { redactUrl } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";

/*
 * Our own parser of EventStoreDB connection strings. The client's parser writes the whole string
 * (password included) into its error messages, its debug log and console warnings; this one
 * names only the part that is wrong, never a value.
 */

// model

/** A node's address and port. */
export interface EndPoint {
  readonly address: string;
  readonly port: number;
}

/** A user's name and password. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** Which node of a cluster the client connects to. */
export type NodePreference = "leader" | "follower" | "random" | "read_only_replica";

/** The schemes of a connection string: KurrentDB's (`kurrentdb`, `kurrent`, `kdb`) and EventStoreDB's (`esdb`), each with `+discover`. */
const SCHEME = /^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\//i;

/** A connection string that cannot be used; `reason` never contains the string or its credentials. */
export interface InvalidConnectionString {
  readonly _tag: "InvalidConnectionString";
  readonly reason: string;
}

/** What a connection string says. */
export interface ConnectionSettings {
  /** `esdb+discover://` (DNS discovery), several hosts (gossip seeds), or one node. */
  readonly kind: "discover" | "gossip" | "single";
  readonly hosts: ReadonlyArray<EndPoint>;
  readonly tls: boolean;
  readonly credentials?: Credentials;
  readonly tlsCAFile?: string;
  readonly userCertFile?: string;
  readonly userKeyFile?: string;
  readonly nodePreference?: NodePreference;
  readonly connectionName?: string;
  readonly defaultDeadline?: number;
  readonly keepAliveInterval?: number;
  readonly keepAliveTimeout?: number;
  readonly maxDiscoverAttempts?: number;
  readonly discoveryInterval?: number;
  readonly gossipTimeout?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const PREFERENCES: Readonly<Record<string, NodePreference>> = {
  leader: "leader",
  follower: "follower",
  random: "random",
  readonlyreplica: "read_only_replica",
};
const INTEGER_KEYS = ["defaultDeadline", "keepAliveInterval", "keepAliveTimeout", "maxDiscoverAttempts", "discoveryInterval", "gossipTimeout"] as const;
const PATH_KEYS = ["tlsCAFile", "userCertFile", "userKeyFile"] as const;
const KEYS: ReadonlyMap<string, string> = new Map(
  [...INTEGER_KEYS, ...PATH_KEYS, "tls", "tlsVerifyCert", "nodePreference", "connectionName", "throwOnAppendFailure"].map((k) => [flat(k), k]),
);

function flat(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, "");
}

// constructors

const invalid = (reason: string): E.Either<InvalidConnectionString, never> =>
  E.left({ _tag: "InvalidConnectionString", reason: `invalid EventStoreDB connection string: ${reason}` });

const decode = (part: string): string | undefined => {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
};

const parseHost = (host: string, index: number): E.Either<InvalidConnectionString, EndPoint> => {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host);
  const port = match?.[2] === undefined ? 2113 : Number(match[2]);
  if (match?.[1] === undefined || port < 1 || port > 65535) return invalid(`host ${index + 1} is not host[:port] with a port from 1 to 65535`);
  return E.right({ address: match[1], port });
};

const setOption = (settings: Mutable<ConnectionSettings>, rawKey: string, value: string): InvalidConnectionString | undefined => {
  const key = KEYS.get(flat(rawKey));
  const fail = (reason: string): InvalidConnectionString => ({ _tag: "InvalidConnectionString", reason: `invalid EventStoreDB connection string: ${reason}` });
  if (key === undefined) return fail(`unknown option "${rawKey.replace(/[^\w.-]/g, "?")}"`);
  const bool = value === "true" ? true : value === "false" ? false : undefined;
  if (key === "tls" || key === "tlsVerifyCert" || key === "throwOnAppendFailure") {
    if (bool === undefined) return fail(`${key} must be true or false`);
    if (key === "tls") settings.tls = bool;
    if (key === "tlsVerifyCert" && !bool) return fail("tlsVerifyCert=false is not supported by the Node client: give the CA with tlsCAFile");
    return undefined; // throwOnAppendFailure: the store always has the client throw, to read conflicts
  }
  if (key === "nodePreference") {
    const preference = PREFERENCES[flat(value)];
    if (preference === undefined) return fail("nodePreference must be leader, follower, random or readOnlyReplica");
    settings.nodePreference = preference;
    return undefined;
  }
  const decoded = decode(value);
  if (decoded === undefined) return fail(`${key} is not percent-encoded correctly`);
  if (key === "connectionName" || (PATH_KEYS as ReadonlyArray<string>).includes(key)) {
    settings[key as "connectionName" | (typeof PATH_KEYS)[number]] = decoded;
    return undefined;
  }
  if (!/^\d{1,9}$/.test(value) || (Number(value) === 0 && key !== "keepAliveInterval" && key !== "keepAliveTimeout")) {
    return fail(`${key} must be a positive whole number`);
  }
  settings[key as (typeof INTEGER_KEYS)[number]] = Number(value);
  return undefined;
};

/**
 * Parses `kurrentdb://[user:password@]host[:port][,host[:port]…][?key=value&…]` (several hosts:
 * gossip seeds of a cluster) or `kurrentdb+discover://[user:password@]host[:port][?…]` (a cluster
 * found by DNS); `esdb`, `kurrent` and `kdb` are the same as `kurrentdb`.
 * TLS is on unless `tls=false`. Options are those of EventStoreDB clients (`tls`, `tlsCAFile`,
 * `tlsVerifyCert`, `userCertFile`, `userKeyFile`, `nodePreference`, `connectionName`,
 * `defaultDeadline`, `keepAliveInterval`, `keepAliveTimeout`, `maxDiscoverAttempts`,
 * `discoveryInterval`, `gossipTimeout`), matched ignoring case, `-` and `_`.
 * @example
 * parseConnectionString("esdb://admin:changeit@localhost:2113?tls=false") // right({ kind: "single", hosts: [{ address: "localhost", port: 2113 }], tls: false, credentials: … })
 */
export const parseConnectionString = (connectionString: string): E.Either<InvalidConnectionString, ConnectionSettings> => {
  if (typeof connectionString !== "string") return invalid("expected a string");
  const match = /^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\/([^?#]*?)\/?(?:\?([^#]*))?$/i.exec(connectionString.trim());
  if (match === null) {
    return invalid("expected kurrentdb://[user:password@]host[:port][,host[:port]…][?key=value&…] or kurrentdb+discover://… (or esdb://…)");
  }
  const [, , plus, authority = "", query] = match;
  const at = authority.lastIndexOf("@");
  const endpoints: EndPoint[] = [];
  const settings: Mutable<ConnectionSettings> = { kind: "single", hosts: endpoints, tls: true };
  if (at >= 0) {
    const userInfo = authority.slice(0, at);
    const colon = userInfo.indexOf(":");
    const username = colon > 0 ? decode(userInfo.slice(0, colon)) : undefined;
    const password = colon > 0 ? decode(userInfo.slice(colon + 1)) : undefined;
    if (username === undefined || password === undefined || username === "" || password === "") {
      return invalid("the credentials must be username:password@ (each percent-encoded)");
    }
    settings.credentials = { username, password };
  }
  const hosts = authority.slice(at + 1);
  if (hosts === "") return invalid("no host");
  for (const [i, host] of hosts.split(",").entries()) {
    const endpoint = parseHost(host.trim(), i);
    if (E.isLeft(endpoint)) return endpoint;
    endpoints.push(endpoint.right);
  }
  for (const pair of query === undefined || query === "" ? [] : query.split("&")) {
    const eq = pair.indexOf("=");
    if (eq <= 0 || eq === pair.length - 1) return invalid("options must be key=value pairs joined by &");
    const problem = setOption(settings, pair.slice(0, eq), pair.slice(eq + 1));
    if (problem !== undefined) return E.left(problem);
  }
  const discover = plus !== undefined;
  settings.kind = discover ? "discover" : settings.hosts.length > 1 ? "gossip" : "single";
  if (discover && settings.hosts.length > 1) return invalid("+discover:// takes one DNS name (the cluster's), not a list of hosts");
  return E.right(settings);
};

/** Whether `text` looks like a KurrentDB or EventStoreDB connection string (`kurrentdb://…`, `esdb://…`, their `+discover` forms, `kurrent://`, `kdb://`). */
export const isEventStoreDbConnectionString = (text: string): boolean => SCHEME.test(text.trim());

/** The connection string with its password replaced by `***` (`esdb://admin:***@host:2113`): core's `redactUrl`, safe to log. */
export const redactConnectionString = (connectionString: string): string => redactUrl(connectionString);
