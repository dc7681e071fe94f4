import { describe, expect, it } from "vitest";
import { DEMO_HELP, MAIN_HELP, STATS_HELP, VERIFY_HELP } from "./help.js";
import * as E from "fp-ts/lib/Either.js";
import { parseThreads } from "./preparedLines.js";
import { runCliWith } from "./testing-support/audit.js";
import { runCli } from "./testing-support/harness.js";

describe("help", () => {
  it.each([[["--help"]], [["-h"]], [["help"]], [["help", "--help"]]])("tenfold %j prints the main help on stdout", async (argv) => {
    const ran = await runCli(...argv);
    expect(ran).toEqual({ code: 0, stdout: MAIN_HELP, stderr: "" });
    expect(ran.stdout).toContain("Usage:\n  tenfold <command> [flags]");
    for (const command of ["demo", "stats", "verify"]) expect(ran.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(ran.stdout).toContain("Examples:");
  });

  it.each([
    ["demo", DEMO_HELP],
    ["stats", STATS_HELP],
    ["verify", VERIFY_HELP],
  ])("%s has its own help, by --help, -h and `help <command>`", async (command, text) => {
    for (const argv of [[command, "--help"], [command, "-h"], ["help", command]]) {
      expect(await runCli(...argv)).toEqual({ code: 0, stdout: text, stderr: "" });
    }
    expect(text).toMatch(new RegExp(`^Usage: tenfold ${command}`));
    expect(text).toContain("Examples:");
    expect(text).toContain("Exit codes:");
  });

  it("documents every flag of each command", () => {
    expect(DEMO_HELP).toContain("--json");
    for (const flag of ["--input", "--as-of", "--recorded-before", "--json"]) expect(STATS_HELP).toContain(flag);
    expect(VERIFY_HELP).toContain("--input");
  });

  it("is printed whatever TENFOLD_THREADS says; any other command is refused while it is not a number of threads", async () => {
    const threads = parseThreads("abc");
    if (E.isRight(threads)) throw new Error("abc is not a number of threads");
    const problem = { threadsProblem: threads.left };
    expect(await runCliWith(problem, "help")).toEqual({ code: 0, stdout: MAIN_HELP, stderr: "" });
    expect(await runCliWith(problem, "verify", "--help")).toEqual({ code: 0, stdout: VERIFY_HELP, stderr: "" });
    expect(await runCliWith(problem, "demo")).toEqual({
      code: 2,
      stdout: "",
      stderr: 'tenfold: TENFOLD_THREADS must be a whole number of worker threads from 0 to 64, or unset\nRun "tenfold --help" for usage.\n',
    });
  });

  it("--help wins over missing required flags", async () => {
    expect((await runCli("stats", "--json", "--help")).code).toBe(0);
  });
});

describe("usage errors: exit 2, a message and a hint on stderr, nothing on stdout", () => {
  it.each([
    [[], "tenfold: missing command (demo, stats, diff, report, export, verify, erase, migrate, heads, keygen, checkpoint, prove, verify-proof, consistency, cosign, witness, generate)", "tenfold"],
    [["frobnicate"], 'tenfold: unknown command "frobnicate" (commands: demo, stats, diff, report, export, verify, erase, migrate, heads, keygen, checkpoint, prove, verify-proof, consistency, cosign, witness, generate)', "tenfold"],
    [["--verbose"], "tenfold: unknown flag --verbose", "tenfold"],
    [["help", "frobnicate"], 'tenfold: unknown command "frobnicate" (commands: demo, stats, diff, report, export, verify, erase, migrate, heads, keygen, checkpoint, prove, verify-proof, consistency, cosign, witness, generate)', "tenfold"],
    [["help", "stats", "verify"], "tenfold: help takes at most one command, got 2", "tenfold"],
    [["demo", "--table"], "tenfold demo: unknown flag --table", "tenfold demo"],
    [["demo", "--json=yes"], "tenfold demo: --json takes no value", "tenfold demo"],
    [["demo", "extra"], 'tenfold demo: unexpected argument "extra"', "tenfold demo"],
    [["stats"], "tenfold stats: missing --input FILE", "tenfold stats"],
    [["stats", "--input"], "tenfold stats: --input needs a value", "tenfold stats"],
    [["stats", "--input="], "tenfold stats: --input needs a value", "tenfold stats"],
    [["stats", "--input", "--json"], "tenfold stats: --input needs a value", "tenfold stats"],
    [["stats", "-i", "f.ndjson", "--as-of"], "tenfold stats: --as-of needs a value", "tenfold stats"],
    [["stats", "-i", "f.ndjson", "-x"], "tenfold stats: unknown flag -x", "tenfold stats"],
    [["verify"], "tenfold verify: missing --input FILE", "tenfold verify"],
    [["verify", "--input", "a", "b"], 'tenfold verify: unexpected argument "b"', "tenfold verify"],
    [["verify", "--input", "a", "--json"], "tenfold verify: unknown flag --json", "tenfold verify"],
  ])("%j", async (argv, message, where) => {
    expect(await runCli(...argv)).toEqual({ code: 2, stdout: "", stderr: `${message}\nRun "${where} --help" for usage.\n` });
  });

  it.each([
    [["--as-of", "2013-02-30"], 'invalid --as-of "2013-02-30": 2013-02-30 is not a calendar date'],
    [["--as-of", "March"], 'invalid --as-of "March": expected a day as YYYY-MM-DD, got "March"'],
    [["--recorded-before", "2013-06-01"], 'invalid --recorded-before "2013-06-01": expected an ISO-8601 UTC instant (…T…Z), got "2013-06-01"'],
    [["--recorded-before", "2013-06-01T25:00:00Z"], 'invalid --recorded-before "2013-06-01T25:00:00Z": expected an ISO-8601 UTC instant'],
  ])("stats %j names the flag and the value, before reading the file", async (flags, message) => {
    const ran = await runCli("stats", "--input", "/no/such/file.ndjson", ...flags);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe("");
    expect(ran.stderr).toContain(`tenfold stats: ${message}`);
    expect(ran.stderr).toContain('Run "tenfold stats --help" for usage.');
  });
});
