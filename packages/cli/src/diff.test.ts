import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StatisticsDiff } from "./statisticsDiff.js";
import { runCli, sealedFile } from "./testing-support/audit.js";
import { MINI_HISTORY, MINI_HISTORY_WITH_ENVELOPES, ndjson, tempDir } from "./testing-support/harness.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
let raw: string;
let enveloped: string;
beforeAll(async () => {
  dir = await tempDir();
  raw = await dir.write("mini.ndjson", ndjson(MINI_HISTORY));
  enveloped = (await sealedFile(dir, "enveloped", MINI_HISTORY_WITH_ENVELOPES)).file;
});
afterAll(async () => {
  await dir.remove();
});

const diffJson = async (...argv: ReadonlyArray<string>): Promise<StatisticsDiff> => {
  const ran = await runCli("diff", ...argv, "--json");
  expect(ran.stderr).toBe("");
  return JSON.parse(ran.stdout) as StatisticsDiff;
};
const changes = (d: StatisticsDiff): Record<string, number> => Object.fromEntries(d.statistics.filter((s) => s.change !== 0).map((s) => [s.statistic, s.change]));

describe("tenfold diff", () => {
  it("between two business days: every statistic, and the checklist items done in between", async () => {
    const d = await diffJson("--input", raw, "--from", "2013-03-31", "--to", "2013-05-01");
    expect(changes(d)).toEqual({
      "visits.total": 1,
      "visits.bySetting.community": 1,
      "visits.peopleMet": 5,
      "visits.condolenceVisits": 1,
      reports: 1,
      "problems.resolved": 1,
      "problems.open": -1,
      "checklist.groups.g1.completed": 2,
    });
    expect(d.checklist).toEqual([{ groupId: "g1", name: "Group one", items: ["problem-solved", "research-report"] }]);
  });

  it("between two instants: what the system knew then", async () => {
    const d = await diffJson("--input", enveloped, "--from", "2013-08-10T00:00:00Z", "--to", "2013-08-12T00:00:00Z");
    expect(changes(d)).toEqual({ "visits.total": 1, "visits.bySetting.community": 1, "visits.peopleMet": 5, "visits.condolenceVisits": 1, diaries: 1 });
  });

  it("prints a table with the change column blank where nothing changed", async () => {
    const ran = await runCli("diff", "--input", raw, "--from", "2013-03-31", "--to", "2013-12-31");
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain("Campaign c1: 2013-03-31 → 2013-12-31\n");
    expect(ran.stdout).toMatch(/^ {2}Statistic +2013-03-31 +2013-12-31 +Change$/m);
    expect(ran.stdout).toMatch(/^ {2}Groups +2 +2$/m);
    expect(ran.stdout).toMatch(/^ {2}Funds \(yuan\) +0\.00 +370,000\.00 +\+370,000\.00$/m);
    expect(ran.stdout).toMatch(/^ {2}Problems open +1 +1$/m);
    expect(ran.stdout).toContain("Checklist items done in between\n  g1 Group one: problem-solved, research-report\n");
  });

  it("from before the launch counts from zero", async () => {
    const ran = await runCli("diff", "--input", raw, "--from", "2013-01-01", "--to", "2013-03-02");
    expect(ran.stdout).toContain("Campaign c1: 2013-01-01 → 2013-03-02 (not launched 2013-01-01)\n");
    expect(ran.stdout).toMatch(/^ {2}Groups +0 +2 +\+2$/m);
    expect((await runCli("diff", "--input", raw, "--from", "2013-01-01", "--to", "2013-02-01")).stderr).toBe(
      'No statistics for campaign "c1" as of 2013-02-01: it was launched on 2013-03-01. Nothing to show.\n',
    );
  });

  it.each([
    [["--from", "2013-03-01"], "missing --to DAY|INSTANT"],
    [["--from", "2013-03-01", "--to", "2013-04-01T00:00:00Z"], "--from and --to must both be days (YYYY-MM-DD) or both instants (ISO-8601 UTC, …T…Z)"],
    [["--from", "2013-02-30", "--to", "2013-04-01"], 'invalid --from "2013-02-30": 2013-02-30 is not a calendar date'],
    [["--from", "yesterday", "--to", "today"], 'invalid --from "yesterday": expected an ISO-8601 UTC instant (…T…Z), got "yesterday"'],
  ])("usage error %j", async (flags, message) => {
    expect(await runCli("diff", "--input", raw, ...flags)).toEqual({ code: 2, stdout: "", stderr: `tenfold diff: ${message}\nRun "tenfold diff --help" for usage.\n` });
  });
});
