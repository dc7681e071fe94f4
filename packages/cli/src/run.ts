import { reportError, usageError } from "./CliError.js";
import type { Command } from "./command.js";
import { demoCommand } from "./demo.js";
import { diffCommand } from "./diff.js";
import { eraseCommand } from "./erase.js";
import { exportCommand } from "./export.js";
import { generateCommand } from "./generate.js";
import { headsCommand } from "./heads.js";
import { MAIN_HELP } from "./help.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { migrateCommand } from "./migrate.js";
import { reportCommand } from "./report.js";
import { proveCommand, verifyProofCommand } from "./proofCommands.js";
import { checkpointCommand, keygenCommand } from "./signedLog.js";
import { consistencyCommand, cosignCommand } from "./witnessCommands.js";
import { witnessCommand } from "./witnessServer.js";
import { statsCommand } from "./stats.js";
import { verifyCommand } from "./verify.js";

const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [demoCommand, statsCommand, diffCommand, reportCommand, exportCommand, verifyCommand, eraseCommand, migrateCommand, headsCommand, keygenCommand, checkpointCommand, proveCommand, verifyProofCommand, consistencyCommand, cosignCommand, witnessCommand, generateCommand].map((c) => [c.name, c]),
);

const unknown = (name: string): string =>
  name.startsWith("-") ? `unknown flag ${name}` : `unknown command "${name}" (commands: ${[...COMMANDS.keys()].join(", ")})`;

const help = async (io: CliIo, name: string | undefined): Promise<ExitCode> => {
  if (name === undefined) {
    await io.stdout.write(MAIN_HELP);
    return EXIT.ok;
  }
  const command = COMMANDS.get(name);
  if (command === undefined) return reportError(io, usageError(null, unknown(name)));
  await io.stdout.write(command.help);
  return EXIT.ok;
};

/**
 * Runs the tenfold command line `argv` (without node and the script) against `io`, and returns
 * the exit code: 0 success, 1 problems found or command failed, 2 usage error or unreadable file.
 * Never throws for a user's mistake.
 * @example
 * const code = await run(["verify", "--input", "history.ndjson"], { stdout, stderr });
 */
export const run = async (argv: ReadonlyArray<string>, io: CliIo): Promise<ExitCode> => {
  const [name, ...rest] = argv;
  if (name === undefined) return reportError(io, usageError(null, `missing command (${[...COMMANDS.keys()].join(", ")})`));
  if (name === "--help" || name === "-h") return help(io, undefined);
  if (name === "help") {
    if (rest.length > 1) return reportError(io, usageError(null, `help takes at most one command, got ${rest.length}`));
    const topic = rest[0];
    return help(io, topic === "--help" || topic === "-h" ? undefined : topic);
  }
  const command = COMMANDS.get(name);
  if (command === undefined) return reportError(io, usageError(null, unknown(name)));
  const asksHelp = rest.includes("--help") || rest.includes("-h");
  return io.threadsProblem === undefined || asksHelp ? command.run(rest, io) : reportError(io, usageError(null, io.threadsProblem));
};
