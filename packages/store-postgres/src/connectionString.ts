import * as E from "fp-ts/lib/Either.js";

/*
 * PostgreSQL connection strings (`postgres://user:password@host:5432/database?…`). Nothing here
 * ever repeats a password: a string is shown only through {@link redactConnectionString}.
 */

/** Why a connection string cannot be used; `reason` never holds the string's password. */
export interface InvalidConnectionString {
  readonly _tag: "InvalidConnectionString";
  readonly reason: string;
}

const SCHEME = /^postgres(ql)?:\/\//i;

/** Whether the string is a PostgreSQL URL (`postgres://…` or `postgresql://…`). */
export const isPostgresConnectionString = (url: string): boolean => SCHEME.test(url);

/**
 * The string with the password of its user information replaced by `***`, so a person still sees
 * the rest of it (`postgres://admin:***@db:5432/tenfold`). Everything up to the last `@` is taken
 * as user information, so a password holding `@`, `:`, `/` or `?` is hidden whole.
 */
export const redactConnectionString = (url: string): string => {
  const start = url.indexOf("://");
  if (start < 0) return url;
  const at = url.lastIndexOf("@");
  if (at < start) return url;
  const userInfo = url.slice(start + 3, at);
  const colon = userInfo.indexOf(":");
  const user = colon < 0 ? userInfo : userInfo.slice(0, colon);
  return `${url.slice(0, start + 3)}${user}${colon < 0 ? "" : ":***"}${url.slice(at)}`;
};

/** @internal The secrets a connection string holds (its password, plain and decoded), to redact from every message. */
export const secretsOf = (url: string): ReadonlyArray<string> => {
  const start = url.indexOf("://");
  const at = url.lastIndexOf("@");
  if (start < 0 || at < start) return [];
  const userInfo = url.slice(start + 3, at);
  const colon = userInfo.indexOf(":");
  if (colon < 0) return [];
  const password = userInfo.slice(colon + 1);
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // Not percent-encoding: the plain form is the secret.
  }
  return [password, decoded].filter((s) => s.length > 0);
};

/** @internal Checks that the string is a PostgreSQL URL that names a host; the reason shows it redacted. */
export const checkConnectionString = (url: string): E.Either<InvalidConnectionString, string> => {
  const shown = redactConnectionString(url);
  const fail = (reason: string): E.Either<InvalidConnectionString, never> => E.left({ _tag: "InvalidConnectionString", reason });
  if (!isPostgresConnectionString(url)) return fail(`"${shown}" is not a PostgreSQL connection string: expected postgres://user:password@host:5432/database`);
  const at = url.lastIndexOf("@");
  const hostPart = url.slice(at < 0 ? url.indexOf("://") + 3 : at + 1).split(/[/?#]/)[0] ?? "";
  const port = /:([^:\]]*)$/.exec(hostPart)?.[1];
  const host = port === undefined ? hostPart : hostPart.slice(0, hostPart.length - port.length - 1);
  if (host === "") return fail(`"${shown}" names no host: expected postgres://user:password@host:5432/database`);
  if (port !== undefined && !/^\d{1,5}$/.test(port)) return fail(`"${shown}" has a port that is not a number from 1 to 65535`);
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return fail(`"${shown}" has a port that is not a number from 1 to 65535`);
  return E.right(url);
};
