import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { type FlagSpec, type Flags, parseFlags } from "./args.js";
import { type CliError, reportError, usageError } from "./CliError.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";

// model

/** A command of the CLI: its name, usage text, and how to run it on the arguments after its name. */
export interface Command {
  readonly name: string;
  readonly help: string;
  readonly run: (argv: ReadonlyArray<string>, io: CliIo) => Promise<ExitCode>;
}

const HELP_FLAG = { help: { type: "boolean", short: "h" } } as const;

// constructors

/**
 * A command from its flags and its work. `--help`/`-h` prints `help` and exits 0; a wrong
 * command line or a failure of the work is reported on stderr with its exit code.
 */
export const defineCommand = <F extends FlagSpec>(
  name: string,
  help: string,
  flags: F,
  work: (flags: Flags<F & typeof HELP_FLAG>, io: CliIo) => TE.TaskEither<CliError, ExitCode>,
): Command => ({
  name,
  help,
  run: async (argv, io) => {
    const parsed = parseFlags(name, argv, { ...flags, ...HELP_FLAG });
    if (E.isLeft(parsed)) return reportError(io, parsed.left);
    if ("help" in parsed.right && parsed.right.help === true) {
      await io.stdout.write(help);
      return EXIT.ok;
    }
    const result = await work(parsed.right, io)();
    return E.isLeft(result) ? reportError(io, result.left) : result.right;
  },
});

// utils

/** The value of a required flag, or a usage error naming it. */
export const required = (command: string, flag: string, value: string | undefined, what: string): E.Either<CliError, string> =>
  value === undefined ? E.left(usageError(command, `missing --${flag} ${what}`)) : E.right(value);
