import type { ChecklistItem } from "../values/ChecklistItem.js";
import type { ContactKind } from "../values/ContactKind.js";
import type { Day } from "../values/Day.js";
import { type FieldStore, Names, type RecordLayout, StampedRecords, StampedSet } from "../internal/CompactIndex.js";
import { type Lineage, newLineage, type Stamped } from "../internal/GrowOnlyIndex.js";

// model

/** @internal A formed group, as the rules see it. */
export type GroupRecord = Stamped & { readonly formedOn: Day };
/** @internal An enrolled cadre. */
export type CadreRecord = Stamped & { readonly groupId: string; readonly leadershipTeam: boolean; readonly enrolledOn: Day };
/** @internal An assigned contact. */
export type ContactRecord = Stamped & { readonly groupId: string; readonly kind: ContactKind; readonly assignedOn: Day };
/** @internal A conducted visit. */
export type VisitRecord = Stamped & { readonly cadreIds: ReadonlyArray<string>; readonly occurredOn: Day };
/** @internal A raised problem. */
export type ProblemRecord = Stamped & { readonly groupId: string; readonly contactId: string | null; readonly raisedOn: Day };
/** @internal A problem's resolution. */
export type ResolutionRecord = Stamped & { readonly resolvedOn: Day };
/** @internal A data subject's erasure. */
export type ErasureRecord = Stamped & { readonly erasedOn: Day };

/**
 * @internal What the decider remembers of each entity, in compact indexes (`CompactIndex.ts`): a
 * record stamped with the version that added it (`since`), or, where the rules only ask whether it
 * exists, its id and stamp alone. Past 65,536 ids an index is outside the heap: about 25 bytes an
 * id and 4 a field; strings in records are numbers of the lineage's {@link Names}.
 */
export type Entities = { readonly [K in keyof EntityRecords]: StampedRecords<EntityRecords[K]> } & {
  readonly diaries: StampedSet;
  readonly reports: StampedSet;
  readonly disbursements: StampedSet;
  readonly inspections: StampedSet;
};

/** @internal The entities the decider keeps a record of, and their records. */
export interface EntityRecords {
  readonly groups: GroupRecord;
  readonly cadres: CadreRecord;
  readonly contacts: ContactRecord;
  readonly visits: VisitRecord;
  readonly problems: ProblemRecord;
  readonly resolutions: ResolutionRecord;
  /** Erased data subjects (`cadre:<id>`, `contact:<id>`), with the day of their erasure. */
  readonly erasures: ErasureRecord;
}

/** A day stored as a name (the names of a lineage hold only what records gave them). */
const day = (store: FieldStore, n: number): Day => store.names.name(n) as Day;

/** One day: the record's only field. */
const dayLayout = <K extends string>(field: K): RecordLayout<Stamped & { readonly [F in K]: Day }> => ({
  width: 1,
  write: (r, out, at, { names }) => void (out[at] = names.of(r[field])),
  read: (row, at, since, store) => ({ since, [field]: day(store, row[at] ?? 0) }) as Stamped & { readonly [F in K]: Day },
});

const CADRE: RecordLayout<CadreRecord> = {
  width: 3,
  write: (r, out, at, { names }) => {
    out[at] = names.of(r.groupId);
    out[at + 1] = r.leadershipTeam ? 1 : 0;
    out[at + 2] = names.of(r.enrolledOn);
  },
  read: (row, at, since, store) => ({ since, groupId: store.names.name(row[at] ?? 0), leadershipTeam: row[at + 1] === 1, enrolledOn: day(store, row[at + 2] ?? 0) }),
};

const CONTACT: RecordLayout<ContactRecord> = {
  width: 3,
  write: (r, out, at, { names }) => {
    out[at] = names.of(r.groupId);
    out[at + 1] = names.of(r.kind);
    out[at + 2] = names.of(r.assignedOn);
  },
  read: (row, at, since, store) => ({
    since,
    groupId: store.names.name(row[at] ?? 0),
    kind: store.names.name(row[at + 1] ?? 0) as ContactKind,
    assignedOn: day(store, row[at + 2] ?? 0),
  }),
};

const VISIT: RecordLayout<VisitRecord> = {
  width: 3,
  write: (r, out, at, store) => {
    out[at] = store.pushList(r.cadreIds);
    out[at + 1] = r.cadreIds.length;
    out[at + 2] = store.names.of(r.occurredOn);
  },
  read: (row, at, since, store) => ({ since, cadreIds: store.list(row[at] ?? 0, row[at + 1] ?? 0), occurredOn: day(store, row[at + 2] ?? 0) }),
};

const PROBLEM: RecordLayout<ProblemRecord> = {
  width: 3,
  write: (r, out, at, { names }) => {
    out[at] = names.of(r.groupId);
    out[at + 1] = r.contactId === null ? -1 : names.of(r.contactId);
    out[at + 2] = names.of(r.raisedOn);
  },
  read: (row, at, since, store) => {
    const contact = row[at + 1] ?? -1;
    return { since, groupId: store.names.name(row[at] ?? 0), contactId: contact < 0 ? null : store.names.name(contact), raisedOn: day(store, row[at + 2] ?? 0) };
  },
};

/** @internal The decider's empty indexes, their records' strings named in one shared table (`smallest`: how many ids an index keeps in the heap, see `KeyTable`). */
export const emptyEntities = (smallest?: number): Entities => {
  const names = new Names(smallest);
  return {
    groups: new StampedRecords(dayLayout("formedOn"), names, smallest),
    cadres: new StampedRecords(CADRE, names, smallest),
    contacts: new StampedRecords(CONTACT, names, smallest),
    visits: new StampedRecords(VISIT, names, smallest),
    problems: new StampedRecords(PROBLEM, names, smallest),
    resolutions: new StampedRecords(dayLayout("resolvedOn"), names, smallest),
    diaries: new StampedSet(smallest),
    reports: new StampedSet(smallest),
    disbursements: new StampedSet(smallest),
    inspections: new StampedSet(smallest),
    erasures: new StampedRecords(dayLayout("erasedOn"), names, smallest),
  };
};

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
  lineage: newLineage<Entities>(emptyEntities()),
});
