import type * as t from "io-ts";

// model

/** One thing wrong with a decoded value: where (a field path such as `data.cadreIds[1]`) and what. */
export interface DecodeIssue {
  readonly path: string;
  readonly message: string;
}

/** A value that is not what was expected, with every issue found. */
export interface DecodeError {
  readonly _tag: "DecodeError";
  readonly issues: ReadonlyArray<DecodeIssue>;
}

// constructors

/** Builds a {@link DecodeError} from its issues. */
export const decodeError = (issues: ReadonlyArray<DecodeIssue>): DecodeError => ({ _tag: "DecodeError", issues });

/** A single-issue {@link DecodeError}. */
export const decodeIssue = (path: string, message: string): DecodeError => decodeError([{ path, message }]);

// utils

const pathOf = (context: t.Context, prefix: string): string => {
  let path = prefix;
  for (const entry of context.slice(1)) {
    const key = entry.key;
    path += /^\d+$/.test(key) ? `[${key}]` : path === "" ? key : `.${key}`;
  }
  return path === "" ? "(the value)" : path;
};

/**
 * Turns io-ts errors into issues a person reads, one per field path (the first reason wins).
 * `prefix` is prepended to every path (e.g. `"data"`).
 */
export const fromValidationErrors = (errors: t.Errors, prefix = ""): DecodeError => {
  const issues = new Map<string, string>();
  for (const error of errors) {
    const path = pathOf(error.context, prefix);
    if (issues.has(path)) continue;
    const missing = error.value === undefined && error.context.length > 1;
    const message = missing ? "is required" : (error.message ?? `expected ${error.context.at(-1)?.type.name ?? "a value"}`);
    issues.set(path, message);
  }
  return decodeError([...issues].map(([path, message]) => ({ path, message })));
};

/** One line per issue: `path: message`. */
export const formatDecodeError = (error: DecodeError): ReadonlyArray<string> =>
  error.issues.map((issue) => `${issue.path}: ${issue.message}`);
