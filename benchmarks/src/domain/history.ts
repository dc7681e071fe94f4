import { CONTACT_KINDS, type CampaignEvent, DEFAULT_CHECKLIST } from "@tenfold/core";
import { prng } from "../harness/measure.js";

/*
 * A large valid campaign history for S4, S5 and S7, deterministic from a seed: groups that each
 * follow the Xining pattern (a leader and five members, one contact of every kind, visits,
 * diaries, problems raised and solved, a report, relief funds, an inspection), 100 events a
 * group, interleaved eight groups at a time. Business dates never go backwards within a group
 * and never precede what an event refers to, so the decider accepts every event (a test checks).
 */

/** Options of {@link generateHistory}. */
export interface HistoryOptions {
  readonly seed: number;
  /** Exactly this many events, the launch included (the last groups may be cut short). */
  readonly events: number;
  /** @defaultValue "bench-2013" */
  readonly campaignId?: string;
}

/** Events per group. */
export const EVENTS_PER_GROUP = 100;

const LAUNCH = Date.UTC(2013, 2, 1);
const DAYS = Array.from({ length: 300 }, (_, d) => new Date(LAUNCH + d * 86_400_000).toISOString().slice(0, 10));
const SETTINGS = ["village", "community", "enterprise", "other"] as const;
const PURPOSES = ["talk", "condolence", "household-survey", "investigation", "community-activity"] as const;
const FUND_KINDS = ["special-relief", "condolence", "other"] as const;
const TITLES = ["A day in Ban Zhong Ying village", "Listening to the old party members", "The school road, again", "What the survey told us"];
const SUMMARIES = ["The road to the village school needs repair", "Winter coal for two households", "Drinking water pipe is broken"];

type Data = Readonly<Record<string, unknown>>;
const ev = (type: string, data: Data): CampaignEvent => ({ type, data }) as unknown as CampaignEvent;

