import { describe, expect, it } from "vitest";
import { extend, has, type Index, insert, insertKey, insertRecord, lookup, lookupRecord, newLineage, type RecordIndex, type SetIndex, type Stamped, valuesAt } from "./GrowOnlyIndex.js";

describe("GrowOnlyIndex", () => {
  it("writes in place along a line, and each version sees only its own entries", () => {
    const root = newLineage<{ xs: Index<string> }>({ xs: new Map() });
    const l1 = extend(root, 0);
    insert(l1.maps.xs, 1, "a", "A");
    const l2 = extend(l1, 1);
    insert(l2.maps.xs, 2, "b", "B");
    expect(l2).toBe(root);
    expect([...valuesAt(l2.maps.xs, 1)]).toEqual(["A"]);
    expect([...valuesAt(l2.maps.xs, 2)]).toEqual(["A", "B"]);
    expect(lookup(l2.maps.xs, 0, "a")).toBeUndefined();
  });

  it("copies what an older version sees when it branches", () => {
    const root = newLineage<{ xs: Index<string> }>({ xs: new Map() });
    insert(extend(root, 0).maps.xs, 1, "a", "A");
    insert(extend(root, 1).maps.xs, 2, "b", "B");
    const branch = extend(root, 1);
    expect(branch).not.toBe(root);
    insert(branch.maps.xs, 2, "c", "C");
    expect([...valuesAt(branch.maps.xs, 2)]).toEqual(["A", "C"]);
    expect([...valuesAt(root.maps.xs, 2)]).toEqual(["A", "B"]);
  });

  it("keeps records that hold their own stamp, and sets of keys stamped alone, as it keeps values", () => {
    type Maps = { records: RecordIndex<Stamped & { readonly day: string }>; keys: SetIndex };
    const root = newLineage<Maps>({ records: new Map(), keys: new Map() });
    const l1 = extend(root, 0);
    insertRecord(l1.maps.records, "r1", { since: 1, day: "2013-03-01" });
    insertKey(l1.maps.keys, 1, "k1");
    const l2 = extend(l1, 1);
    insertRecord(l2.maps.records, "r2", { since: 2, day: "2013-03-02" });
    insertKey(l2.maps.keys, 2, "k2");
    expect(lookupRecord(l2.maps.records, 1, "r1")).toEqual({ since: 1, day: "2013-03-01" });
    expect(lookupRecord(l2.maps.records, 1, "r2")).toBeUndefined();
    expect([has(l2.maps.keys, 1, "k1"), has(l2.maps.keys, 1, "k2"), has(l2.maps.keys, 2, "k2"), has(l2.maps.records, 0, "r1")]).toEqual([true, false, true, false]);
    // A branch from version 1 sees (and copies) only what version 1 saw, of every kind.
    const branch = extend(root, 1);
    expect(branch).not.toBe(root);
    expect([...branch.maps.records.keys(), ...branch.maps.keys.keys()]).toEqual(["r1", "k1"]);
    expect([has(root.maps.keys, 2, "k2"), lookupRecord(root.maps.records, 2, "r2")?.day]).toEqual([true, "2013-03-02"]);
  });
});
