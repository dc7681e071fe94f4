import { fc, test } from "@fast-check/vitest";
import * as E from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import { describe, expect, it } from "vitest";
import { formatDecodeError, fromValidationErrors } from "../decoding/DecodeError.js";
import { countArb, fenArb, idArb, textArb } from "../testing-support/arbitraries.js";
import { ChecklistItem } from "./ChecklistItem.js";
import { closed, listOf, nullable } from "./collections.js";
import { Count } from "./Count.js";
import { Fen } from "./Fen.js";
import { Id } from "./Id.js";
import { Text } from "./Text.js";

const problems = (codec: t.Decoder<unknown, unknown>, u: unknown): ReadonlyArray<string> => {
  const r = codec.decode(u);
  return E.isLeft(r) ? formatDecodeError(fromValidationErrors(r.left)) : [];
};

describe("Id", () => {
  test.prop([idArb])("round-trips every id", (id) => {
    expect(Id.decode(Id.encode(id as Id))).toEqual(E.right(id));
  });
  it.each(["", "a b", "x".repeat(65), "组", "a/b"])("refuses %j", (s) =>
    expect(problems(Id, s)).toEqual([`(the value): expected an Id (1–64 characters from A–Z a–z 0–9 . _ -), got ${JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s)}`]),
  );
  it("refuses non-strings", () => expect(problems(Id, 7)).toEqual(["(the value): expected an Id (1–64 characters from A–Z a–z 0–9 . _ -), got 7"]));
});

describe("Text", () => {
  test.prop([textArb])("round-trips trimmed text", (s) => {
    expect(Text.decode(s)).toEqual(E.right(s));
  });
  it("counts characters, not UTF-16 units", () => {
    expect(Text.is("文".repeat(500))).toBe(true);
    expect(Text.is("😀".repeat(500))).toBe(true);
    expect(problems(Text, "😀".repeat(501))).toEqual(["(the value): expected at most 500 characters, got 501"]);
  });
  it("refuses empty and untrimmed text", () => {
    expect(problems(Text, "")).toEqual(["(the value): expected text of 1–500 characters, got an empty string"]);
    expect(problems(Text, " x")).toEqual(["(the value): expected trimmed text, got leading or trailing white space"]);
    expect(problems(Text, "x\n")).toEqual(["(the value): expected trimmed text, got leading or trailing white space"]);
  });
});

describe("Count and Fen", () => {
  test.prop([countArb])("Count round-trips", (n) => {
    expect(Count.decode(n)).toEqual(E.right(n));
  });
  test.prop([fenArb])("Fen round-trips", (n) => {
    expect(Fen.decode(n)).toEqual(E.right(n));
  });
  it("refuses fractions, negatives, zero fen and unsafe integers", () => {
    expect(problems(Count, -1)).toEqual(["(the value): expected a whole number ≥ 0, got -1"]);
    expect(problems(Count, 1.5)).toEqual(["(the value): expected a whole number ≥ 0, got 1.5"]);
    expect(problems(Count, "3")).toEqual(['(the value): expected a whole number ≥ 0, got "3"']);
    expect(problems(Fen, 0)).toEqual(["(the value): expected a whole number of fen from 1 to 2^53−1, got 0"]);
    expect(problems(Fen, 2 ** 53)).toEqual(["(the value): expected a whole number of fen from 1 to 2^53−1, got 9007199254740992"]);
    expect(Fen.is(Number.MAX_SAFE_INTEGER)).toBe(true);
  });
});

describe("lists, nullables and closed records", () => {
  const ids = listOf(Id, { nonEmpty: true, unique: true });
  it("names the failing element by index", () => expect(problems(ids, ["a", "b c"])).toEqual(['[1]: expected an Id (1–64 characters from A–Z a–z 0–9 . _ -), got "b c"']));
  it("refuses empty and repeating lists", () => {
    expect(problems(ids, [])).toEqual(["(the value): expected at least one element, got an empty list"]);
    expect(problems(ids, ["a", "b", "a"])).toEqual(['(the value): expected no repeats, got "a" at [0] and [2]']);
    expect(problems(ids, "a")).toEqual(['(the value): expected a list, got "a"']);
  });
  it("nullable accepts null and reports the inner failure", () => {
    expect(nullable(Id).decode(null)).toEqual(E.right(null));
    expect(problems(nullable(Id), "")).toEqual(['(the value): expected an Id (1–64 characters from A–Z a–z 0–9 . _ -), got ""']);
  });
  it("closed records refuse unknown and missing fields by name", () => {
    const R = closed("R", { a: Id, b: ChecklistItem });
    expect(problems(R, { a: "x", b: "village", c: 1 })).toEqual(["c: is not a field of R"]);
    expect(problems(R, { a: "x" })).toEqual(["b: is required"]);
    expect(problems(R, { a: "x", b: "pond" })).toEqual([
      'b: expected one of village | village-party-secretary | poor-household | party-member-in-difficulty | college-graduate-village-official | community | non-public-enterprise-party-organization | household-survey | problem-solved | research-report, got "pond"',
    ]);
    expect(problems(R, [1])).toEqual(["(the value): expected R as an object, got a list"]);
  });
  test.prop([fc.array(idArb, { maxLength: 6 })])("a list is unique exactly when it has no repeats", (xs) => {
    expect(listOf(Id, { unique: true }).is(xs)).toBe(new Set(xs).size === xs.length);
  });
  test.prop([fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 70 }).map((ns) => ns.map((n) => `id-${n}`))])(
    "names the first repeat and where its value first stood, in short lists and long ones",
    (xs) => {
      const at = xs.findIndex((x, i) => xs.indexOf(x) < i);
      const expected = at < 0 ? [] : [`(the value): expected no repeats, got "${xs[at]}" at [${xs.indexOf(xs[at]!)}] and [${at}]`];
      expect(problems(listOf(Id, { unique: true }), xs)).toEqual(expected);
    },
  );
});