/** The 100 events of group `n`, in recorded order. `leader` is the leadership-team cadre of its block. */
const groupEvents = (campaignId: string, n: number, inspector: string, random: () => number): CampaignEvent[] => {
  const out: CampaignEvent[] = [];
  const on = (): string => DAYS[Math.min(DAYS.length - 1, 1 + (n % 30) + Math.floor(out.length * 2.5))] ?? "2013-12-01";
  const int = (k: number): number => Math.floor(random() * k);
  const some = <A>(xs: ReadonlyArray<A>, max: number): A[] => {
    const start = int(xs.length);
    const count = 1 + int(Math.min(max, xs.length));
    return Array.from({ length: count }, (_, i) => xs[(start + i) % xs.length] as A);
  };
  const groupId = `g${n}`;
  out.push(ev("GroupFormed", { campaignId, groupId, name: `Party-branch group ${n}`, formedOn: on() }));
  const cadres = Array.from({ length: 6 }, (_, i) => `c${n}-${i}`);
  cadres.forEach((cadreId, i) => {
    const leadershipTeam = i === 0 && cadreId === inspector;
    out.push(ev("CadreEnrolled", { campaignId, cadreId, name: `Cadre ${n}-${i}`, groupId, role: i === 0 ? "leader" : "member", leadershipTeam, enrolledOn: on() }));
  });
  const contacts = CONTACT_KINDS.map((contactKind, i) => {
    const contactId = `k${n}-${i}`;
    out.push(ev("AssignmentMade", { campaignId, groupId, contactId, contactKind, contactName: `Contact ${n}-${i}`, assignedOn: on() }));
    return contactId;
  });
  let visit = { visitId: "", cadreIds: [] as string[] };
  let visits = 0;
  let problems = 0;
  for (let round = 0; round < 10; round++) {
    for (let v = 0; v < 2; v++) {
      visit = { visitId: `v${n}-${visits++}`, cadreIds: some(cadres, 3) };
      const purposes = round === 0 && v === 0 ? ["household-survey"] : some(PURPOSES, 2);
      const contactIds = round < 4 ? contacts.slice(((round * 2 + v) * 2) % 7, ((round * 2 + v) * 2) % 7 + 2) : some(contacts, 2);
      out.push(ev("VisitConducted", {
        campaignId, visitId: visit.visitId, groupId, cadreIds: visit.cadreIds, contactIds, setting: SETTINGS[int(4)],
        purposes, peopleMet: int(30), photos: int(5), occurredOn: on(),
      }));
    }
    for (let d = 0; d < 4; d++) {
      const onVisit = d < 3;
      const cadreId = onVisit ? (visit.cadreIds[int(visit.cadreIds.length)] as string) : (cadres[int(6)] as string);
      out.push(ev("DiaryWritten", { campaignId, diaryId: `d${n}-${round}-${d}`, cadreId, visitId: onVisit ? visit.visitId : null, title: TITLES[int(4)], writtenOn: on() }));
    }
    for (let r = 0; r < (round < 2 ? 2 : 1); r++) {
      const contactId = random() < 0.5 ? contacts[int(7)] : null;
      out.push(ev("ProblemRaised", { campaignId, problemId: `p${n}-${problems++}`, groupId, contactId, summary: SUMMARIES[int(3)], raisedOn: on() }));
    }
    out.push(ev("ProblemResolved", {
      campaignId, problemId: `p${n}-${problems - 1}`, resolution: "Solved with the township", resolvedByCadreIds: some(cadres, 2), resolvedOn: on(),
    }));
  }
  out.push(ev("ReportWritten", { campaignId, reportId: `r${n}`, groupId, authorCadreIds: some(cadres, 3), title: "Research report", writtenOn: on() }));
  for (let f = 0; f < 2; f++) {
    const kind = FUND_KINDS[(n + f) % 3];
    const withContact = f === 1;
    out.push(ev("FundDisbursed", {
      campaignId, disbursementId: `f${n}-${f}`, kind, activityId: `${kind}-${n % 40}`, source: "Organisation department",
      purpose: "Relief for the poor households", amountFen: 100 * (1 + int(5000)), groupId, contactId: withContact ? contacts[int(7)] : null, disbursedOn: on(),
    }));
  }
  out.push(ev("InspectionHeld", { campaignId, inspectionId: `i${n}`, inspectorCadreId: inspector, groupId, findings: "The ten ones are on track", heldOn: on() }));
  return out;
};

/**
 * The history block by block, without end: the launch alone, then eight groups at a time, their
 * events interleaved round-robin; the leader of each block's first group is on the leadership
 * team and inspects the block's groups. S11 writes a million events from it without holding them.
 */
export function* historyBlocks({ seed, campaignId = "bench-2013" }: Omit<HistoryOptions, "events">): Generator<CampaignEvent[], never> {
  const random = prng(seed);
  yield [ev("CampaignLaunched", { campaignId, name: "Ten ones (benchmark)", organizer: "Organisation department", launchedOn: DAYS[0], checklist: [...DEFAULT_CHECKLIST] })];
  for (let block = 0; ; block += 8) {
    const inspector = `c${block}-0`;
    const groups = Array.from({ length: 8 }, (_, i) => groupEvents(campaignId, block + i, inspector, random));
    const out: CampaignEvent[] = [];
    for (let k = 0; k < EVENTS_PER_GROUP; k++) for (const group of groups) if (group[k] !== undefined) out.push(group[k] as CampaignEvent);
    yield out;
  }
}

/** A valid history of exactly `events` events: the first `events` of {@link historyBlocks}. */
export const generateHistory = ({ seed, events, campaignId = "bench-2013" }: HistoryOptions): CampaignEvent[] => {
  const history: CampaignEvent[] = [];
  for (const block of historyBlocks({ seed, campaignId })) {
    if (history.length >= events) break;
    for (const event of block) history.push(event);
  }
  return history.slice(0, events);
};
