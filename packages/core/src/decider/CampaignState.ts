import type { ChecklistItem } from "../values/ChecklistItem.js";
import type { ContactKind } from "../values/ContactKind.js";
import type { Day } from "../values/Day.js";
import { type Lineage, newLineage, type RecordIndex, type SetIndex, type Stamped } from "../internal/GrowOnlyIndex.js";

// model

/**
 * @internal What the decider remembers of each entity: a record stamped with the version that
 * added it (`since`), or, where the rules only ask whether it exists, its id and stamp alone.
 * About 100 bytes an entity: a Map entry, its id, and one record (none for a set's key).
 */
export interface Entities {
  readonly groups: RecordIndex<Stamped & { readonly formedOn: Day }>;
  readonly cadres: RecordIndex<Stamped & { readonly groupId: string; readonly leadershipTeam: boolean; readonly enrolledOn: Day }>;
  readonly contacts: RecordIndex<Stamped & { readonly groupId: string; readonly kind: ContactKind; readonly assignedOn: Day }>;
  readonly visits: RecordIndex<Stamped & { readonly cadreIds: ReadonlyArray<string>; readonly occurredOn: Day }>;
  readonly problems: RecordIndex<Stamped & { readonly groupId: string; readonly contactId: string | null; readonly raisedOn: Day }>;
  readonly resolutions: RecordIndex<Stamped & { readonly resolvedOn: Day }>;
  readonly diaries: SetIndex;
  readonly reports: SetIndex;
  readonly disbursements: SetIndex;
  readonly inspections: SetIndex;
  /** Erased data subjects (`cadre:<id>`, `contact:<id>`), with the day of their erasure. */
  readonly erasures: RecordIndex<Stamped & { readonly erasedOn: Day }>;
}

/** The campaign as launched. */
export interface LaunchedCampaign {
  readonly campaignId: string;
  readonly launchedOn: Day;
  readonly checklist: ReadonlyArray<ChecklistItem>;
}

/**
 * What the decider knows of one campaign: enough to judge a new event against every rule.
 * Immutable to callers; `evolve` returns a new state in O(1) and older states stay valid.
 */
export interface CampaignState {
  /** Number of events folded into this state. */
  readonly version: number;
  readonly campaign: LaunchedCampaign | null;
  readonly closedOn: Day | null;
  /** The latest business date recorded so far. */
  readonly latestDate: Day | null;
  /** @internal */
  readonly lineage: Lineage<Entities>;
}

// constructors

/** The state of a campaign nothing has happened to. */
export const initialCampaignState = (): CampaignState => ({
  version: 0,
  campaign: null,
  closedOn: null,
  latestDate: null,
  lineage: newLineage<Entities>({
    groups: new Map(),
    cadres: new Map(),
    contacts: new Map(),
    visits: new Map(),
    problems: new Map(),
    resolutions: new Map(),
    diaries: new Map(),
    reports: new Map(),
    disbursements: new Map(),
    inspections: new Map(),
    erasures: new Map(),
  }),
});
