import type { CampaignEvent, DomainErrorTag, EntityKind } from "@tenfold/core";
import { event } from "../events/build.js";
import { addDays, daysBetween } from "../values/days.js";
import { cadreSubject, contactSubject } from "@tenfold/core/personal";
import {
  type Context,
  type MadeType,
  ensureCadre,
  ensureContact,
  ensureGroup,
  ensureProblem,
  ensureVisit,
  fresh,
  isErasedCadre,
  makers,
  record,
} from "./makers.js";
import { takenIds } from "./facts.js";

/*
 * One scenario per DomainError: given a valid, launched history (closed only for
 * CampaignAlreadyClosed and maybe CampaignMismatch; empty for CampaignNotLaunched), it records
 * what the break needs as setup, then makes an event that breaks exactly that rule: everything
 * the decider checks before it holds.
 */

/** @internal Makes the breaking event; `any` is an arbitrary well-formed event (never a launch). */
export type Scenario = (ctx: Context, any: CampaignEvent) => CampaignEvent;

const choose = <A>(ctx: Context, xs: ReadonlyArray<A>): A => xs[ctx.choose() % xs.length] as A;

const withCampaign = (e: CampaignEvent, campaignId: string): CampaignEvent => ({ ...e, data: { ...e.data, campaignId } }) as CampaignEvent;

/** The id field of each entity kind, with the event type that introduces it. */
const INTRODUCED_BY: ReadonlyArray<readonly [EntityKind, MadeType, string]> = [
  ["group", "GroupFormed", "groupId"],
  ["cadre", "CadreEnrolled", "cadreId"],
  ["contact", "AssignmentMade", "contactId"],
  ["visit", "VisitConducted", "visitId"],
  ["diary", "DiaryWritten", "diaryId"],
  ["report", "ReportWritten", "reportId"],
  ["problem", "ProblemRaised", "problemId"],
  ["disbursement", "FundDisbursed", "disbursementId"],
  ["inspection", "InspectionHeld", "inspectionId"],
];

const GROUP_REFERRING: ReadonlyArray<MadeType> = ["CadreEnrolled", "AssignmentMade", "VisitConducted", "ReportWritten", "ProblemRaised", "InspectionHeld", "FundDisbursed"];
const CADRE_REFERRING: ReadonlyArray<MadeType> = ["VisitConducted", "DiaryWritten", "ReportWritten", "ProblemResolved", "InspectionHeld", "SubjectErased"];
const MADE_TYPES: ReadonlyArray<MadeType> = INTRODUCED_BY.map(([, type]) => type).concat("ProblemResolved", "SubjectErased");

const idIn = (e: CampaignEvent, field: string): string => String((e.data as Readonly<Record<string, unknown>>)[field]);

/** A day from the launch (included) to `day` (excluded); `day` is after the launch. */
const before = (ctx: Context, day: string): string => addDays(ctx.facts.launchedOn, ctx.choose() % daysBetween(ctx.facts.launchedOn, day));

/** An erased cadre, erasing one (enrolled, or enrolled first) when there is none or by choice. */
const erasedCadre = (ctx: Context): string => {
  const erased = [...ctx.facts.cadres.keys()].filter((id) => isErasedCadre(ctx.facts, id));
  if (erased.length > 0 && ctx.choose() % 2 === 0) return choose(ctx, erased);
  const cadreId = ensureCadre(ctx, (c) => !isErasedCadre(ctx.facts, c.id));
  record(ctx, makers.SubjectErased(ctx, ctx.facts.latest, { cadreId }));
  return cadreId;
};

/** An erased contact and its group, erasing one (assigned, or assigned first) when there is none or by choice. */
const erasedContact = (ctx: Context): { readonly contactId: string; readonly groupId: string } => {
  const { contacts, erasures } = ctx.facts;
  const erased = [...contacts.values()].filter((k) => erasures.has(contactSubject(k.id)));
  if (erased.length > 0 && ctx.choose() % 2 === 0) {
    const { id, groupId } = choose(ctx, erased);
    return { contactId: id, groupId };
  }
  const { contactId, groupId } = record(ctx, makers.AssignmentMade(ctx, ctx.facts.latest)).data;
  record(ctx, makers.SubjectErased(ctx, ctx.facts.latest, { contactId }));
  return { contactId, groupId };
};

