import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { eventJsonArb } from "../testing-support/arbitraries.js";
import { canonicalJson } from "./canonical.js";
import { sealedText } from "./seal.js";

/** The definition, written the obvious way: keys filtered and sorted, members joined. */
const reference = (value: unknown): string => {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(record[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
};

const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string({ unit: "binary" }),
    fc.string({ unit: fc.constantFrom("a", "\\", '"', "\n", "\u0000", "\u2028", "\ud800", "\udc00", "é", "😀") }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom("10", "2", "__proto__", "b", "B", "é")), fc.oneof(tie("value"), fc.constant(undefined)), { maxKeys: 6 }),
  ),
})).value;

describe("canonicalJson is the definition, only faster", () => {
  test.prop([jsonish])("equals sorting keys then JSON.stringify, on any JSON-like value", (value) => {
    expect(canonicalJson(value)).toBe(reference(value));
  });

  test.prop([eventJsonArb, fc.bigInt({ min: 0n, max: 2n ** 40n })])("sealedText is canonicalJson of the eight sealed fields", (event, revision) => {
    const fields = {
      type: event.type,
      data: event.data,
      schemaVersion: 1,
      eventId: "00000000-0000-4000-8000-000000000001",
      streamId: "tenfold-campaign-x",
      streamRevision: revision,
      recordedAt: "2013-03-01T08:00:00.000Z",
      metadata: { actor: "clerk-7", correlationId: null, causationId: "c" },
    };
    expect(sealedText(fields)).toBe(reference(fields));
  });

  it("keeps an own __proto__ key as a key", () => {
    const parsed: unknown = JSON.parse('{"b":1,"__proto__":{"x":2},"a":[]}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":2},"a":[],"b":1}');
  });
});
