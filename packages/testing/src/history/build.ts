import type { CampaignEvent } from "@tenfold/core";
import { event } from "../events/build.js";
import { addDays } from "../values/days.js";
import { type IdKind, idOf } from "./ids.js";
import type { DiaryPlan, Plan, Timing } from "./plan.js";

/*
 * Maps a plan to a valid history. Each planned event becomes a node that knows what it refers to
 * (its dependencies), its business date (days after the launch: the latest dependency plus a lag)
 * and when it is recorded (the latest dependency's recording plus a delay, independent of dates).
 * A budget keeps whole sub-trees, breadth first and round-robin over groups, so truncation keeps
 * validity; the kept nodes are recorded in order of recording time, which respects dependencies.
 */

interface Node {
  readonly event: CampaignEvent;
  readonly deps: ReadonlyArray<number>;
  /** 0 launch, 1 groups, 2 cadres and contacts, 3 the rest (children right after their parent). */
  readonly phase: number;
  readonly rank: number;
  readonly day: number;
  readonly recordAt: number;
}

interface Ref {
  readonly id: string;
  readonly node: number;
}

interface CadreRef extends Ref {
  readonly groupId: string;
  readonly leadershipTeam: boolean;
}

const pick = <A>(xs: ReadonlyArray<A>, n: number): A | undefined => xs[n % Math.max(1, xs.length)];

const distinct = <A extends Ref>(xs: ReadonlyArray<A>, refs: ReadonlyArray<number>): A[] => {
  const out = new Map<string, A>();
  for (const n of refs) {
    const x = pick(xs, n);
    if (x !== undefined) out.set(x.id, x);
  }
  return [...out.values()];
};

