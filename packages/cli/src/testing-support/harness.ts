import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_CHECKLIST, sequentialIds, steppingClock } from "@tenfold/core";
import type { CliIo } from "../io.js";
import { run } from "../run.js";

/** What a command run in-process wrote, and its exit code. */
export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The instant the test clock starts at: lines without recordedAt are stamped from it, one second apart. */
export const TEST_CLOCK_START = new Date("2030-01-01T00:00:00.000Z");

/** Random bytes that are not random: the n-th call gives n in its last bytes, so that salts are the same on every run. */
export const countingBytes = (): ((length: number) => Uint8Array) => {
  let n = 0;
  return (length) => {
    const bytes = new Uint8Array(length);
    let k = ++n;
    for (let i = length - 1; i >= 0 && k > 0; i--, k = Math.floor(k / 256)) bytes[i] = k % 256;
    return bytes;
  };
};

/** An io that captures both outputs, with a deterministic clock, ids and salts. */
export const captureIo = (): { readonly io: CliIo; readonly stdout: () => string; readonly stderr: () => string } => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (text) => void out.push(text) },
      stderr: { write: (text) => void err.push(text) },
      clock: steppingClock(TEST_CLOCK_START),
      ids: sequentialIds(),
      randomBytes: countingBytes(),
    },
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
};

/** Runs the CLI in-process on `argv`. */
export const runCli = async (...argv: ReadonlyArray<string>): Promise<Ran> => {
  const { io, stdout, stderr } = captureIo();
  const code = await run(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
};

/** A fresh temporary directory, and a way to write files into it and remove it. */
export const tempDir = async (): Promise<{
  readonly path: string;
  readonly write: (name: string, content: string | Uint8Array) => Promise<string>;
  readonly remove: () => Promise<void>;
}> => {
  const path = await mkdtemp(join(tmpdir(), "tenfold-cli-"));
  return {
    path,
    write: async (name, content) => {
      const file = join(path, name);
      await writeFile(file, content);
      return file;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
};

/** An NDJSON line of `{ type, data }`, plus envelope fields. */
export const line = (type: string, data: Record<string, unknown>, envelope: Record<string, unknown> = {}): string =>
  JSON.stringify({ type, data: { campaignId: "c1", ...data }, ...envelope });

/** Lines joined as an NDJSON file with a final newline. */
export const ndjson = (lines: ReadonlyArray<string>): string => lines.map((l) => `${l}\n`).join("");

const CHECKLIST = [...DEFAULT_CHECKLIST];

/**
 * A small valid history of campaign "c1", 19 lines (see the expected statistics in stats.test.ts).
 * Line numbers (1-based) are fixed: tests refer to them.
 */
export const MINI_HISTORY: ReadonlyArray<string> = [
  line("CampaignLaunched", { name: "Mini campaign", organizer: "Test department", launchedOn: "2013-03-01", checklist: CHECKLIST }),
  line("GroupFormed", { groupId: "g1", name: "Group one", formedOn: "2013-03-02" }),
  line("GroupFormed", { groupId: "g2", name: "Group two", formedOn: "2013-03-02" }),
  line("CadreEnrolled", { cadreId: "k1", name: "Leader", groupId: "g1", role: "leader", leadershipTeam: true, enrolledOn: "2013-03-02" }),
  line("CadreEnrolled", { cadreId: "k2", name: "Member", groupId: "g1", role: "member", leadershipTeam: false, enrolledOn: "2013-03-03" }),
  line("CadreEnrolled", { cadreId: "k3", name: "Idle", groupId: "g2", role: "member", leadershipTeam: false, enrolledOn: "2013-03-03" }),
  line("AssignmentMade", { groupId: "g1", contactId: "v1", contactKind: "village", contactName: "Village one", assignedOn: "2013-03-04" }),
  line("AssignmentMade", { groupId: "g1", contactId: "h1", contactKind: "poor-household", contactName: "Household one", assignedOn: "2013-03-04" }),
  line("VisitConducted", {
    visitId: "visit1", groupId: "g1", cadreIds: ["k1", "k2"], contactIds: ["v1", "h1"], setting: "village",
    purposes: ["talk", "household-survey"], peopleMet: 12, photos: 3, occurredOn: "2013-03-10",
  }),
  line("VisitConducted", {
    visitId: "visit2", groupId: "g2", cadreIds: ["k1"], contactIds: [], setting: "community",
    purposes: ["condolence"], peopleMet: 5, photos: 0, occurredOn: "2013-04-02",
  }),
  line("DiaryWritten", { diaryId: "d1", cadreId: "k2", visitId: "visit1", title: "A day in the village", writtenOn: "2013-03-11" }),
  line("ReportWritten", { reportId: "r1", groupId: "g1", authorCadreIds: ["k1", "k2"], title: "Research report", writtenOn: "2013-04-20" }),
  line("ProblemRaised", { problemId: "p1", groupId: "g1", contactId: "h1", summary: "Leaking roof", raisedOn: "2013-03-10" }),
  line("ProblemResolved", { problemId: "p1", resolution: "Roof mended", resolvedByCadreIds: ["k2"], resolvedOn: "2013-05-01" }),
  line("ProblemRaised", { problemId: "p2", groupId: "g2", contactId: null, summary: "Road repair", raisedOn: "2013-05-02" }),
  line("FundDisbursed", {
    disbursementId: "f1", kind: "special-relief", activityId: "a1", source: "Municipal bureau", purpose: "Culture stage",
    amountFen: 36_000_000, groupId: "g1", contactId: "v1", disbursedOn: "2013-06-01",
  }),
  line("FundDisbursed", {
    disbursementId: "f2", kind: "condolence", activityId: "a2", source: "Department", purpose: "Condolences",
    amountFen: 1_000_000, groupId: null, contactId: null, disbursedOn: "2013-07-01",
  }),
  line("InspectionHeld", { inspectionId: "i1", inspectorCadreId: "k1", groupId: "g2", findings: "On track", heldOn: "2013-07-15" }),
  line("CampaignClosed", { summary: "Done", closedOn: "2013-12-31" }),
];

/** `MINI_HISTORY` with an envelope on every line but the last: recordedAt on day `n` of August 2013 for line n. */
export const MINI_HISTORY_WITH_ENVELOPES: ReadonlyArray<string> = MINI_HISTORY.map((text, i) => {
  if (i === MINI_HISTORY.length - 1) return text;
  const envelope = {
    eventId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, "a")}`,
    recordedAt: `2013-08-${String(i + 1).padStart(2, "0")}T09:00:00.000Z`,
    metadata: { actor: "auditor", correlationId: null, causationId: null },
  };
  return JSON.stringify({ ...(JSON.parse(text) as object), ...envelope });
});
