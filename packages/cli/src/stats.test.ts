import type { CampaignStatistics } from "@tenfold/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { line, MINI_HISTORY, MINI_HISTORY_WITH_ENVELOPES, ndjson, runCli, tempDir } from "./testing-support/harness.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
let clean: string;
let enveloped: string;
beforeAll(async () => {
  dir = await tempDir();
  clean = await dir.write("clean.ndjson", ndjson(MINI_HISTORY));
  enveloped = await dir.write("enveloped.ndjson", ndjson(MINI_HISTORY_WITH_ENVELOPES));
});
afterAll(async () => {
  await dir.remove();
});

const statsJson = async (...argv: ReadonlyArray<string>): Promise<CampaignStatistics> => {
  const ran = await runCli("stats", ...argv, "--json");
  expect(ran.stderr).toBe("");
  expect(ran.code).toBe(0);
  return JSON.parse(ran.stdout) as CampaignStatistics;
};

const zeroKinds = {
  village: 0,
  "village-party-secretary": 0,
  "poor-household": 0,
  "party-member-in-difficulty": 0,
  "college-graduate-village-official": 0,
  community: 0,
  "non-public-enterprise-party-organization": 0,
};

describe("tenfold stats --json", () => {
  it("prints every statistic of a clean history, pretty-printed", async () => {
    const ran = await runCli("stats", "--input", clean, "--json");
    expect(ran.stdout).toMatch(/^\{\n {2}"campaignId": "c1",\n/);
    const s = await statsJson("--input", clean);
    expect(s.campaignId).toBe("c1");
    expect(s.name).toBe("Mini campaign");
    expect(s.launchedOn).toBe("2013-03-01");
    expect(s.closedOn).toBe("2013-12-31");
    expect(s.groups).toBe(2);
    expect(s.cadres).toEqual({ enrolled: 3, leadershipTeam: 1, active: 2 });
    expect(s.contacts).toEqual({ total: 2, byKind: { ...zeroKinds, village: 1, "poor-household": 1 } });
    expect(s.visits).toEqual({
      total: 2,
      bySetting: { village: 1, community: 1, enterprise: 0, other: 0 },
      peopleMet: 17,
      householdSurveys: 1,
      condolenceVisits: 1,
    });
    expect(s.diaries).toBe(1);
    expect(s.reports).toBe(1);
    expect(s.problems).toEqual({ raised: 2, resolved: 1, open: 1 });
    expect(s.inspections).toBe(1);
    expect(s.funds).toEqual({
      totalFen: 37_000_000,
      byKind: { "special-relief": 36_000_000, condolence: 1_000_000, other: 0 },
      activities: { "special-relief": 1, condolence: 1, other: 0 },
    });
    expect(s.checklist.items).toHaveLength(10);
    expect(s.checklist.completedGroups).toBe(0);
    expect(s.checklist.groups).toEqual([
      { groupId: "g1", name: "Group one", done: ["village", "poor-household", "household-survey", "problem-solved", "research-report"], completed: 5, of: 10 },
      { groupId: "g2", name: "Group two", done: [], completed: 0, of: 10 },
    ]);
  });

  it("gives the same statistics whether or not the lines carry envelopes", async () => {
    expect(await statsJson("--input", enveloped)).toEqual(await statsJson("--input", clean));
  });

  it("--as-of DAY counts the events dated on or before DAY", async () => {
    const s = await statsJson("--input", clean, "--as-of", "2013-03-31");
    expect(s.closedOn).toBeNull();
    expect(s.groups).toBe(2);
    expect(s.visits.total).toBe(1);
    expect(s.diaries).toBe(1);
    expect(s.reports).toBe(0);
    // ProblemRaised p1 (dated 03-10) comes after ReportWritten (04-20) in the file: still counted.
    expect(s.problems).toEqual({ raised: 1, resolved: 0, open: 1 });
    expect(s.funds.totalFen).toBe(0);
    expect(s.checklist.groups[0]?.done).toEqual(["village", "poor-household", "household-survey"]);
    expect(await statsJson("--input", clean, "--as-of", "2013-12-31")).toEqual(await statsJson("--input", clean));
  });

  it("--recorded-before INSTANT counts the events recorded before it, by each line's own recordedAt", async () => {
    // Line n was recorded on 2013-08-n at 09:00; line 12 and later were not recorded before noon on the 11th.
    const s = await statsJson("--input", enveloped, "--recorded-before", "2013-08-11T12:00:00Z");
    expect(s.visits.total).toBe(2);
    expect(s.diaries).toBe(1);
    expect(s.reports).toBe(0);
    expect(s.problems.raised).toBe(0);
    expect(s.closedOn).toBeNull();
    // The last line has no recordedAt: it is stamped with the test clock, in 2030.
    const all = await statsJson("--input", enveloped, "--recorded-before", "2029-12-31T23:59:59.999Z");
    expect(all.closedOn).toBeNull();
    expect(all.inspections).toBe(1);
    expect((await statsJson("--input", enveloped, "--recorded-before", "2030-01-01T00:00:01Z")).closedOn).toBe("2013-12-31");
  });

  it("--as-of and --recorded-before together: the events that pass both", async () => {
    const s = await statsJson("--input", enveloped, "--recorded-before", "2013-08-11T12:00:00Z", "--as-of", "2013-03-31");
    expect(s.visits.total).toBe(1);
    expect(s.problems.raised).toBe(0);
  });
});

describe("tenfold stats, the table", () => {
  it("prints headline numbers, funds in yuan and the checklist of each group", async () => {
    const ran = await runCli("stats", "--input", clean);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe("");
    expect(ran.stdout).toContain("Mini campaign\nCampaign c1: launched 2013-03-01, closed 2013-12-31\n");
    expect(ran.stdout).toMatch(/^ {2}Cadres +3 {2}enrolled; 1 on the leadership team, 2 active$/m);
    expect(ran.stdout).toMatch(/^ {2}Funds \(yuan\) +370,000\.00 {2}in 2 activities$/m);
    expect(ran.stdout).toMatch(/^ {2}special-relief +360,000\.00 +1$/m);
    expect(ran.stdout).toContain("Ten-ones checklist: 0 of 2 groups complete");
    expect(ran.stdout).toMatch(/^ {2}g1 +Group one +✓ +· +✓ +· +· +· +· +✓ +✓ +✓ +5\/10$/m);
    expect(ran.stdout).toMatch(/^ {2}g2 +Group two( +·){10} +0\/10$/m);
  });

  it("names the view under the title", async () => {
    const ran = await runCli("stats", "--input", clean, "--as-of", "2013-03-31");
    expect(ran.stdout).toContain("Campaign c1: launched 2013-03-01, not closed\nAs of 2013-03-31\n");
  });
});

describe("tenfold stats when nothing can be shown", () => {
  it("as of a day before the launch: says so, exit 1", async () => {
    expect(await runCli("stats", "--input", clean, "--as-of", "2013-02-28")).toEqual({
      code: 1,
      stdout: "",
      stderr: 'No statistics for campaign "c1" as of 2013-02-28: it was launched on 2013-03-01. Nothing to show.\n',
    });
  });

  it("with both views, names only the one that leaves the launch out", async () => {
    const ran = await runCli("stats", "--input", enveloped, "--as-of", "2013-02-28", "--recorded-before", "2013-09-01T00:00:00Z");
    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe(
      'No statistics for campaign "c1" as of 2013-02-28, recorded before 2013-09-01T00:00:00Z: it was launched on 2013-03-01. Nothing to show.\n',
    );
  });

  it("recorded before the launch was recorded: says so, exit 1", async () => {
    expect(await runCli("stats", "--input", enveloped, "--recorded-before", "2013-08-01T00:00:00Z")).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'No statistics for campaign "c1" recorded before 2013-08-01T00:00:00Z: its launch was recorded at 2013-08-01T09:00:00.000Z. Nothing to show.\n',
    });
  });
});

