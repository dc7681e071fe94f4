import { createHash } from "node:crypto";
import type { Command } from "@tenfold/core";

/*
 * A campaign whose every personal field holds a marker found nowhere else (ASCII and Chinese), for
 * the canary tests of personal data: after the subjects are erased, no marker may appear in what a
 * store keeps, in any encoding.
 */

/** The markers of one canary campaign, by data subject. */
export interface CanaryCampaign {
  readonly campaignId: string;
  /** The commands that record it, in order, then the erasure of every subject. */
  readonly commands: ReadonlyArray<Command>;
  readonly erasures: ReadonlyArray<Command>;
  /** Every marker, with the subject whose personal value it is. */
  readonly markers: ReadonlyArray<{ readonly subject: string; readonly marker: string }>;
}

const command = (type: string, data: Record<string, unknown>): Command => ({ type, data }) as unknown as Command;

/** A canary campaign: two cadres, a poor household and a party member in difficulty, each with markers in every personal field. */
export const canaryCampaign = (run: string): CanaryCampaign => {
  const campaignId = `canary-${run}`;
  const m = (n: number, kind: string): string => `canary-${run}-${n}-${kind}-王小明家`;
  const c = (type: string, data: Record<string, unknown>): Command => command(type, { campaignId, ...data });
  const markers = [
    { subject: "cadre:c1", marker: m(1, "name") },
    { subject: "cadre:c2", marker: m(2, "name") },
    { subject: "contact:h1", marker: m(3, "household") },
    { subject: "contact:p1", marker: m(4, "member") },
    { subject: "cadre:c1", marker: m(5, "diary") },
    { subject: "contact:h1", marker: m(6, "problem") },
    { subject: "contact:h1", marker: m(7, "resolution") },
    { subject: "contact:p1", marker: m(8, "purpose") },
  ] as const;
  const at = (i: number): string => markers[i]?.marker ?? "";
  const commands = [
    c("LaunchCampaign", { name: "Ten ones", organizer: "Organisation department", launchedOn: "2013-03-01", checklist: ["poor-household", "party-member-in-difficulty"] }),
    c("FormGroup", { groupId: "g1", name: "Group one", formedOn: "2013-03-02" }),
    c("EnrollCadre", { cadreId: "c1", name: at(0), groupId: "g1", role: "leader", leadershipTeam: false, enrolledOn: "2013-03-03" }),
    c("EnrollCadre", { cadreId: "c2", name: at(1), groupId: "g1", role: "member", leadershipTeam: true, enrolledOn: "2013-03-03" }),
    c("MakeAssignment", { groupId: "g1", contactId: "h1", contactKind: "poor-household", contactName: at(2), assignedOn: "2013-03-04" }),
    c("MakeAssignment", { groupId: "g1", contactId: "p1", contactKind: "party-member-in-difficulty", contactName: at(3), assignedOn: "2013-03-04" }),
    c("ConductVisit", { visitId: "v1", groupId: "g1", cadreIds: ["c1", "c2"], contactIds: ["h1", "p1"], setting: "village", purposes: ["talk", "household-survey"], peopleMet: 4, photos: 2, occurredOn: "2013-03-10" }),
    c("WriteDiary", { diaryId: "d1", cadreId: "c1", visitId: "v1", title: at(4), writtenOn: "2013-03-11" }),
    c("RaiseProblem", { problemId: "pr1", groupId: "g1", contactId: "h1", summary: at(5), raisedOn: "2013-03-12" }),
    c("ResolveProblem", { problemId: "pr1", resolution: at(6), resolvedByCadreIds: ["c1"], resolvedOn: "2013-04-01" }),
    c("DisburseFund", { disbursementId: "f1", kind: "condolence", activityId: "a1", source: "Special fund", purpose: at(7), amountFen: 1_050_000, groupId: "g1", contactId: "p1", disbursedOn: "2013-04-02" }),
    c("DisburseFund", { disbursementId: "f2", kind: "special-relief", activityId: "a2", source: "Special fund", purpose: "Village culture stage", amountFen: 36_000_000, groupId: null, contactId: null, disbursedOn: "2013-04-03" }),
    c("HoldInspection", { inspectionId: "i1", inspectorCadreId: "c2", groupId: "g1", findings: "On track", heldOn: "2013-05-01" }),
    c("CloseCampaign", { summary: "Done", closedOn: "2013-12-31" }),
  ];
  const subjects = ["contact:h1", "cadre:c1", "contact:p1", "cadre:c2"];
  const erasures = subjects.map((subject, i) => c("EraseSubject", { subject, requestRef: `PIPL-2014-${i + 1}`, erasedOn: "2014-01-05" }));
  return { campaignId, commands, erasures, markers };
};

/** A marker as the bytes it would leave: UTF-8, UTF-16, base64 and hex of its UTF-8, and its unsalted SHA-256 (of the text and of its JSON). */
export const markerTraces = (marker: string): ReadonlyArray<{ readonly encoding: string; readonly bytes: Buffer }> => {
  const utf8 = Buffer.from(marker, "utf8");
  const sha = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");
  return [
    { encoding: "UTF-8", bytes: utf8 },
    { encoding: "UTF-16LE", bytes: Buffer.from(marker, "utf16le") },
    { encoding: "UTF-16BE", bytes: Buffer.from(marker, "utf16le").swap16() },
    { encoding: "base64", bytes: Buffer.from(utf8.toString("base64").replace(/=+$/, "")) },
    { encoding: "hex", bytes: Buffer.from(utf8.toString("hex")) },
    { encoding: "HEX", bytes: Buffer.from(utf8.toString("hex").toUpperCase()) },
    { encoding: "SHA-256", bytes: Buffer.from(sha(marker)) },
    { encoding: "SHA-256 of its JSON", bytes: Buffer.from(sha(JSON.stringify(marker))) },
  ];
};

/** Where any marker leaves a trace in `places`: `where: encoding of subject's marker`, none when clean. */
export const tracesIn = (
  places: ReadonlyArray<{ readonly where: string; readonly bytes: Uint8Array }>,
  markers: ReadonlyArray<{ readonly subject: string; readonly marker: string }>,
): ReadonlyArray<string> => {
  const found: string[] = [];
  for (const { subject, marker } of markers) {
    const traces = markerTraces(marker);
    for (const { where, bytes } of places) {
      const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (const trace of traces) if (haystack.includes(trace.bytes)) found.push(`${where}: ${trace.encoding} of ${subject}'s marker`);
    }
  }
  return found;
};