/** @internal The scenario of each DomainError. */
export const SCENARIOS: { readonly [T in DomainErrorTag]: Scenario } = {
  CampaignNotLaunched: (_ctx, any) => any,
  CampaignAlreadyLaunched: ({ facts }) =>
    event("CampaignLaunched", { campaignId: facts.campaignId, name: "Launched again", organizer: "Organisation department", launchedOn: facts.launchedOn, checklist: ["village"] }),
  CampaignAlreadyClosed: ({ facts }, any) => withCampaign(any, facts.campaignId),
  CampaignMismatch: ({ facts }, any) => withCampaign(any, facts.campaignId === "other-campaign" ? "another-campaign" : "other-campaign"),
  DuplicateId: (ctx) => {
    const [kind, type, field] = choose(ctx, INTRODUCED_BY);
    const taken = takenIds(ctx.facts, kind);
    const id = taken.length > 0 ? choose(ctx, taken) : idIn(record(ctx, makers[type](ctx, ctx.facts.latest)), field);
    return makers[type](ctx, ctx.facts.latest, { id });
  },
  GroupNotFound: (ctx) => {
    const cadreId = ensureCadre(ctx, () => true);
    return makers[choose(ctx, GROUP_REFERRING)](ctx, ctx.facts.latest, { groupId: fresh(ctx, "group"), cadreId, contactId: null });
  },
  CadreNotEnrolled: (ctx) => makers[choose(ctx, CADRE_REFERRING)](ctx, ctx.facts.latest, { cadreId: fresh(ctx, "cadre") }),
  CadreNotInGroup: (ctx) => {
    const cadreId = ensureCadre(ctx, (c) => !c.leadershipTeam);
    const groupId = ensureGroup(ctx, ctx.facts.cadres.get(cadreId)?.groupId);
    return makers.VisitConducted(ctx, ctx.facts.latest, { groupId, cadreId });
  },
  ContactNotAssigned: (ctx) => {
    const groupId = ensureGroup(ctx);
    const elsewhere = ctx.choose() % 2 === 0;
    const contactId = elsewhere ? ensureContact(ctx, ensureGroup(ctx, groupId)) : fresh(ctx, "contact");
    const type = choose(ctx, elsewhere ? (["VisitConducted", "ProblemRaised", "FundDisbursed"] as const) : (["VisitConducted", "ProblemRaised", "FundDisbursed", "SubjectErased"] as const));
    if (type === "SubjectErased") return makers.SubjectErased(ctx, ctx.facts.latest, { contactId });
    const withoutGroup = type === "FundDisbursed" && !elsewhere && ctx.choose() % 2 === 0;
    return withoutGroup ? makers.FundDisbursed(ctx, ctx.facts.latest, { contactId }) : makers[type](ctx, ctx.facts.latest, { groupId, contactId });
  },
  VisitNotFound: (ctx) => makers.DiaryWritten(ctx, ctx.facts.latest, { visitId: fresh(ctx, "visit") }),
  CadreNotOnVisit: (ctx) => {
    const visitId = ensureVisit(ctx);
    const on = ctx.facts.visits.get(visitId)?.cadreIds ?? [];
    return makers.DiaryWritten(ctx, ctx.facts.latest, { visitId, cadreId: ensureCadre(ctx, (c) => !on.includes(c.id)) });
  },
  ProblemNotFound: (ctx) => makers.ProblemResolved(ctx, ctx.facts.latest, { problemId: fresh(ctx, "problem") }),
  ProblemAlreadyResolved: (ctx) => makers.ProblemResolved(ctx, ctx.facts.latest, { problemId: ensureProblem(ctx, true) }),
  InspectorNotOnLeadershipTeam: (ctx) => makers.InspectionHeld(ctx, ctx.facts.latest, { cadreId: ensureCadre(ctx, (c) => !c.leadershipTeam) }),
  DateBeforeLaunch: (ctx) => {
    const day = addDays(ctx.facts.launchedOn, -1 - (ctx.choose() % 30));
    const type = choose(ctx, [...MADE_TYPES, "CampaignClosed"] as const);
    return type === "CampaignClosed" ? event(type, { campaignId: ctx.facts.campaignId, summary: "Closed early", closedOn: day }) : makers[type](ctx, day);
  },
  ClosedBeforeRecordedDate: (ctx) => {
    const { facts } = ctx;
    if (facts.latest === facts.launchedOn) record(ctx, makers.GroupFormed(ctx, addDays(facts.launchedOn, 1 + (ctx.choose() % 10))));
    return event("CampaignClosed", { campaignId: facts.campaignId, summary: "Closed too early", closedOn: before(ctx, facts.latest) });
  },
  DateBeforeReference: (ctx) => {
    const late = addDays(ctx.facts.latest, 1 + (ctx.choose() % 10));
    switch (ctx.choose() % 6) {
      case 0: {
        const groupId = record(ctx, makers.GroupFormed(ctx, late)).data.groupId;
        return makers[choose(ctx, GROUP_REFERRING)](ctx, before(ctx, late), { groupId, contactId: null });
      }
      case 1:
        return makers.DiaryWritten(ctx, before(ctx, late), { cadreId: record(ctx, makers.CadreEnrolled(ctx, late)).data.cadreId });
      case 2: {
        const { groupId, contactId } = record(ctx, makers.AssignmentMade(ctx, late)).data;
        return makers.ProblemRaised(ctx, before(ctx, late), { groupId, contactId });
      }
      case 3:
        return makers.DiaryWritten(ctx, before(ctx, late), { visitId: record(ctx, makers.VisitConducted(ctx, late)).data.visitId });
      case 4:
        return makers.ProblemResolved(ctx, before(ctx, late), { problemId: record(ctx, makers.ProblemRaised(ctx, late)).data.problemId });
      default: {
        const subject =
          ctx.choose() % 2 === 0 ? cadreSubject(record(ctx, makers.CadreEnrolled(ctx, late)).data.cadreId) : contactSubject(record(ctx, makers.AssignmentMade(ctx, late)).data.contactId);
        return makers.SubjectErased(ctx, before(ctx, late), { subject });
      }
    }
  },
  SubjectAlreadyErased: (ctx) => {
    const erased = [...ctx.facts.erasures.keys()];
    const subject = erased.length > 0 && ctx.choose() % 2 === 0 ? choose(ctx, erased) : record(ctx, makers.SubjectErased(ctx, ctx.facts.latest)).data.subject;
    return makers.SubjectErased(ctx, ctx.facts.latest, { subject });
  },
  PersonalDataOfErasedSubject: (ctx) => {
    const { latest } = ctx.facts;
    switch (ctx.choose() % 4) {
      case 0:
        return makers.DiaryWritten(ctx, latest, { cadreId: erasedCadre(ctx), visitId: null });
      case 1:
        return makers.ProblemRaised(ctx, latest, erasedContact(ctx));
      case 2: {
        const { contactId, groupId } = erasedContact(ctx);
        return makers.FundDisbursed(ctx, latest, ctx.choose() % 2 === 0 ? { contactId, groupId } : { contactId });
      }
      default: {
        // A problem raised about a contact before its erasure: its resolution is the contact's personal data.
        const { groupId, contactId } = record(ctx, makers.AssignmentMade(ctx, latest)).data;
        const problemId = record(ctx, makers.ProblemRaised(ctx, latest, { groupId, contactId })).data.problemId;
        record(ctx, makers.SubjectErased(ctx, latest, { contactId }));
        return makers.ProblemResolved(ctx, latest, { problemId });
      }
    }
  },
};
