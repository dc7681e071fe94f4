/*
 * Test support (not built into the package): terse builders of valid events for hand-made histories.
 * Each builder takes the fields that matter and fills the rest with plausible values.
 */
import * as E from "fp-ts/lib/Either.js";
import type { Command } from "../commands/catalog.js";
import { decodeCommand, decodeEvent } from "../decoding/decode.js";
import { formatDecodeError } from "../decoding/DecodeError.js";
import { eventToCommand } from "../commands/convert.js";
import type { CampaignEvent, EventType } from "../events/catalog.js";
import { DEFAULT_CHECKLIST } from "../values/ChecklistItem.js";

export const CAMPAIGN = "xining-2013";

/** Decodes an event literal, throwing on a mistake in the test itself. */
export const event = (type: EventType, data: Record<string, unknown>): CampaignEvent => {
  const decoded = decodeEvent({ type, data: { campaignId: CAMPAIGN, ...data } });
  if (E.isLeft(decoded)) throw new Error(`bad test event ${type}: ${formatDecodeError(decoded.left).join("; ")}`);
  return decoded.right;
};

/** Decodes a command literal, throwing on a mistake in the test itself. */
export const command = (type: Command["type"], data: Record<string, unknown>): Command => {
  const decoded = decodeCommand({ type, data: { campaignId: CAMPAIGN, ...data } });
  if (E.isLeft(decoded)) throw new Error(`bad test command ${type}: ${formatDecodeError(decoded.left).join("; ")}`);
  return decoded.right;
};

export const launched = (over: Record<string, unknown> = {}): CampaignEvent =>
  event("CampaignLaunched", {
    name: "Ten ones",
    organizer: "Organisation department",
    launchedOn: "2013-03-01",
    checklist: [...DEFAULT_CHECKLIST],
    ...over,
  });

export const formed = (groupId: string, formedOn = "2013-03-02", name = `Group ${groupId}`): CampaignEvent =>
  event("GroupFormed", { groupId, name, formedOn });

export const enrolled = (
  cadreId: string,
  groupId: string,
  over: { leadershipTeam?: boolean; role?: string; enrolledOn?: string } = {},
): CampaignEvent =>
  event("CadreEnrolled", {
    cadreId,
    name: `Cadre ${cadreId}`,
    groupId,
    role: over.role ?? "member",
    leadershipTeam: over.leadershipTeam ?? false,
    enrolledOn: over.enrolledOn ?? "2013-03-03",
  });

export const assigned = (contactId: string, groupId: string, contactKind: string, assignedOn = "2013-03-04"): CampaignEvent =>
  event("AssignmentMade", { groupId, contactId, contactKind, contactName: `Contact ${contactId}`, assignedOn });

export const visited = (
  visitId: string,
  groupId: string,
  cadreIds: ReadonlyArray<string>,
  over: { contactIds?: ReadonlyArray<string>; purposes?: ReadonlyArray<string>; setting?: string; peopleMet?: number; occurredOn?: string } = {},
): CampaignEvent =>
  event("VisitConducted", {
    visitId,
    groupId,
    cadreIds,
    contactIds: over.contactIds ?? [],
    setting: over.setting ?? "village",
    purposes: over.purposes ?? ["talk"],
    peopleMet: over.peopleMet ?? 5,
    photos: 2,
    occurredOn: over.occurredOn ?? "2013-03-10",
  });

export const diary = (diaryId: string, cadreId: string, visitId: string | null, writtenOn = "2013-03-11"): CampaignEvent =>
  event("DiaryWritten", { diaryId, cadreId, visitId, title: `Diary ${diaryId}`, writtenOn });

export const report = (reportId: string, groupId: string, authorCadreIds: ReadonlyArray<string>, writtenOn = "2013-06-01"): CampaignEvent =>
  event("ReportWritten", { reportId, groupId, authorCadreIds, title: `Report ${reportId}`, writtenOn });

export const raised = (problemId: string, groupId: string, contactId: string | null = null, raisedOn = "2013-03-12"): CampaignEvent =>
  event("ProblemRaised", { problemId, groupId, contactId, summary: `Problem ${problemId}`, raisedOn });

export const resolved = (problemId: string, resolvedByCadreIds: ReadonlyArray<string>, resolvedOn = "2013-04-01"): CampaignEvent =>
  event("ProblemResolved", { problemId, resolution: "Fixed", resolvedByCadreIds, resolvedOn });

export const disbursed = (
  disbursementId: string,
  over: { kind?: string; activityId?: string; amountFen?: number; groupId?: string | null; contactId?: string | null; disbursedOn?: string } = {},
): CampaignEvent =>
  event("FundDisbursed", {
    disbursementId,
    kind: over.kind ?? "condolence",
    activityId: over.activityId ?? "act-1",
    source: "Municipal bureau",
    purpose: "Relief",
    amountFen: over.amountFen ?? 100_000,
    groupId: over.groupId ?? null,
    contactId: over.contactId ?? null,
    disbursedOn: over.disbursedOn ?? "2013-05-01",
  });

export const inspected = (inspectionId: string, inspectorCadreId: string, groupId: string, heldOn = "2013-07-01"): CampaignEvent =>
  event("InspectionHeld", { inspectionId, inspectorCadreId, groupId, findings: "On track", heldOn });

export const closedEvent = (closedOn = "2013-12-31"): CampaignEvent => event("CampaignClosed", { summary: "Done", closedOn });

/** A small valid history: one group with a leader on the leadership team, a member, a contact and a visit. */
export const smallHistory = (): ReadonlyArray<CampaignEvent> => [
  launched(),
  formed("g1"),
  enrolled("lead", "g1", { leadershipTeam: true, role: "leader" }),
  enrolled("m1", "g1"),
  assigned("v1", "g1", "village"),
  visited("visit-1", "g1", ["m1"], { contactIds: ["v1"] }),
];

/** The command that records `recorded` (DOMAIN.md: a command's data is its event's). */
export const commandFor = (recorded: CampaignEvent): Command => eventToCommand(recorded);