describe("tenfold stats stops at the first bad line and shows nothing", () => {
  const stopped = (file: string, lineNumber: number, message: string): string =>
    `${file}:${lineNumber}: ${message}\n` +
    `No statistics: stats stops at the first bad line. "tenfold verify --input ${file}" lists every problem.\n`;

  it("a broken rule", async () => {
    const lines = [...MINI_HISTORY];
    lines[5] = line("CadreEnrolled", { cadreId: "k3", name: "Lost", groupId: "g9", role: "member", leadershipTeam: false, enrolledOn: "2013-03-03" });
    lines[7] = "not json";
    const file = await dir.write("rule.ndjson", ndjson(lines));
    expect(await runCli("stats", "--input", file)).toEqual({ code: 1, stdout: "", stderr: stopped(file, 6, 'rule 3: group "g9" has not been formed') });
  });

  it("a line of another campaign names both ids and the line of the first", async () => {
    const lines = [...MINI_HISTORY];
    lines[9] = lines[9]!.replace('"c1"', '"c2"');
    const file = await dir.write("two-campaigns.ndjson", ndjson(lines));
    expect(await runCli("stats", "--input", file, "--json")).toEqual({
      code: 1,
      stdout: "",
      stderr: stopped(file, 10, 'rule 1: this line is of campaign "c2", but the file is of campaign "c1" (line 1); one campaign per file'),
    });
  });

  it("a schema error, a blank line, a repeated eventId", async () => {
    const schema = await dir.write("schema.ndjson", ndjson([MINI_HISTORY[0]!, '{"type":"GroupFormed","data":{"campaignId":"c1"}}']));
    expect((await runCli("stats", "-i", schema)).stderr).toContain(`${schema}:2: data.groupId: is required; data.name: is required; data.formedOn: is required\n`);
    const blank = await dir.write("blank.ndjson", `${MINI_HISTORY[0]!}\n\n${MINI_HISTORY[1]!}\n`);
    expect((await runCli("stats", "-i", blank)).stderr).toContain(`${blank}:2: empty line\n`);
    const repeated = MINI_HISTORY_WITH_ENVELOPES.map((text, i) => (i === 4 ? text.replace("aaaaaaaaaaa5", "aaaaaaaaaaa2") : text));
    const twice = await dir.write("twice.ndjson", ndjson(repeated));
    expect(await runCli("stats", "-i", twice)).toMatchObject({
      code: 1,
      stdout: "",
      stderr: stopped(twice, 5, 'eventId: "00000000-0000-4000-8000-aaaaaaaaaaa2" is already the id of line 2'),
    });
  });

  it("an empty file is an error; a missing file is exit 2", async () => {
    const empty = await dir.write("empty.ndjson", "");
    expect(await runCli("stats", "--input", empty)).toEqual({ code: 1, stdout: "", stderr: `${empty} is empty\n` });
    const missing = `${dir.path}/nope.ndjson`;
    expect(await runCli("stats", "--input", missing)).toEqual({ code: 2, stdout: "", stderr: `tenfold: cannot read ${missing}: no such file\n` });
  });
});
