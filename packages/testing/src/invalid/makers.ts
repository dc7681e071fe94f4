import type { CampaignEvent, EntityKind, EventOf, EventType } from "@tenfold/core";
import { cadreSubject, contactSubject } from "@tenfold/core/personal";
import { event } from "../events/build.js";
import { type CadreFact, type Facts, isTaken, learn } from "./facts.js";

/*
 * Makers of valid next events for a history, each given what it should refer to or making it
 * first: the prerequisites become setup events recorded before the rule break. Setup events are
 * dated on the latest date recorded, so they refer to nothing later than themselves.
 */

/** @internal A history being extended, and a source of choices. */
export interface Context {
  readonly facts: Facts;
  readonly setup: CampaignEvent[];
  /** The next choice: any natural number. */
  readonly choose: () => number;
  /** Fresh ids made so far. */
  serial: number;
}

/** @internal What a maker should use; it makes up or makes first what is not given. */
export interface Use {
  readonly id?: string;
  readonly groupId?: string;
  readonly cadreId?: string;
  readonly contactId?: string | null;
  readonly visitId?: string | null;
  readonly problemId?: string;
  readonly leadershipTeam?: boolean;
  /** The data subject of an erasure. */
  readonly subject?: string;
}

/** @internal A maker of a valid next event dated `day`. */
export type Maker<T extends EventType> = (ctx: Context, day: string, use?: Use) => EventOf<T>;

/** @internal Records a setup event. */
export const record = <E extends CampaignEvent>(ctx: Context, e: E): E => {
  ctx.setup.push(e);
  learn(ctx.facts, e);
  return e;
};

/** @internal An id of the kind no event has used. */
export const fresh = (ctx: Context, kind: EntityKind): string => {
  for (;;) {
    const id = `rb-${kind}-${ctx.serial++}`;
    if (!isTaken(ctx.facts, kind, id)) return id;
  }
};

const choose = <A>(ctx: Context, xs: ReadonlyArray<A>): A | undefined => xs[ctx.choose() % Math.max(1, xs.length)];

/** @internal A formed group other than `except`, forming one when there is none. */
export const ensureGroup = (ctx: Context, except?: string): string =>
  choose(ctx, [...ctx.facts.groups.keys()].filter((g) => g !== except)) ?? record(ctx, makers.GroupFormed(ctx, ctx.facts.latest)).data.groupId;

/** @internal An enrolled cadre satisfying `test`, enrolling one like `like` when there is none. */
export const ensureCadre = (ctx: Context, test: (c: CadreFact) => boolean, like: Use = {}): string =>
  choose(ctx, [...ctx.facts.cadres.values()].filter(test))?.id ??
  record(ctx, makers.CadreEnrolled(ctx, ctx.facts.latest, like)).data.cadreId;

/** @internal A contact assigned to `groupId`, assigning one when there is none. */
export const ensureContact = (ctx: Context, groupId: string): string =>
  choose(ctx, [...ctx.facts.contacts.values()].filter((k) => k.groupId === groupId))?.id ??
  record(ctx, makers.AssignmentMade(ctx, ctx.facts.latest, { groupId })).data.contactId;

/** @internal A visit, conducting one when there is none. */
export const ensureVisit = (ctx: Context): string =>
  choose(ctx, [...ctx.facts.visits.keys()]) ?? record(ctx, makers.VisitConducted(ctx, ctx.facts.latest)).data.visitId;

/** @internal A problem, resolved or open as asked, raising (and resolving) one when there is none. */
export const ensureProblem = (ctx: Context, resolved: boolean): string => {
  const found = choose(ctx, [...ctx.facts.problems.values()].filter((p) => p.resolved === resolved));
  if (found !== undefined) return found.id;
  const problemId = record(ctx, makers.ProblemRaised(ctx, ctx.facts.latest)).data.problemId;
  if (resolved) record(ctx, makers.ProblemResolved(ctx, ctx.facts.latest, { problemId }));
  return problemId;
};

const isLeader = (c: CadreFact): boolean => c.leadershipTeam;

/** @internal Whether a cadre's personal data is erased. */
export const isErasedCadre = (facts: Facts, cadreId: string): boolean => facts.erasures.has(cadreSubject(cadreId));

/** @internal A data subject not yet erased: an enrolled cadre or an assigned contact, enrolling or assigning one when there is none. */
export const ensureSubject = (ctx: Context): string => {
  if (ctx.choose() % 2 === 0) return cadreSubject(ensureCadre(ctx, (c) => !isErasedCadre(ctx.facts, c.id)));
  const contact = choose(ctx, [...ctx.facts.contacts.keys()].filter((id) => !ctx.facts.erasures.has(contactSubject(id))));
  return contactSubject(contact ?? record(ctx, makers.AssignmentMade(ctx, ctx.facts.latest)).data.contactId);
};

/** @internal The event types a maker makes (an erasure's subject is `use.subject`, else of `use.cadreId` or `use.contactId`, else any not erased). */
export type MadeType = Exclude<EventType, "CampaignLaunched" | "CampaignClosed">;

