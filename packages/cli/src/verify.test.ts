import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeFileSystemError } from "./CliError.js";
import { line, MINI_HISTORY, MINI_HISTORY_WITH_ENVELOPES, ndjson, runCli, tempDir } from "./testing-support/harness.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await dir.remove();
});

/** MINI_HISTORY with some lines (1-based) replaced. */
const withLines = (replaced: Readonly<Record<number, string>>): ReadonlyArray<string> =>
  MINI_HISTORY.map((text, i) => replaced[i + 1] ?? text);

const verify = async (name: string, content: string | Uint8Array): Promise<{ file: string; code: number; stdout: string; stderr: string }> => {
  const file = await dir.write(name, content);
  return { file, ...(await runCli("verify", "--input", file)) };
};

describe("tenfold verify", () => {
  it("passes a clean history: exit 0 and only the summary", async () => {
    expect(await verify("clean.ndjson", ndjson(MINI_HISTORY))).toMatchObject({ code: 0, stdout: "19 lines, 0 problems\n", stderr: "" });
    expect(await verify("envelopes.ndjson", ndjson(MINI_HISTORY_WITH_ENVELOPES))).toMatchObject({ code: 0, stdout: "19 lines, 0 problems\n" });
  });

  it("reports a line that is not JSON, at its line, and goes on", async () => {
    const { file, code, stdout, stderr } = await verify("bad-json.ndjson", ndjson(withLines({ 3: '{"type": "GroupFormed", "data": {' })));
    expect(code).toBe(1);
    expect(stderr).toBe("");
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: \\(line\\): invalid JSON: `));
    // The lines that named group g2 (formed on line 3) are problems too; every other line passes.
    expect(lines.slice(1)).toEqual([
      `${file}:6: rule 3: group "g2" has not been formed`,
      `${file}:10: rule 3: group "g2" has not been formed`,
      `${file}:15: rule 3: group "g2" has not been formed`,
      `${file}:18: rule 3: group "g2" has not been formed`,
      "19 lines, 5 problems",
    ]);
  });

  it("reports schema errors as path: message, every issue of the line", async () => {
    const cadre = JSON.stringify({
      type: "CadreEnrolled",
      data: { campaignId: "c1", cadreId: "k 2", groupId: "g1", role: "boss", leadershipTeam: false, enrolledOn: "2013-02-30" },
    });
    const { file, code, stdout } = await verify("schema.ndjson", ndjson([MINI_HISTORY[0]!, cadre, '{"type":"Nope","data":{}}', "[1]"]));
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        `${file}:2: data.cadreId: expected an Id (1–64 characters from A–Z a–z 0–9 . _ -), got "k 2"; data.name: is required; ` +
          `data.role: expected one of leader | member, got "boss"; data.enrolledOn: 2013-02-30 is not a calendar date`,
        `${file}:3: type: expected an event type (CampaignLaunched, GroupFormed, CadreEnrolled, AssignmentMade, VisitConducted, ` +
          `DiaryWritten, ReportWritten, ProblemRaised, ProblemResolved, FundDisbursed, InspectionHeld, CampaignClosed, SubjectErased), got "Nope"`,
        `${file}:4: (the value): expected an event {"type", "data"}, got a list`,
        "4 lines, 3 problems",
        "",
      ].join("\n"),
    );
  });

  it("reports unknown fields and bad envelope fields", async () => {
    const launch = JSON.parse(MINI_HISTORY[0]!) as object;
    const { file, stdout } = await verify(
      "envelope.ndjson",
      ndjson([JSON.stringify({ ...launch, recordedAt: "yesterday" }), JSON.stringify({ ...launch, bogus: 1 }), JSON.stringify({ ...launch, schemaVersion: 3 }), JSON.stringify({ ...launch, schemaVersion: 2 })]),
    );
    expect(stdout).toBe(
      [
        `${file}:1: recordedAt: expected an ISO-8601 UTC instant (…T…Z), got "yesterday"`,
        `${file}:2: bogus: is not a field of an event`,
        `${file}:3: schemaVersion: schema version 3 is not supported (this version reads 2)`,
        `${file}:4: personal: is required of a schemaVersion 2 line (its personal fields, {} when none)`,
        "4 lines, 4 problems",
        "",
      ].join("\n"),
    );
  });

  it("reports each broken rule at its line, with the rule's number, against the lines accepted so far", async () => {
    const { file, code, stdout } = await verify(
      "rules.ndjson",
      ndjson(
        withLines({
          2: line("GroupFormed", { groupId: "g1", name: "Group one", formedOn: "2013-02-28" }),
          5: line("CadreEnrolled", { cadreId: "k1", name: "Again", groupId: "g1", role: "member", leadershipTeam: false, enrolledOn: "2013-03-03" }),
          14: line("ProblemResolved", { problemId: "p9", resolution: "?", resolvedByCadreIds: ["k2"], resolvedOn: "2013-05-01" }),
          18: line("InspectionHeld", { inspectionId: "i1", inspectorCadreId: "k3", groupId: "g2", findings: "Fine", heldOn: "2013-07-15" }),
        }),
      ),
    );
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        `${file}:2: rule 5: 2013-02-28 is before the campaign's launch on 2013-03-01`,
        // g1 was refused, so everything in it is refused too, each at its own line.
        `${file}:4: rule 3: group "g1" has not been formed`,
        `${file}:5: rule 3: group "g1" has not been formed`,
        `${file}:7: rule 3: group "g1" has not been formed`,
        `${file}:8: rule 3: group "g1" has not been formed`,
        `${file}:9: rule 3: group "g1" has not been formed`,
        `${file}:10: rule 4: cadre "k1" is not enrolled`,
        `${file}:11: rule 4: cadre "k2" is not enrolled`,
        `${file}:12: rule 3: group "g1" has not been formed`,
        `${file}:13: rule 3: group "g1" has not been formed`,
        `${file}:14: rule 4: problem "p9" has not been raised`,
        `${file}:16: rule 3: group "g1" has not been formed`,
        `${file}:18: rule 4: inspector "k3" is not on the leadership team`,
        "19 lines, 13 problems",
        "",
      ].join("\n"),
    );
  });

  it("reports rule 1 and rule 2 errors", async () => {
    const { file, stdout } = await verify(
      "lifecycle.ndjson",
      ndjson([MINI_HISTORY[1]!, MINI_HISTORY[0]!, MINI_HISTORY[0]!, MINI_HISTORY[1]!, MINI_HISTORY[1]!, MINI_HISTORY[18]!, MINI_HISTORY[2]!]),
    );
    expect(stdout).toBe(
      [
        `${file}:1: rule 1: campaign "c1" is not launched: its first event must be CampaignLaunched, not GroupFormed`,
        `${file}:3: rule 1: campaign "c1" is already launched`,
        `${file}:5: rule 2: group "g1" already exists`,
        `${file}:7: rule 1: campaign "c1" was closed on 2013-12-31; nothing more can be recorded`,
        "7 lines, 4 problems",
        "",
      ].join("\n"),
    );
  });

  it("reports an event id already given to an earlier line, as an import would refuse it; not with --chains-only", async () => {
    const id = (JSON.parse(MINI_HISTORY_WITH_ENVELOPES[2]!) as { eventId: string }).eventId;
    const lines = MINI_HISTORY_WITH_ENVELOPES.map((text, i) => (i === 6 ? text.replace(/"eventId":"[^"]+"/, `"eventId":"${id}"`) : text));
    const { file, code, stdout } = await verify("repeated-id.ndjson", ndjson(lines));
    expect({ code, stdout }).toEqual({ code: 1, stdout: `${file}:7: eventId: "${id}" is already the id of line 3\n19 lines, 1 problem\n` });
    expect((await runCli("verify", "--chains-only", "--input", file)).stdout).toBe("19 lines, 0 problems\n");
  });

  it("reports a line of another campaign, naming both ids and the line of the first", async () => {
    const other = MINI_HISTORY[1]!.replace('"c1"', '"c2"');
    const { file, stdout } = await verify("two-campaigns.ndjson", ndjson([MINI_HISTORY[0]!, other, MINI_HISTORY[1]!]));
    expect(stdout).toBe(
      `${file}:2: rule 1: this line is of campaign "c2", but the file is of campaign "c1" (line 1); one campaign per file\n` +
        "3 lines, 1 problem\n",
    );
  });

  it("reports blank lines in the middle; a final newline is normal", async () => {
    const { file, stdout } = await verify("blank.ndjson", `${MINI_HISTORY[0]!}\n\n   \n${MINI_HISTORY[1]!}\n\n`);
    expect(stdout).toBe(`${file}:2: empty line\n${file}:3: empty line\n${file}:5: empty line\n5 lines, 3 problems\n`);
  });

  it("checks the last line of a file without a final newline, and accepts CRLF line ends", async () => {
    const text = MINI_HISTORY.join("\r\n");
    expect(await verify("no-final-newline.ndjson", text)).toMatchObject({ code: 0, stdout: "19 lines, 0 problems\n" });
    const { file, stdout } = await verify("bad-last-line.ndjson", `${MINI_HISTORY[0]!}\n{"type":`);
    expect(stdout).toMatch(new RegExp(`:2: \\(line\\): invalid JSON: .*\\n2 lines, 1 problem\\n$`));
    expect(stdout.startsWith(`${file}:2: `)).toBe(true);
  });

  it("reports a line longer than 1 MiB without reading it, and bytes that are not UTF-8", async () => {
    const long = line("GroupFormed", { groupId: "g9", name: "x".repeat(1024 * 1024), formedOn: "2013-03-02" });
    const bytes = Buffer.concat([Buffer.from(`${MINI_HISTORY[0]!}\n${long}\n`), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from(`${MINI_HISTORY[1]!}\n`)]);
    const { file, code, stdout } = await verify("long.ndjson", bytes);
    expect(code).toBe(1);
    expect(stdout).toBe(
      `${file}:2: line is longer than 1 MiB (${Buffer.byteLength(long)} bytes); not read\n` +
        `${file}:3: line is not valid UTF-8\n4 lines, 2 problems\n`,
    );
  });

  it("never throws on odd input", async () => {
    const odd = ["null", "0", '"text"', "{}", '{"type":"GroupFormed"}', '{"type":"GroupFormed","data":null}', "\u0000", "{".repeat(100_000)];
    const { code, stdout } = await verify("odd.ndjson", ndjson(odd));
    expect(code).toBe(1);
    expect(stdout.trimEnd().split("\n")).toHaveLength(odd.length + 1);
    expect(stdout).toContain(`${odd.length} lines, ${odd.length} problems`);
  });
});

describe("tenfold verify on files it cannot use", () => {
  it("an empty file is an error: exit 1", async () => {
    const { file, code, stdout, stderr } = await verify("empty.ndjson", "");
    expect({ code, stdout, stderr }).toEqual({ code: 1, stdout: "", stderr: `${file} is empty\n` });
  });

  it("a missing file: exit 2, naming the file and the reason", async () => {
    const missing = `${dir.path}/missing.ndjson`;
    expect(await runCli("verify", "--input", missing)).toEqual({ code: 2, stdout: "", stderr: `tenfold: cannot read ${missing}: no such file\n` });
  });

  it("a directory: exit 2", async () => {
    expect(await runCli("verify", "--input", dir.path)).toEqual({ code: 2, stdout: "", stderr: `tenfold: cannot read ${dir.path}: is a directory\n` });
  });

  it("names file-system errors plainly", () => {
    expect(describeFileSystemError(Object.assign(new Error("EACCES: permission denied, open 'x'"), { code: "EACCES" }))).toBe("permission denied");
    expect(describeFileSystemError(Object.assign(new Error("ENOENT"), { code: "ENOENT" }))).toBe("no such file");
    expect(describeFileSystemError(new Error("something odd"))).toBe("something odd");
  });
});
