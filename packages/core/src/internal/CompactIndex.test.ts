import { fc, it as prop } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { Names, type RecordLayout, StampedRecords, StampedSet } from "./CompactIndex.js";
import { grown, KeyTable } from "./KeyTable.js";
import type { Stamped } from "./GrowOnlyIndex.js";

/** A record with every kind of field a layout stores: a name, a nullable name, a flag and a list. */
type Visit = Stamped & { readonly day: string; readonly contact: string | null; readonly lead: boolean; readonly cadres: ReadonlyArray<string> };

const VISIT: RecordLayout<Visit> = {
  width: 5,
  write: (r, out, at, store) => {
    out[at] = store.names.of(r.day);
    out[at + 1] = r.contact === null ? -1 : store.names.of(r.contact);
    out[at + 2] = r.lead ? 1 : 0;
    out[at + 3] = store.pushList(r.cadres);
    out[at + 4] = r.cadres.length;
  },
  read: (row, at, since, store) => {
    const contact = row[at + 1] ?? -1;
    return { since, day: store.names.name(row[at] ?? 0), contact: contact < 0 ? null : store.names.name(contact), lead: row[at + 2] === 1, cadres: store.list(row[at + 3] ?? 0, row[at + 4] ?? 0) };
  },
};

// Ids as they come: short ASCII, empty, Latin-1, other planes (two bytes a unit), and lone surrogates.
const id = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", "g0", "c0-4", "Ünïcødé", "西宁", "\u{1F600}", "\uD800", "a\u0000b", "\u00ff\u0100"),
  fc.string({ unit: "binary", maxLength: 8 }),
);
const visit = fc.record({ day: id, contact: fc.option(id, { nil: null }), lead: fc.boolean(), cadres: fc.array(id, { maxLength: 4 }) });

// Each table kind is tested with its keys out of the heap from the first (0), moving out early (3), and in the heap (the default).
const SMALLEST = [0, 3, undefined] as const;

describe("grown", () => {
  it("grows an empty array too, doubles, and refuses more than an index may hold", () => {
    expect(grown(new Uint8Array(0), 1, (n) => new Uint8Array(n)).length).toBe(16);
    const full = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    expect([...grown(full, 17, (n) => new Uint8Array(n)).subarray(0, 17)]).toEqual([...full, 0]);
    expect(grown(full, 17, (n) => new Uint8Array(n)).length).toBe(32);
    expect(grown(full, 16, (n) => new Uint8Array(n))).toBe(full);
    expect(() => grown(full, 2 ** 31, (n) => new Uint8Array(n))).toThrow(RangeError);
  });
});

describe("KeyTable", () => {
  it("finds each of 100,000 ids it was given, through its keys' move out of the heap and its table's growth, and no other", () => {
    const table = new KeyTable(1000);
    expect(table.inHeap).toBe(true);
    for (let i = 0; i < 100_000; i++) expect(table.add(`v${i}`)).toBe(i);
    for (let i = 0; i < 100_000; i += 997) expect([table.find(`v${i}`), table.text(i)]).toEqual([i, `v${i}`]);
    expect([table.find("v100000"), table.find("v"), table.find("")]).toEqual([-1, -1, -1]);
    expect([table.count, table.inHeap]).toEqual([100_000, false]);
  });

  prop.prop([fc.array(id, { maxLength: 200 }), fc.constantFrom(...SMALLEST)])("interns strings to one number each and gives back the same code units", (ids, smallest) => {
    const table = new KeyTable(smallest);
    const model = new Map<string, number>();
    for (const key of ids) {
      const n = table.intern(key);
      if (!model.has(key)) model.set(key, model.size);
      expect(n).toBe(model.get(key));
    }
    for (const [key, n] of model) expect([table.find(key), table.text(n)]).toEqual([n, key]);
    expect(table.count).toBe(model.size);
  });

  it("tells apart two ids of the same hash", () => {
    // FNV-1a gives both -1477372149: found by trying "v0", "v1", …
    for (const smallest of SMALLEST) {
      const table = new KeyTable(smallest);
      expect(table.add("v332789")).toBe(0);
      expect(table.find("v529192")).toBe(-1);
      expect([table.intern("v529192"), table.find("v332789"), table.find("v529192")]).toEqual([1, 0, 1]);
    }
  });

  it("gives back a long id whole", () => {
    const table = new KeyTable(0);
    const long = "x".repeat(10_000) + "é";
    const wide = "西".repeat(5_000);
    const [a, b] = [table.add(long), table.add(wide)];
    expect([table.text(a), table.text(b), table.find(long), table.find(wide)]).toEqual([long, wide, a, b]);
  });
});

describe("StampedSet and StampedRecords", () => {
  it("stamp versions of 32 bits, and refuse a larger one as the programmer error it is", () => {
    const set = new StampedSet(0);
    set.add(0xffffffff, "last");
    expect([set.has(0xfffffffe, "last"), set.has(0xffffffff, "last")]).toEqual([false, true]);
    expect(() => set.add(2 ** 32, "past")).toThrow(RangeError);
    expect(set.has(2 ** 32, "past")).toBe(false);
  });

  // Steps over one lineage: writing the next version, or reading an id as some older version saw it.
  const step = fc.oneof(fc.record({ put: id, record: visit }), fc.record({ read: id, back: fc.nat() }));

  prop.prop([fc.array(step, { maxLength: 120 }), fc.nat(), fc.constantFrom(...SMALLEST)])("answer as a Map of stamped entries does, at every version, and a branch holds what its version saw", (steps, at, smallest) => {
    const names = new Names(smallest);
    const records = new StampedRecords(VISIT, names, smallest);
    const set = new StampedSet(smallest);
    const model = new Map<string, Visit>();
    let version = 0;
    for (const s of steps) {
      if ("put" in s) {
        version++;
        const record = { since: version, ...s.record };
        records.put(version, s.put, record);
        expect(set.mark(version, s.put)).toBe(!model.has(s.put));
        model.set(s.put, record);
      } else {
        const seenAt = version === 0 ? 0 : s.back % (version + 1);
        const entry = model.get(s.read);
        const expected = entry !== undefined && entry.since <= seenAt ? entry : undefined;
        expect(records.get(seenAt, s.read)).toEqual(expected);
        expect(records.has(seenAt, s.read)).toBe(expected !== undefined);
      }
    }
    // The set stamps an id when first marked; the records when last put.
    for (const [key, entry] of model) {
      expect(records.get(version, key)).toEqual(entry);
      expect(set.has(version, key)).toBe(true);
      expect(records.get(entry.since - 1, key)).toBeUndefined();
    }
    const branchAt = version === 0 ? 0 : at % (version + 1);
    const branch = records.copyAt(branchAt);
    const seen = [...model].filter(([, e]) => e.since <= branchAt);
    expect(branch.size).toBe(seen.length);
    for (const [key, entry] of model) expect(branch.get(version, key)).toEqual(entry.since <= branchAt ? entry : undefined);
    // Writing to the branch leaves the original as it was.
    branch.put(branchAt + 1, "\u{1F331}new", { since: branchAt + 1, day: "d", contact: null, lead: false, cadres: ["x"] });
    expect([branch.has(branchAt + 1, "\u{1F331}new"), records.has(version + 1, "\u{1F331}new")]).toEqual([true, model.has("\u{1F331}new")]);
  });
});
