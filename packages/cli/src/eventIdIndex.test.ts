import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { eventIdIndex } from "./eventIdIndex.js";

/** Ids from a small pool, so that many repeat: sequential ones (few bits differ), random ones, and their uppercase spellings. */
const idArb = fc.oneof(
  fc.nat({ max: 300 }).map((n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`),
  fc.uuid(),
  fc.nat({ max: 50 }).map((n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`.toUpperCase().replace(/^0/, "A")),
  // Near a lowercase UUID, and not one: a unit changed anywhere (a dash moved, a digit out of range), or one short or long.
  fc.tuple(fc.nat({ max: 20 }), fc.nat({ max: 35 }), fc.constantFrom("-", "g", "G", "/", ":", "`", "\u0660", "0")).map(
    ([n, at, unit]) => {
      const id = `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
      return id.slice(0, at) + unit + id.slice(at + 1);
    },
  ),
  fc.nat({ max: 20 }).map((n) => `00000000-0000-4000-8000-${n.toString(16).padStart(11, "0")}`),
  fc.nat({ max: 20 }).map((n) => `00000000-0000-4000-8000-${n.toString(16).padStart(13, "0")}`),
);

describe("eventIdIndex", () => {
  test.prop([fc.array(idArb, { maxLength: 2000 }), fc.integer({ min: 1, max: 64 })], { seed: 20130302 })(
    "answers exactly as a map from id to its first line, through every growth",
    (ids, expected) => {
      const index = eventIdIndex(expected);
      const reference = new Map<string, number>();
      ids.forEach((id, i) => {
        const earlier = reference.get(id);
        if (earlier === undefined) reference.set(id, i + 1);
        expect(index.add(id, i + 1)).toBe(earlier);
      });
      expect(index.size()).toBe(reference.size);
    },
  );

  it("tells two spellings of one UUID apart, as two ids", () => {
    const index = eventIdIndex();
    expect(index.add("0000000a-0000-4000-8000-00000000000b", 1)).toBeUndefined();
    expect(index.add("0000000A-0000-4000-8000-00000000000B", 2)).toBeUndefined();
    expect(index.add("0000000a-0000-4000-8000-00000000000b", 3)).toBe(1);
    expect(index.add("0000000A-0000-4000-8000-00000000000B", 4)).toBe(2);
  });

  it("keeps line numbers past 2^32 exactly, and finds an id first seen there, or before", () => {
    const index = eventIdIndex();
    const [a, b, c] = ["0000000a-0000-4000-8000-000000000001", "0000000b-0000-4000-8000-000000000002", "0000000c-0000-4000-8000-000000000003"];
    expect(index.add(a, 2 ** 32)).toBeUndefined();
    expect(index.add(a, 2 ** 32 + 9)).toBe(2 ** 32);
    expect(index.add(b, 2 ** 32 + 5)).toBeUndefined();
    expect(index.add(b, 7)).toBe(2 ** 32 + 5);
    expect(index.add(c, 3)).toBeUndefined();
    expect(index.add(c, 2 ** 33)).toBe(3);
    expect(index.size()).toBe(3);
  });

  it("holds 200,000 ids and finds any of them", () => {
    const index = eventIdIndex(1);
    for (let n = 1; n <= 200_000; n++) index.add(`00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`, n);
    expect(index.size()).toBe(200_000);
    expect(index.add(`00000000-0000-4000-8000-${(123_456).toString(16).padStart(12, "0")}`, 1)).toBe(123_456);
  });
});
