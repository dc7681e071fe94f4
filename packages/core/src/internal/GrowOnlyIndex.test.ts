import { describe, expect, it } from "vitest";
import { Names, StampedRecords, StampedSet } from "./CompactIndex.js";
import { extend, type Index, insert, lookup, newLineage, type Stamped } from "./GrowOnlyIndex.js";

const valuesAt = <V>(index: Index<V>, version: number): V[] => [...index.values()].filter((e) => e.since <= version).map((e) => e.value);

describe("GrowOnlyIndex", () => {
  it("writes in place along a line, and each version sees only its own entries", () => {
    const root = newLineage<{ xs: Index<string> }>({ xs: new Map() });
    const l1 = extend(root, 0);
    insert(l1.maps.xs, 1, "a", "A");
    const l2 = extend(l1, 1);
    insert(l2.maps.xs, 2, "b", "B");
    expect(l2).toBe(root);
    expect(valuesAt(l2.maps.xs, 1)).toEqual(["A"]);
    expect(valuesAt(l2.maps.xs, 2)).toEqual(["A", "B"]);
    expect(lookup(l2.maps.xs, 0, "a")).toBeUndefined();
  });

  it("copies what an older version sees when it branches", () => {
    const root = newLineage<{ xs: Index<string> }>({ xs: new Map() });
    insert(extend(root, 0).maps.xs, 1, "a", "A");
    insert(extend(root, 1).maps.xs, 2, "b", "B");
    const branch = extend(root, 1);
    expect(branch).not.toBe(root);
    insert(branch.maps.xs, 2, "c", "C");
    expect(valuesAt(branch.maps.xs, 2)).toEqual(["A", "C"]);
    expect(valuesAt(root.maps.xs, 2)).toEqual(["A", "B"]);
  });

  it("branches the compact indexes of a lineage too, each copy holding what the older version saw", () => {
    type Day = Stamped & { readonly day: string };
    const names = new Names();
    const layout = {
      width: 1,
      write: (r: Day, out: Int32Array, at: number) => void (out[at] = names.of(r.day)),
      read: (row: Int32Array, at: number, since: number): Day => ({ since, day: names.name(row[at] ?? 0) }),
    };
    type Maps = { records: StampedRecords<Day>; keys: StampedSet };
    const root = newLineage<Maps>({ records: new StampedRecords(layout, names), keys: new StampedSet() });
    const l1 = extend(root, 0);
    l1.maps.records.put(1, "r1", { since: 1, day: "2013-03-01" });
    l1.maps.keys.add(1, "k1");
    const l2 = extend(l1, 1);
    l2.maps.records.put(2, "r2", { since: 2, day: "2013-03-02" });
    l2.maps.keys.add(2, "k2");
    expect(l2).toBe(root);
    const branch = extend(root, 1);
    expect(branch).not.toBe(root);
    expect([branch.maps.records.size, branch.maps.keys.size]).toEqual([1, 1]);
    expect([branch.maps.records.get(2, "r1"), branch.maps.records.get(2, "r2"), branch.maps.keys.has(2, "k2")]).toEqual([{ since: 1, day: "2013-03-01" }, undefined, false]);
    branch.maps.keys.add(2, "k3");
    expect([root.maps.keys.has(2, "k2"), root.maps.keys.has(2, "k3"), root.maps.records.get(2, "r2")?.day]).toEqual([true, false, "2013-03-02"]);
  });
});