/** @internal The events of a plan, at most `maxEvents` of them (the closing included). */
export const buildHistory = (plan: Plan, maxEvents: number): ReadonlyArray<CampaignEvent> => {
  const nodes: Node[] = [];
  const counters = new Map<IdKind, number>();
  const { campaignId } = plan;
  const nextId = (kind: IdKind): string => {
    const n = counters.get(kind) ?? 0;
    counters.set(kind, n + 1);
    return idOf(plan.ids, kind, n);
  };
  const on = (offset: number): string => addDays(plan.launchedOn, offset);
  /** Adds the node built from its dependencies' latest date and recording time. */
  const add = (phase: number, rank: number, deps: ReadonlyArray<number>, t: Timing, make: (day: string) => CampaignEvent): number => {
    const day = Math.max(0, ...deps.map((d) => nodes[d]?.day ?? 0)) + t.lag;
    const recordAt = Math.max(0, ...deps.map((d) => nodes[d]?.recordAt ?? 0)) + t.delay;
    nodes.push({ event: make(on(day)), deps, phase, rank, day, recordAt });
    return nodes.length - 1;
  };

  const { name, organizer, launchedOn, checklist } = plan;
  add(0, 0, [], { lag: 0, delay: 0 }, () => event("CampaignLaunched", { campaignId, name, organizer, launchedOn, checklist }));

  const groups: Ref[] = [];
  const cadres: CadreRef[] = [];
  const contacts: Array<Ref & { readonly groupId: string }> = [];
  plan.groups.forEach((g, gi) => {
    const groupId = nextId("group");
    const node = add(1, gi, [], g, (formedOn) => event("GroupFormed", { campaignId, groupId, name: g.name, formedOn }));
    groups.push({ id: groupId, node });
    g.cadres.forEach((c, i) => {
      const cadreId = nextId("cadre");
      const { role, leadershipTeam } = c;
      const n = add(2, i, [node], c, (enrolledOn) => event("CadreEnrolled", { campaignId, cadreId, name: c.name, groupId, role, leadershipTeam, enrolledOn }));
      cadres.push({ id: cadreId, node: n, groupId, leadershipTeam });
    });
    g.contacts.forEach((k, i) => {
      const contactId = nextId("contact");
      const n = add(2, i, [node], k, (assignedOn) =>
        event("AssignmentMade", { campaignId, groupId, contactId, contactKind: k.kind, contactName: k.name, assignedOn }),
      );
      contacts.push({ id: contactId, node: n, groupId });
    });
  });

  const leaders = cadres.filter((c) => c.leadershipTeam);
  const diary = (rank: number, d: DiaryPlan, author: CadreRef, visit: Ref | null): void => {
    const diaryId = nextId("diary");
    const deps = visit === null ? [author.node] : [visit.node, author.node];
    add(3, rank, deps, d, (writtenOn) => event("DiaryWritten", { campaignId, diaryId, cadreId: author.id, visitId: visit?.id ?? null, title: d.title, writtenOn }));
  };

  plan.groups.forEach((g, gi) => {
    const group = groups[gi];
    if (group === undefined) return;
    const groupId = group.id;
    const eligible = cadres.filter((c) => c.groupId === groupId || c.leadershipTeam);
    const own = contacts.filter((k) => k.groupId === groupId);
    g.visits.forEach((v, i) => {
      const team = distinct(eligible, v.cadres);
      if (team.length === 0) return;
      const met = own.length === 0 ? [] : distinct(own, v.contacts);
      const visitId = nextId("visit");
      const { setting, purposes, peopleMet, photos } = v;
      const deps = [group.node, ...team.map((c) => c.node), ...met.map((k) => k.node)];
      const node = add(3, i, deps, v, (occurredOn) =>
        event("VisitConducted", { campaignId, visitId, groupId, cadreIds: team.map((c) => c.id), contactIds: met.map((k) => k.id), setting, purposes, peopleMet, photos, occurredOn }),
      );
      for (const d of v.diaries) diary(i, d, pick(team, d.author) ?? (team[0] as CadreRef), { id: visitId, node });
    });
    g.diaries.forEach((d, i) => {
      const author = pick(eligible, d.author);
      if (author !== undefined) diary(i, d, author, null);
    });
    g.problems.forEach((p, i) => {
      const contact = p.contact === null ? undefined : pick(own, p.contact);
      const problemId = nextId("problem");
      const deps = contact === undefined ? [group.node] : [group.node, contact.node];
      const node = add(3, i, deps, p, (raisedOn) => event("ProblemRaised", { campaignId, problemId, groupId, contactId: contact?.id ?? null, summary: p.summary, raisedOn }));
      const r = p.resolution;
      const resolvers = r === null ? [] : distinct(cadres, r.resolvers);
      if (r === null || resolvers.length === 0) return;
      add(3, i, [node, ...resolvers.map((c) => c.node)], r, (resolvedOn) =>
        event("ProblemResolved", { campaignId, problemId, resolution: r.resolution, resolvedByCadreIds: resolvers.map((c) => c.id), resolvedOn }),
      );
    });
    g.reports.forEach((r, i) => {
      const authors = distinct(cadres, r.authors);
      if (authors.length === 0) return;
      const reportId = nextId("report");
      add(3, i, [group.node, ...authors.map((c) => c.node)], r, (writtenOn) =>
        event("ReportWritten", { campaignId, reportId, groupId, authorCadreIds: authors.map((c) => c.id), title: r.title, writtenOn }),
      );
    });
    g.inspections.forEach((x, i) => {
      const inspector = pick(leaders, x.inspector);
      if (inspector === undefined) return;
      const inspectionId = nextId("inspection");
      add(3, i, [group.node, inspector.node], x, (heldOn) =>
        event("InspectionHeld", { campaignId, inspectionId, inspectorCadreId: inspector.id, groupId, findings: x.findings, heldOn }),
      );
    });
  });

  const activities = [0, 1, 2, 3].map(() => nextId("activity"));
  plan.funds.forEach((f, i) => {
    const group = f.group === null ? undefined : pick(groups, f.group);
    const candidates = group === undefined ? contacts : contacts.filter((k) => k.groupId === group.id);
    const contact = f.contact === null ? undefined : pick(candidates, f.contact);
    const disbursementId = nextId("disbursement");
    const deps = [...(group === undefined ? [] : [group.node]), ...(contact === undefined ? [] : [contact.node])];
    const { kind, source, purpose, amountFen } = f;
    const activityId = activities[f.activity % activities.length] ?? "a";
    add(3, i, deps, f, (disbursedOn) =>
      event("FundDisbursed", { campaignId, disbursementId, kind, activityId, source, purpose, amountFen, groupId: group?.id ?? null, contactId: contact?.id ?? null, disbursedOn }),
    );
  });

  return select(nodes, maxEvents - (plan.close === null ? 0 : 1), plan, on);
};

/** Keeps whole sub-trees within the budget, records them in order, then closes when planned. */
const select = (nodes: ReadonlyArray<Node>, budget: number, plan: Plan, on: (offset: number) => string): CampaignEvent[] => {
  const byPriority = nodes.map((_, i) => i).sort((a, b) => {
    const x = nodes[a] as Node;
    const y = nodes[b] as Node;
    return x.phase - y.phase || x.rank - y.rank || a - b;
  });
  const kept = new Array<boolean>(nodes.length).fill(false);
  let count = 0;
  for (const i of byPriority) {
    if (count >= budget) break;
    if ((nodes[i] as Node).deps.every((d) => kept[d] === true)) {
      kept[i] = true;
      count++;
    }
  }
  const recorded = nodes.map((_, i) => i).filter((i) => kept[i]);
  recorded.sort((a, b) => (nodes[a] as Node).recordAt - (nodes[b] as Node).recordAt || a - b);
  const events = recorded.map((i) => (nodes[i] as Node).event);
  if (plan.close !== null) {
    const last = recorded.reduce((max, i) => Math.max(max, (nodes[i] as Node).day), 0);
    events.push(event("CampaignClosed", { campaignId: plan.campaignId, summary: plan.close.summary, closedOn: on(last + plan.close.lag) }));
  }
  return events;
};
