import { describe, expect, it } from "vitest";
import { MAIN_HELP, STATS_HELP, VERIFY_HELP } from "./help.js";
import { DIFF_HELP, EXPORT_HELP, HEADS_HELP, REPORT_HELP } from "./helpAudit.js";
import { ERASE_HELP, MIGRATE_HELP } from "./helpPersonal.js";
import { runCli } from "./testing-support/harness.js";

describe("help of the audit commands", () => {
  it.each([
    ["export", EXPORT_HELP, ["--input", "--store", "--out", "--personal", "include", "omit", "encrypted", "--keys"]],
    ["erase", ERASE_HELP, ["--input", "--keys", "--store", "--campaign", "--subject", "--request-ref", "--on", "contact:", "cadre:"]],
    ["migrate", MIGRATE_HELP, ["--input", "--out", "--keys", "causationId"]],
    ["heads", HEADS_HELP, ["--input", "--store", "--out"]],
    ["diff", DIFF_HELP, ["--input", "--store", "--campaign", "--from", "--to", "--json"]],
    ["report", REPORT_HELP, ["--input", "--store", "--campaign", "--as-of", "--recorded-before", "--heads", "--checkpoint", "--vkey", "--witness", "--quorum", "--out"]],
  ] as const)("%s: by --help and `help %s`, with usage, every flag, examples and exit codes", async (command, text, flags) => {
    for (const argv of [[command, "--help"], [command, "-h"], ["help", command]]) expect(await runCli(...argv)).toEqual({ code: 0, stdout: text, stderr: "" });
    expect(text).toMatch(new RegExp(`^Usage: tenfold ${command}`));
    for (const flag of flags) expect(text).toContain(flag);
    expect(text).toContain("Examples:");
    expect(text).toContain("Exit codes:");
    expect(MAIN_HELP).toMatch(new RegExp(`^  ${command} `, "m"));
  });

  it("stats and verify tell of their new flags", () => {
    for (const flag of ["--store", "--campaign"]) expect(STATS_HELP).toContain(flag);
    expect(VERIFY_HELP).toContain("--heads");
    expect(VERIFY_HELP).toContain("personal.FIELD.commitment");
    expect(STATS_HELP).toContain("--keys DIR");
    expect(REPORT_HELP).toContain("[erased]");
  });
});
