import { businessDate, type CampaignEvent, type CampaignStatistics, type Day } from "@tenfold/core";
import { type StreamHead } from "@tenfold/core/audit";
import type { CheckpointFindings } from "./checkpointFindings.js";

// model

/** Visits and diaries of one week (weeks begin on Monday, by business date). */
export interface WeekCount {
  /** The Monday that begins the week. */
  readonly week: string;
  readonly visits: number;
  readonly diaries: number;
}

/** The disbursements of one fund activity. */
export interface FundActivity {
  readonly kind: "special-relief" | "condolence" | "other";
  readonly activityId: string;
  /** Distinct purposes, in the order first given; null for a purpose withheld from the export or erased (personal data of a contact). */
  readonly purposes: ReadonlyArray<string | null>;
  readonly disbursements: number;
  readonly amountFen: number;
  readonly firstOn: string;
  readonly lastOn: string;
}

/** What checking the hash chains found. */
export interface ChainFindings {
  /** Whether the history read was sealed; null when no event was read. */
  readonly sealed: boolean | null;
  readonly events: number;
  readonly heads: ReadonlyArray<StreamHead>;
  /** Every problem, as `WHERE: message`. */
  readonly problems: ReadonlyArray<string>;
  /** How many published heads the chains were checked against (0: none given). */
  readonly publishedHeads: number;
}

/** Everything the audit report shows. */
export interface AuditReport {
  readonly statistics: CampaignStatistics;
  /** Who ran the campaign (its CampaignLaunched). */
  readonly organizer: string;
  /** `as of 2013-06-30`, …; undefined for the whole history. */
  readonly view: string | undefined;
  /** The file read, or the store's description. */
  readonly source: string;
  readonly sourceKind: "file" | "store";
  /** SHA-256 of the input file's bytes. */
  readonly inputSha256?: string;
  readonly generatedAt: string;
  readonly eventsInView: number;
  readonly eventsTotal: number;
  readonly weeks: ReadonlyArray<WeekCount>;
  readonly funds: ReadonlyArray<FundActivity>;
  readonly chain: ChainFindings;
  /** The signed checkpoint checked against the history (--checkpoint), when one was given. */
  readonly checkpoint?: CheckpointFindings;
}

// utils

const DAY_MS = 86_400_000;

/** The Monday on or before a day. */
export const mondayOf = (day: string): string => {
  const t = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - weekday * DAY_MS).toISOString().slice(0, 10);
};

/**
 * Visits and diaries per week, by business date, from the week of the launch to the week of the
 * latest visit or diary (or of `until`, when later), every week listed, zeros included.
 */
export const weeklyActivity = (events: Iterable<CampaignEvent>, launchedOn: Day, until?: Day): ReadonlyArray<WeekCount> => {
  const counts = new Map<string, { visits: number; diaries: number }>();
  let last = until ?? launchedOn;
  for (const event of events) {
    if (event.type !== "VisitConducted" && event.type !== "DiaryWritten") continue;
    const day = businessDate(event);
    if (day > last) last = day;
    const week = mondayOf(day);
    const count = counts.get(week) ?? { visits: 0, diaries: 0 };
    if (event.type === "VisitConducted") count.visits++;
    else count.diaries++;
    counts.set(week, count);
  }
  const weeks: WeekCount[] = [];
  const end = Date.parse(`${mondayOf(last)}T00:00:00Z`);
  for (let t = Date.parse(`${mondayOf(launchedOn)}T00:00:00Z`); t <= end; t += 7 * DAY_MS) {
    const week = new Date(t).toISOString().slice(0, 10);
    weeks.push({ week, ...(counts.get(week) ?? { visits: 0, diaries: 0 }) });
  }
  return weeks;
};

/** The fund activities, by kind (special relief, condolence, other) and then in the order first disbursed. */
export const fundActivities = (events: Iterable<CampaignEvent>): ReadonlyArray<FundActivity> => {
  const byActivity = new Map<string, FundActivity>();
  for (const event of events) {
    if (event.type !== "FundDisbursed") continue;
    const { kind, activityId, amountFen, disbursedOn } = event.data;
    // A contact's purpose is personal data: null when the export leaves it out or the contact was erased.
    const purpose = (event.data as { readonly purpose: string | null }).purpose;
    const key = `${kind}\u0000${activityId}`;
    const known = byActivity.get(key);
    byActivity.set(
      key,
      known === undefined
        ? { kind, activityId, purposes: [purpose], disbursements: 1, amountFen, firstOn: disbursedOn, lastOn: disbursedOn }
        : {
            ...known,
            purposes: known.purposes.includes(purpose) ? known.purposes : [...known.purposes, purpose],
            disbursements: known.disbursements + 1,
            amountFen: known.amountFen + amountFen,
            firstOn: disbursedOn < known.firstOn ? disbursedOn : known.firstOn,
            lastOn: disbursedOn > known.lastOn ? disbursedOn : known.lastOn,
          },
    );
  }
  const order = ["special-relief", "condolence", "other"];
  return [...byActivity.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
};
