import { fc, test } from "@fast-check/vitest";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { formatDecodeError, fromValidationErrors } from "../decoding/DecodeError.js";
import { Day, daysInMonth } from "./Day.js";

const messageOf = (u: unknown): string => {
  const r = Day.decode(u);
  return E.isLeft(r) ? formatDecodeError(fromValidationErrors(r.left)).join("\n") : "ok";
};

describe("Day", () => {
  it("accepts real dates, leap days included", () => {
    expect(Day.is("2013-03-01")).toBe(true);
    expect(Day.is("2012-02-29")).toBe(true);
    expect(Day.is("2000-02-29")).toBe(true);
  });

  it("refuses dates that do not exist, saying so", () => {
    expect(messageOf("2013-02-30")).toBe("(the value): 2013-02-30 is not a calendar date");
    expect(messageOf("1900-02-29")).toBe("(the value): 1900-02-29 is not a calendar date");
    expect(messageOf("2013-13-01")).toBe("(the value): 2013-13-01 is not a calendar date");
    expect(messageOf("0000-01-01")).toBe("(the value): 0000-01-01 is not a calendar date");
  });

  it("refuses other shapes and types", () => {
    expect(messageOf("2013-3-1")).toBe('(the value): expected a day as YYYY-MM-DD, got "2013-3-1"');
    expect(messageOf(20130301)).toBe("(the value): expected a day as YYYY-MM-DD, got 20130301");
    expect(messageOf("2013-03-01T00:00:00Z")).toContain("expected a day as YYYY-MM-DD");
  });

  test.prop([fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })])(
    "agrees with the calendar: every real date decodes and round-trips",
    (date) => {
      const day = date.toISOString().slice(0, 10);
      const decoded = Day.decode(day);
      expect(decoded).toEqual(E.right(day));
      expect(Day.encode(day as Day)).toBe(day);
    },
  );

  test.prop([fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })])(
    "accepts a day exactly when the month has it",
    (y, m, d) => {
      const day = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      const real = new Date(Date.UTC(2000, m - 1, d));
      real.setUTCFullYear(y);
      const exists = real.getUTCDate() === d && d <= daysInMonth(y, m);
      expect(Day.is(day)).toBe(exists);
    },
  );
});
