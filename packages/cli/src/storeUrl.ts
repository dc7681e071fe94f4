import { redactUrl } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";
import { type CliError, usageError } from "./CliError.js";

/*
 * The `--store` values the CLI takes, told apart without loading any adapter: EventStoreDB URLs,
 * PostgreSQL URLs (with an optional `schema` query parameter) and `pglite:PATH`. A value is only
 * ever echoed through {@link shownStoreUrl}, which hides its password.
 */

// model

/** What a `--store` value names: the adapter to open it with, and its arguments. */
export type StoreTarget =
  | { readonly _tag: "EventStoreDb"; readonly url: string }
  | { readonly _tag: "Postgres"; readonly url: string; readonly schema: string | undefined }
  | { readonly _tag: "Pglite"; readonly dataDir: string };

const ESDB = /^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\/./i;
const POSTGRES = /^postgres(ql)?:\/\/./i;
const PGLITE = /^pglite:/i;

/** What every form of `--store` looks like, for messages. */
export const STORE_FORMS = "kurrentdb://host:2113?tls=false (KurrentDB or EventStoreDB; esdb:// too), postgres://user:password@host:5432/database (PostgreSQL) or pglite:DIR (PostgreSQL embedded, in a directory)";

// constructors

/** The value as messages show it: core's `redactUrl`, with its password replaced by `***`. */
export const shownStoreUrl = (url: string): string => redactUrl(url);

/**
 * Splits the optional `schema` query parameter off a PostgreSQL URL (the driver would ignore it);
 * the query is the part after the first `?` that follows the last `@`. The URL is kept as given
 * when it has none. A `password` parameter (which the driver would use) is refused: the store
 * shows a URL with the password of its user information hidden, not with that one.
 */
const postgresTarget = (url: string): E.Either<string, StoreTarget> => {
  const question = url.indexOf("?", Math.max(url.lastIndexOf("@"), 0));
  if (question < 0) return E.right({ _tag: "Postgres", url, schema: undefined });
  const hash = url.indexOf("#", question);
  const query = new URLSearchParams(url.slice(question + 1, hash < 0 ? undefined : hash));
  if (query.has("password")) {
    return E.left(`"${shownStoreUrl(url.slice(0, question))}?…" gives a password as a query parameter, where it would be shown: put it in the URL (postgres://user:password@host/database) or in PGPASSWORD`);
  }
  const schema = query.get("schema");
  if (schema === null) return E.right({ _tag: "Postgres", url, schema: undefined });
  query.delete("schema");
  const rest = query.toString();
  return E.right({ _tag: "Postgres", url: `${url.slice(0, question)}${rest === "" ? "" : `?${rest}`}${hash < 0 ? "" : url.slice(hash)}`, schema });
};

/** The store a `--store` value names, or why it names none (a message that shows the value only redacted). */
export const storeTarget = (url: string): E.Either<string, StoreTarget> => {
  if (ESDB.test(url)) return E.right({ _tag: "EventStoreDb", url });
  if (POSTGRES.test(url)) return postgresTarget(url);
  if (PGLITE.test(url)) {
    const dataDir = url.slice("pglite:".length);
    if (dataDir === "") return E.left(`"pglite:" names no directory: expected pglite:DIR, e.g. pglite:./campaign-db`);
    if (dataDir.startsWith("//")) return E.left(`"${shownStoreUrl(url)}" is a URL, but pglite: takes a path: pglite:./campaign-db, or pglite:/absolute/dir`);
    return E.right({ _tag: "Pglite", dataDir });
  }
  if (/^memory:/i.test(url)) return E.left(`"${shownStoreUrl(url)}" is not a store URL: an in-memory store holds nothing to read; give --input FILE, or ${STORE_FORMS}`);
  return E.left(`"${shownStoreUrl(url)}" is not a store URL: expected ${STORE_FORMS}`);
};

/** A `--store` value that names an event store, or a usage error of `command` saying why not. */
export const storeUrl = (command: string, url: string): E.Either<CliError, string> =>
  E.bimap((reason: string) => usageError(command, `--store ${reason}`), () => url)(storeTarget(url));
