import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { isLowerHex } from "./lowerHex.js";

const HEX_64 = /^[0-9a-f]{64}$/;
const HEX_32 = /^[0-9a-f]{32}$/;

/** Strings near a digest: hex digits of either case, with a unit anywhere from the whole UTF-16 range, of lengths about the one tested. */
const nearHex = fc.oneof(
  fc.stringMatching(/^[0-9a-fA-F]{60,68}$/),
  fc.stringMatching(/^[0-9a-f]{28,36}$/),
  fc.tuple(fc.stringMatching(/^[0-9a-f]{64}$/), fc.nat(63), fc.integer({ min: 0, max: 0xffff })).map(([s, at, unit]) => s.slice(0, at) + String.fromCharCode(unit) + s.slice(at + 1)),
  fc.string({ unit: "binary", maxLength: 70 }),
);

describe("isLowerHex", () => {
  test.prop([nearHex], { seed: 1520, numRuns: 5000 })("agrees with /^[0-9a-f]{n}$/ for 64 and 32 digits", (s) => {
    expect(isLowerHex(s, 64)).toBe(HEX_64.test(s));
    expect(isLowerHex(s, 32)).toBe(HEX_32.test(s));
  });

  it("refuses every unit that is not a lowercase hex digit, at the first place and the last", () => {
    const zeros = "0".repeat(64);
    for (let unit = 0; unit <= 0xffff; unit++) {
      const c = String.fromCharCode(unit);
      const digit = /^[0-9a-f]$/.test(c);
      expect(isLowerHex(c + zeros.slice(1), 64)).toBe(digit);
      expect(isLowerHex(zeros.slice(1) + c, 64)).toBe(digit);
    }
  });

  it("refuses a string one digit short or long, and a trailing newline", () => {
    const f = "f".repeat(64);
    expect(isLowerHex(f, 64)).toBe(true);
    expect(isLowerHex(f.slice(1), 64)).toBe(false);
    expect(isLowerHex(`${f}0`, 64)).toBe(false);
    expect(isLowerHex(`${f.slice(1)}\n`, 64)).toBe(false);
    expect(isLowerHex("", 0)).toBe(true);
  });
});
