import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { recentMap } from "./RecentMap.js";

describe("recentMap", () => {
  test.prop([fc.integer({ min: 1, max: 8 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.nat()), { maxLength: 60 })])(
    "holds what a first-in-first-out model of the same capacity holds",
    (capacity, writes) => {
      const map = recentMap<number, number>(capacity);
      const model = new Map<number, number>(); // a Map keeps insertion order; setting a held key keeps its place
      for (const [key, value] of writes) {
        map.set(key, value);
        model.set(key, value);
        if (model.size > capacity) model.delete([...model.keys()][0] as number);
        expect(map.size()).toBe(model.size);
        for (let k = 0; k <= 12; k++) expect([map.has(k), map.get(k)]).toEqual([model.has(k), model.get(k)]);
      }
    },
  );

  it("refuses a capacity below 1", () => {
    expect(() => recentMap(0)).toThrow(RangeError);
  });
});
