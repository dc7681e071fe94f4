import { EXIT, type CliIo, type ExitCode } from "./io.js";

// model

/**
 * Why a command stopped: a wrong command line (exit 2), a file that cannot be read or written
 * (exit 2), or a failure with the lines that explain it (exit 1).
 */
export type CliError =
  | { readonly _tag: "UsageError"; readonly command: string | null; readonly message: string }
  | { readonly _tag: "FileError"; readonly file: string; readonly reason: string }
  | { readonly _tag: "WriteError"; readonly file: string; readonly reason: string }
  | { readonly _tag: "Failure"; readonly lines: ReadonlyArray<string> };

// constructors

/** A wrong command line; `command` names the command whose help to point at (null: the top level). */
export const usageError = (command: string | null, message: string): CliError => ({ _tag: "UsageError", command, message });

/** A file that cannot be read, and why. */
export const fileError = (file: string, reason: string): CliError => ({ _tag: "FileError", file, reason });

/** A file that cannot be written, and why. */
export const writeError = (file: string, reason: string): CliError => ({ _tag: "WriteError", file, reason });

/** A failure explained by `lines`. */
export const failure = (...lines: ReadonlyArray<string>): CliError => ({ _tag: "Failure", lines });

// utils

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "a part of the path is not a directory",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many open files",
  EIO: "input/output error",
};

/** A short reason for a file-system error: `no such file`, `permission denied`, … */
export const describeFileSystemError = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code in REASONS) return REASONS[code] ?? code;
  return error instanceof Error ? error.message : String(error);
};

/** The exit code of an error. */
export const exitCodeOf = (error: CliError): ExitCode => (error._tag === "Failure" ? EXIT.problems : EXIT.usage);

/** Writes an error to stderr and returns its exit code. */
export const reportError = async (io: CliIo, error: CliError): Promise<ExitCode> => {
  switch (error._tag) {
    case "UsageError": {
      const where = error.command === null ? "tenfold" : `tenfold ${error.command}`;
      await io.stderr.write(`${where}: ${error.message}\nRun "${where} --help" for usage.\n`);
      break;
    }
    case "FileError":
      await io.stderr.write(`tenfold: cannot read ${error.file}: ${error.reason}\n`);
      break;
    case "WriteError":
      await io.stderr.write(`tenfold: cannot write ${error.file}: ${error.reason}\n`);
      break;
    case "Failure":
      await io.stderr.write(error.lines.map((line) => `${line}\n`).join(""));
      break;
  }
  return exitCodeOf(error);
};
