import { randomUUID } from "node:crypto";
import { type CampaignEvent, type NewEvent, noMetadata } from "@tenfold/core";
import { flattenString, frozenJsonCopy, newEvent } from "@tenfold/core/adapter";
import { generateHistory } from "../domain/history.js";
import { fastestOfSync, heapAfterGc } from "../harness/measure.js";

/*
 * The V8-specific choices that stay in Tenfold's code, each measured against the plain code it
 * replaced, so that losing one shows. Where core exports the function (frozenJsonCopy,
 * flattenString, newEvent) the real one is measured; where the trick lives inside a module
 * (the statistics counters, the memory store's pages, RecentMap's ring) the same pattern is
 * measured on the same shapes.
 */

// model

/** One variant's measurement: a rate (operations per second) and, where memory is the point, heap bytes per item kept. */
export interface TrickSample {
  readonly rate: number;
  readonly bytesPerItem?: number;
  /** A digest both variants must agree on. */
  readonly check: string;
}

/** A trick: where it lives, what it is, and its two variants. */
export interface Trick {
  readonly name: string;
  readonly where: string;
  readonly kept: string;
  readonly plain: string;
  readonly measure: (variant: "kept" | "plain") => TrickSample;
}

// utils

const SEED = 20130301;
const EVENTS = 200_000;

const deepFreeze = <A>(value: A): A => {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};

/** Sums every number and string length of the data's fields, reading each field once: what a projection does. */
const readFields = (events: ReadonlyArray<{ readonly data: object }>): number => {
  let sum = 0;
  for (const e of events) {
    const data = e.data as Record<string, unknown>;
    for (const key in data) {
      const v = data[key];
      sum += typeof v === "number" ? v : typeof v === "string" ? v.length : 1;
    }
  }
  return sum;
};

const history = (): ReadonlyArray<CampaignEvent> => generateHistory({ seed: SEED, events: EVENTS });

// the tricks

/** frozenJsonCopy (key by key, one maker per key count, strings flattened) against structuredClone then a deep freeze. */
const copy: Trick = {
  name: "frozen copy",
  where: "core store/frozenCopy.ts (every append's events)",
  kept: "frozenJsonCopy",
  plain: "structuredClone + deep freeze",
  measure: (variant) => {
    const events = history();
    const copyOne = variant === "kept" ? (e: CampaignEvent) => frozenJsonCopy(e.data, "data") : (e: CampaignEvent) => deepFreeze(structuredClone(e.data));
    const before = heapAfterGc();
    const copies = events.map((e) => ({ data: copyOne(e) }));
    const bytesPerItem = (heapAfterGc() - before) / events.length;
    const { seconds } = fastestOfSync(3, () => events.map(copyOne));
    const read = fastestOfSync(5, () => readFields(copies));
    // The rate is of a copy followed by one read of it, as a store's append then a projection do.
    return { rate: events.length / (seconds + read.seconds), bytesPerItem, check: String(read.result) };
  },
};

/** flattenString on ids made by concatenation against keeping them as they came. */
const flatten: Trick = {
  name: "flattened ids",
  where: "core store/frozenCopy.ts flatten, store-memory prepare.ts",
  kept: "flattenString",
  plain: "the string as given",
  measure: (variant) => {
    const n = EVENTS;
    const make = (i: number): string => `${randomUUID().slice(0, 24)}${String(i).padStart(12, "0")}`;
    const before = heapAfterGc();
    const ids = Array.from({ length: n }, (_, i) => (variant === "kept" ? flattenString(make(i)) : make(i)));
    const bytesPerItem = (heapAfterGc() - before) / n;
    const { seconds, result } = fastestOfSync(3, () => {
      let sum = 0;
      for (const id of ids) sum += id.charCodeAt(30);
      return sum;
    });
    return { rate: n / seconds, bytesPerItem, check: String(result > 0) };
  },
};

/** newEvent (one literal, fields in the envelope's order) against a spread of the event with the seal added. */
const envelope: Trick = {
  name: "envelope literal",
  where: "core store/envelope.ts (handler, seal, snapshot, stores)",
  kept: "newEvent",
  plain: "{ ...event, previousHash, hash }",
  measure: (variant) => {
    const events = history().map(
      (e, i): NewEvent => newEvent({ type: e.type, data: e.data, eventId: `e-${i}`, schemaVersion: 1, recordedAt: "2013-03-01T00:00:00.000Z", metadata: noMetadata }),
    );
    const hash = "a".repeat(64);
    const seal =
      variant === "kept"
        ? (e: NewEvent) => newEvent({ type: e.type, data: e.data, eventId: e.eventId, schemaVersion: e.schemaVersion, recordedAt: e.recordedAt, metadata: e.metadata, previousHash: hash, hash })
        : (e: NewEvent) => ({ ...e, previousHash: hash, hash }) as NewEvent;
    const sealed = events.map(seal);
    const build = fastestOfSync(3, () => events.map(seal));
    const read = fastestOfSync(5, () => {
      let sum = 0;
      for (const e of sealed) sum += e.eventId.length + e.recordedAt.length + e.schemaVersion + (e.hash?.length ?? 0);
      return sum;
    });
    return { rate: events.length / (build.seconds + read.seconds), check: String(read.result) };
  },
};

