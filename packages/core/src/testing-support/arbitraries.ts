/* Test support: fast-check arbitraries of values and of single events (shape only, not history rules). */
import { fc } from "@fast-check/vitest";
import { EVENT_DATA, type EventType } from "../events/catalog.js";
import { CONTACT_KINDS } from "../values/ContactKind.js";
import { DEFAULT_CHECKLIST } from "../values/ChecklistItem.js";

const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-".split("");

export const idArb = fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 64 });
export const textArb = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 120 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);
export const dayArb = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
export const countArb = fc.nat({ max: 10_000 });
export const fenArb = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const uniqueIds = (minLength: number): fc.Arbitrary<string[]> => fc.uniqueArray(idArb, { minLength, maxLength: 5 });
const nullableId = fc.option(idArb, { nil: null });
const subsetOf = <T>(values: ReadonlyArray<T>): fc.Arbitrary<T[]> =>
  fc.shuffledSubarray([...values], { minLength: 1 });

/** Arbitraries of each field of each event's data (campaignId included). */
export const DATA_FIELDS: { readonly [T in EventType]: Record<string, fc.Arbitrary<unknown>> } = {
  CampaignLaunched: { name: textArb, organizer: textArb, launchedOn: dayArb, checklist: subsetOf(DEFAULT_CHECKLIST) },
  GroupFormed: { groupId: idArb, name: textArb, formedOn: dayArb },
  CadreEnrolled: {
    cadreId: idArb,
    name: textArb,
    groupId: idArb,
    role: fc.constantFrom("leader", "member"),
    leadershipTeam: fc.boolean(),
    enrolledOn: dayArb,
  },
  AssignmentMade: { groupId: idArb, contactId: idArb, contactKind: fc.constantFrom(...CONTACT_KINDS), contactName: textArb, assignedOn: dayArb },
  VisitConducted: {
    visitId: idArb,
    groupId: idArb,
    cadreIds: uniqueIds(1),
    contactIds: uniqueIds(0),
    setting: fc.constantFrom("village", "community", "enterprise", "other"),
    purposes: subsetOf(["talk", "condolence", "household-survey", "investigation", "community-activity"]),
    peopleMet: countArb,
    photos: countArb,
    occurredOn: dayArb,
  },
  DiaryWritten: { diaryId: idArb, cadreId: idArb, visitId: nullableId, title: textArb, writtenOn: dayArb },
  ReportWritten: { reportId: idArb, groupId: idArb, authorCadreIds: uniqueIds(1), title: textArb, writtenOn: dayArb },
  ProblemRaised: { problemId: idArb, groupId: idArb, contactId: nullableId, summary: textArb, raisedOn: dayArb },
  ProblemResolved: { problemId: idArb, resolution: textArb, resolvedByCadreIds: uniqueIds(1), resolvedOn: dayArb },
  FundDisbursed: {
    disbursementId: idArb,
    kind: fc.constantFrom("special-relief", "condolence", "other"),
    activityId: idArb,
    source: textArb,
    purpose: textArb,
    amountFen: fenArb,
    groupId: nullableId,
    contactId: nullableId,
    disbursedOn: dayArb,
  },
  InspectionHeld: { inspectionId: idArb, inspectorCadreId: idArb, groupId: idArb, findings: textArb, heldOn: dayArb },
  CampaignClosed: { summary: textArb, closedOn: dayArb },
  SubjectErased: { subject: fc.tuple(fc.constantFrom("cadre", "contact"), idArb).map(([kind, id]) => `${kind}:${id}`), requestRef: textArb, erasedOn: dayArb },
};

/** Any well-formed event `{type, data}` as plain JSON (valid by the codecs, not by the history rules). */
export const eventJsonArb: fc.Arbitrary<{ type: EventType; data: Record<string, unknown> }> = fc
  .constantFrom(...(Object.keys(EVENT_DATA) as EventType[]))
  .chain((type) => fc.record({ campaignId: idArb, ...DATA_FIELDS[type] }).map((data) => ({ type, data })));
