import * as E from "fp-ts/lib/Either.js";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { type CliError, usageError } from "./CliError.js";

// model

/** The flags a command accepts, as `node:util` parseArgs describes them. */
export type FlagSpec = NonNullable<ParseArgsConfig["options"]>;

type Config<F extends FlagSpec> = { args: string[]; options: F; strict: true; allowPositionals: false };

/** The values parsed for `F`: strings and booleans, each possibly absent. */
export type Flags<F extends FlagSpec> = ReturnType<typeof parseArgs<Config<F>>>["values"];

// utils

const quoted = (message: string): string => /'([^']+)'/.exec(message)?.[1] ?? "";

const flagName = (message: string): string => /--[A-Za-z][\w-]*/.exec(message)?.[0] ?? quoted(message);

/** Turns a parseArgs error into the sentence we print; other errors are programmer errors and rethrown. */
const explain = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown flag ${quoted(message)}`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument "${quoted(message)}"`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return message.includes("does not take") ? `${flagName(message)} takes no value` : `${flagName(message)} needs a value`;
    default:
      throw error;
  }
};

// constructors

/**
 * Parses a command's flags strictly (node:util parseArgs): unknown flags, stray arguments,
 * missing or empty values are usage errors naming the flag.
 */
export const parseFlags = <F extends FlagSpec>(command: string, argv: ReadonlyArray<string>, options: F): E.Either<CliError, Flags<F>> => {
  let values: Flags<F>;
  try {
    values = parseArgs<Config<F>>({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return E.left(usageError(command, explain(error)));
  }
  for (const [name, value] of Object.entries(values)) {
    if (value === "") return E.left(usageError(command, `--${name} needs a value`));
  }
  return E.right(values);
};
