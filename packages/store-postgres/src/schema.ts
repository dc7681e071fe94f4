/*
 * Names in SQL. The store keeps its tables in one PostgreSQL schema of its own (`tenfold` unless
 * told otherwise); every statement names it, quoted, so nothing depends on `search_path`.
 */

/** The schema the store uses when none is given. */
export const DEFAULT_SCHEMA = "tenfold";

/** A schema name the store accepts: lowercase letters, digits and `_`, starting with a letter or `_`, at most 48 characters. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/** @internal The schema name, when it is one the store accepts; else throws a RangeError (a programmer error). */
export const checkSchemaName = (schema: unknown): string => {
  if (schema === undefined) return DEFAULT_SCHEMA;
  if (typeof schema === "string" && SCHEMA_NAME.test(schema)) return schema;
  throw new RangeError(
    `schema must be 1–48 lowercase letters, digits or "_", starting with a letter or "_", got ${typeof schema === "string" ? JSON.stringify(schema) : typeof schema}`,
  );
};

/** @internal The qualified, quoted names of the store's tables in `schema`, and its notification channel. */
export interface Names {
  readonly schema: string;
  readonly quoted: string;
  readonly migrations: string;
  readonly streams: string;
  readonly events: string;
  readonly positions: string;
  /** The subject keys of personal data (DOMAIN.md), apart from the events. */
  readonly subjectKeys: string;
  /** The channel appends NOTIFY and subscriptions LISTEN on. */
  readonly channel: string;
}

/** @internal The names of the store's tables in `schema` (already checked). */
export const namesOf = (schema: string): Names => {
  const quoted = `"${schema}"`;
  return {
    schema,
    quoted,
    migrations: `${quoted}.schema_migrations`,
    streams: `${quoted}.streams`,
    events: `${quoted}.events`,
    positions: `${quoted}.positions`,
    subjectKeys: `${quoted}.subject_keys`,
    channel: `${schema}.events`,
  };
};
