/*
 * Test support: a fast-check arbitrary of small valid campaign histories. Events are generated in
 * dependency order with business dates drawn at or after what they refer to, so recorded order is
 * not sorted by date (late entries happen). The @tenfold/testing package grows this into a product.
 */
import { fc } from "@fast-check/vitest";
import type { CampaignEvent } from "../events/catalog.js";
import { CONTACT_KINDS } from "../values/ContactKind.js";
import {
  assigned,
  closedEvent,
  diary,
  disbursed,
  enrolled,
  formed,
  inspected,
  launched,
  raised,
  report,
  resolved,
  visited,
} from "./events.js";

const LAUNCH = Date.UTC(2013, 2, 1);
const day = (offset: number): string => new Date(LAUNCH + offset * 86_400_000).toISOString().slice(0, 10);
const later = (...offsets: number[]): number => Math.max(0, ...offsets);

interface Plan {
  readonly groups: ReadonlyArray<{ cadres: ReadonlyArray<boolean>; contacts: ReadonlyArray<number> }>;
  readonly steps: ReadonlyArray<{ kind: number; a: number; b: number; c: number; lag: number }>;
  readonly close: boolean;
}

const planArb: fc.Arbitrary<Plan> = fc.record({
  groups: fc.array(
    fc.record({
      cadres: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
      contacts: fc.array(fc.nat(CONTACT_KINDS.length - 1), { maxLength: 8 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  steps: fc.array(fc.record({ kind: fc.nat(5), a: fc.nat(), b: fc.nat(), c: fc.nat(), lag: fc.nat(40) }), { maxLength: 60 }),
  close: fc.boolean(),
});

const build = (plan: Plan): CampaignEvent[] => {
  const events: CampaignEvent[] = [launched()];
  const cadres: Array<{ id: string; group: string; lead: boolean; at: number }> = [];
  const contacts: Array<{ id: string; group: string; at: number }> = [];
  const visits: Array<{ id: string; group: string; cadres: string[]; at: number }> = [];
  const problems: Array<{ id: string; at: number; open: boolean }> = [];
  const groups: Array<{ id: string; at: number }> = [];
  let maxDay = 0;
  const push = (e: CampaignEvent, at: number): void => {
    events.push(e);
    maxDay = Math.max(maxDay, at);
  };
  plan.groups.forEach((g, gi) => {
    const group = { id: `g${gi}`, at: gi * 3 };
    groups.push(group);
    push(formed(group.id, day(group.at)), group.at);
    g.cadres.forEach((lead, ci) => {
      const cadre = { id: `c${gi}-${ci}`, group: group.id, lead, at: group.at + ci };
      cadres.push(cadre);
      push(enrolled(cadre.id, group.id, { leadershipTeam: lead, enrolledOn: day(cadre.at) }), cadre.at);
    });
    g.contacts.forEach((kind, k) => {
      const contact = { id: `k${gi}-${k}`, group: group.id, at: group.at + k };
      contacts.push(contact);
      push(assigned(contact.id, group.id, CONTACT_KINDS[kind]!, day(contact.at)), contact.at);
    });
  });
  const pick = <T>(xs: ReadonlyArray<T>, n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);
  plan.steps.forEach((s, i) => {
    const group = pick(groups, s.a)!;
    const own = cadres.filter((c) => c.group === group.id || c.lead);
    switch (s.kind) {
      case 0: {
        const team = own.filter((_, j) => (s.b >> j) % 2 === 1 || j === s.b % own.length);
        const met = contacts.filter((c) => c.group === group.id && (s.c >> contacts.indexOf(c)) % 2 === 1);
        const purposes = (["talk", "condolence", "household-survey", "investigation", "community-activity"] as const).filter((_, j) => (s.c >> j) % 2 === 1 || j === s.c % 5);
        const at = later(...team.map((c) => c.at), ...met.map((c) => c.at), group.at) + s.lag;
        visits.push({ id: `v${i}`, group: group.id, cadres: team.map((c) => c.id), at });
        return push(visited(`v${i}`, group.id, team.map((c) => c.id), { contactIds: met.map((c) => c.id), purposes, peopleMet: s.b % 20, setting: (["village", "community", "enterprise", "other"] as const)[s.c % 4], occurredOn: day(at) }), at);
      }
      case 1: {
        const visit = pick(visits, s.b);
        const cadre = visit === undefined || s.c % 3 === 0 ? pick(cadres, s.c)! : cadres.find((c) => c.id === pick(visit.cadres, s.c))!;
        const onVisit = visit !== undefined && visit.cadres.includes(cadre.id) ? visit : undefined;
        const at = later(cadre.at, onVisit?.at ?? 0) + s.lag;
        return push(diary(`d${i}`, cadre.id, onVisit?.id ?? null, day(at)), at);
      }
      case 2: {
        const contact = s.c % 2 === 0 ? pick(contacts.filter((c) => c.group === group.id), s.b) : undefined;
        const at = later(group.at, contact?.at ?? 0) + s.lag;
        problems.push({ id: `p${i}`, at, open: true });
        return push(raised(`p${i}`, group.id, contact?.id ?? null, day(at)), at);
      }
      case 3: {
        const problem = pick(problems.filter((p) => p.open), s.b);
        const cadre = pick(cadres, s.c)!;
        if (problem === undefined) return push(report(`r${i}`, group.id, [cadre.id], day(later(group.at, cadre.at) + s.lag)), later(group.at, cadre.at) + s.lag);
        problem.open = false;
        const at = later(problem.at, cadre.at) + s.lag;
        return push(resolved(problem.id, [cadre.id], day(at)), at);
      }
      case 4: {
        const kind = (["special-relief", "condolence", "other"] as const)[s.b % 3];
        const withGroup = s.c % 2 === 0;
        const at = (withGroup ? group.at : 0) + s.lag;
        return push(disbursed(`f${i}`, { kind, activityId: `a${s.c % 4}`, amountFen: 1 + (s.b % 1_000_000), groupId: withGroup ? group.id : null, disbursedOn: day(at) }), at);
      }
      default: {
        const inspector = pick(cadres.filter((c) => c.lead), s.b);
        if (inspector === undefined) return;
        const at = later(group.at, inspector.at) + s.lag;
        return push(inspected(`i${i}`, inspector.id, group.id, day(at)), at);
      }
    }
  });
  if (plan.close) events.push(closedEvent(day(maxDay + 1)));
  return events;
};

/** Small valid histories of one campaign (launched 2013-03-01), optionally closed. */
export const validHistoryArb: fc.Arbitrary<ReadonlyArray<CampaignEvent>> = planArb.map(build);