type Counters = Record<"groups" | "enrolled" | "active" | "contacts" | "visits" | "village" | "community" | "enterprise" | "other" | "peopleMet" | "diaries" | "reports" | "raised" | "resolved" | "inspections" | "fen", number>;
const ZERO: Counters = { groups: 0, enrolled: 0, active: 0, contacts: 0, visits: 0, village: 0, community: 0, enterprise: 0, other: 0, peopleMet: 0, diaries: 0, reports: 0, raised: 0, resolved: 0, inspections: 0, fen: 0 };
const KEYS = Object.keys(ZERO) as ReadonlyArray<keyof Counters>;

/** The statistics fold's copies as object literals against spread copies (a new copy per event, as a pure fold makes). */
const counters: Trick = {
  name: "counter copies",
  where: "core projections/statistics/counters.ts",
  kept: "object literal copy",
  plain: "{ ...counters }",
  measure: (variant) => {
    const literal = (c: Counters): Counters => ({
      groups: c.groups, enrolled: c.enrolled, active: c.active, contacts: c.contacts, visits: c.visits, village: c.village, community: c.community, enterprise: c.enterprise,
      other: c.other, peopleMet: c.peopleMet, diaries: c.diaries, reports: c.reports, raised: c.raised, resolved: c.resolved, inspections: c.inspections, fen: c.fen,
    });
    const copyOf = variant === "kept" ? literal : (c: Counters): Counters => ({ ...c });
    const n = 1_000_000;
    const { seconds, result } = fastestOfSync(3, () => {
      let c = ZERO;
      for (let i = 0; i < n; i++) {
        const next = copyOf(c);
        next[KEYS[i % KEYS.length] as keyof Counters]++;
        next.visits += i & 1;
        c = next;
      }
      return c.visits + c.groups;
    });
    return { rate: n / seconds, check: String(result) };
  },
};

/** Counting visits by setting with a switch on fixed fields against a computed key (`bySetting[setting]++`). */
const settings: Trick = {
  name: "switch on setting",
  where: "core projections/statistics/evolveStatistics.ts",
  kept: "switch, one field each",
  plain: "bySetting[setting]++",
  measure: (variant) => {
    const kinds = ["village", "community", "enterprise", "other"] as const;
    const n = 2_000_000;
    const seen = Array.from({ length: n }, (_, i) => kinds[(i * 7) % 4] as (typeof kinds)[number]);
    const { seconds, result } = fastestOfSync(3, () => {
      const c = { village: 0, community: 0, enterprise: 0, other: 0, total: 0 };
      for (const setting of seen) {
        c.total++;
        if (variant === "plain") c[setting]++;
        else
          switch (setting) {
            case "village":
              c.village++;
              break;
            case "community":
              c.community++;
              break;
            case "enterprise":
              c.enterprise++;
              break;
            case "other":
              c.other++;
              break;
          }
      }
      return `${c.village}/${c.community}/${c.enterprise}/${c.other}`;
    });
    return { rate: n / seconds, check: result };
  },
};

/** A page's array left unfrozen (the memory store's pages) against a frozen one, iterated with for…of. */
const pages: Trick = {
  name: "unfrozen pages",
  where: "store-memory MemoryEventStore.ts (readStream, readAll)",
  kept: "fresh array, not frozen",
  plain: "Object.freeze(array)",
  measure: (variant) => {
    const events = history();
    const pageOf = (from: number): ReadonlyArray<CampaignEvent> => {
      const slice = events.slice(from, from + 1000);
      return variant === "kept" ? slice : Object.freeze(slice);
    };
    const { seconds, result } = fastestOfSync(3, () => {
      let sum = 0;
      for (let from = 0; from < events.length; from += 1000) for (const e of pageOf(from)) sum += e.type.length;
      return sum;
    });
    return { rate: events.length / seconds, check: String(result) };
  },
};

/** RecentMap's ring of keys to forget against deleting the Map's first key found with keys().next(). */
const recent: Trick = {
  name: "recent-ids ring",
  where: "core internal/RecentMap.ts (the handler's recent event ids, the seal's heads)",
  kept: "ring of keys",
  plain: "map.delete(map.keys().next().value)",
  measure: (variant) => {
    const capacity = 4096;
    const n = 1_000_000;
    const { seconds, result } = fastestOfSync(3, () => {
      const map = new Map<string, number>();
      const ring: Array<string | undefined> = new Array<string | undefined>(capacity).fill(undefined);
      let oldest = 0;
      for (let i = 0; i < n; i++) {
        const key = `id-${i}`;
        if (map.size === capacity) {
          if (variant === "kept") map.delete(ring[oldest] as string);
          else map.delete(map.keys().next().value as string);
        }
        map.set(key, i);
        if (variant === "kept") {
          ring[oldest] = key;
          oldest = (oldest + 1) % capacity;
        }
      }
      return map.size;
    });
    return { rate: n / seconds, check: String(result) };
  },
};

/** Every trick measured, by name. */
export const TRICKS: ReadonlyArray<Trick> = [copy, flatten, envelope, counters, settings, pages, recent];
