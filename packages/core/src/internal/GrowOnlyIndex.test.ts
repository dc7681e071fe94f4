import { describe, expect, it } from "vitest";
import { extend, type Index, insert, lookup, newLineage, valuesAt } from "./GrowOnlyIndex.js";

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
});
