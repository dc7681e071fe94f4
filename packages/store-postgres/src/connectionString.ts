import { redactUrl } from "@tenfold/core/adapter";
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
 * The string with its password (of the user information, or a `password` query parameter)
 * replaced by `***`, so a person still sees the rest of it (`postgres://admin:***@db:5432/tenfold`):
 * core's `redactUrl`, which every Tenfold message uses.
 */
export const redactConnectionString = (url: string): string => redactUrl(url);

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