/** @internal Makers of valid next events; what they need first is recorded as setup, the event itself is not. */
export const makers: { readonly [T in MadeType]: Maker<T> } = {
  GroupFormed: (ctx, day, { id = fresh(ctx, "group") } = {}) =>
    event("GroupFormed", { campaignId: ctx.facts.campaignId, groupId: id, name: "Group for a rule break", formedOn: day }),
  CadreEnrolled: (ctx, day, { id = fresh(ctx, "cadre"), groupId = ensureGroup(ctx), leadershipTeam = false } = {}) =>
    event("CadreEnrolled", { campaignId: ctx.facts.campaignId, cadreId: id, name: "Cadre", groupId, role: "member", leadershipTeam, enrolledOn: day }),
  AssignmentMade: (ctx, day, { id = fresh(ctx, "contact"), groupId = ensureGroup(ctx) } = {}) =>
    event("AssignmentMade", { campaignId: ctx.facts.campaignId, groupId, contactId: id, contactKind: "village", contactName: "Contact", assignedOn: day }),
  VisitConducted: (ctx, day, use = {}) => {
    const groupId = use.groupId ?? ensureGroup(ctx);
    const cadreId = use.cadreId ?? ensureCadre(ctx, (c) => c.groupId === groupId || c.leadershipTeam, { groupId });
    const contactIds = use.contactId === undefined || use.contactId === null ? [] : [use.contactId];
    const visitId = use.id ?? fresh(ctx, "visit");
    const data = { campaignId: ctx.facts.campaignId, visitId, groupId, cadreIds: [cadreId], contactIds, setting: "village", purposes: ["talk"], peopleMet: 3, photos: 0, occurredOn: day } as const;
    return event("VisitConducted", data);
  },
  DiaryWritten: (ctx, day, use = {}) => {
    const visitId = use.visitId ?? null;
    const onVisit = visitId === null ? undefined : ctx.facts.visits.get(visitId)?.cadreIds[0];
    const cadreId = use.cadreId ?? onVisit ?? ensureCadre(ctx, (c) => !isErasedCadre(ctx.facts, c.id));
    return event("DiaryWritten", { campaignId: ctx.facts.campaignId, diaryId: use.id ?? fresh(ctx, "diary"), cadreId, visitId, title: "Diary", writtenOn: day });
  },
  ReportWritten: (ctx, day, use = {}) => {
    const groupId = use.groupId ?? ensureGroup(ctx);
    const cadreId = use.cadreId ?? ensureCadre(ctx, () => true);
    const reportId = use.id ?? fresh(ctx, "report");
    return event("ReportWritten", { campaignId: ctx.facts.campaignId, reportId, groupId, authorCadreIds: [cadreId], title: "Report", writtenOn: day });
  },
  ProblemRaised: (ctx, day, use = {}) => {
    const groupId = use.groupId ?? ensureGroup(ctx);
    const problemId = use.id ?? fresh(ctx, "problem");
    return event("ProblemRaised", { campaignId: ctx.facts.campaignId, problemId, groupId, contactId: use.contactId ?? null, summary: "Problem", raisedOn: day });
  },
  ProblemResolved: (ctx, day, use = {}) => {
    const problemId = use.problemId ?? ensureProblem(ctx, false);
    const cadreId = use.cadreId ?? ensureCadre(ctx, () => true);
    return event("ProblemResolved", { campaignId: ctx.facts.campaignId, problemId, resolution: "Solved", resolvedByCadreIds: [cadreId], resolvedOn: day });
  },
  FundDisbursed: (ctx, day, use = {}) =>
    event("FundDisbursed", {
      campaignId: ctx.facts.campaignId,
      disbursementId: use.id ?? fresh(ctx, "disbursement"),
      kind: "other",
      activityId: "rule-break",
      source: "Source",
      purpose: "Purpose",
      amountFen: 100,
      groupId: use.groupId ?? null,
      contactId: use.contactId ?? null,
      disbursedOn: day,
    }),
  InspectionHeld: (ctx, day, use = {}) => {
    const groupId = use.groupId ?? ensureGroup(ctx);
    const inspectorCadreId = use.cadreId ?? ensureCadre(ctx, isLeader, { leadershipTeam: true });
    return event("InspectionHeld", { campaignId: ctx.facts.campaignId, inspectionId: use.id ?? fresh(ctx, "inspection"), inspectorCadreId, groupId, findings: "Findings", heldOn: day });
  },
  SubjectErased: (ctx, day, use = {}) => {
    const subject =
      use.subject ??
      (use.cadreId !== undefined ? cadreSubject(use.cadreId) : use.contactId !== undefined && use.contactId !== null ? contactSubject(use.contactId) : ensureSubject(ctx));
    return event("SubjectErased", { campaignId: ctx.facts.campaignId, subject, requestRef: `Erasure request ${ctx.serial++}`, erasedOn: day });
  },
};
