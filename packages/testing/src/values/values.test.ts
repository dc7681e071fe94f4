import { fc, test } from "@fast-check/vitest";
import {
  CADRE_ROLES,
  FUND_KINDS,
  VISIT_PURPOSES,
  VISIT_SETTINGS,
  CadreRole,
  ChecklistItem,
  ContactKind,
  Count,
  Day,
  DEFAULT_CHECKLIST,
  Fen,
  FundKind,
  Id,
  Text,
  VisitPurpose,
  VisitSetting,
  formatDecodeError,
} from "@tenfold/core";
import { fromValidationErrors } from "@tenfold/core/codecs";
import { Subject } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  arbitraryCadreRole,
  arbitraryChecklist,
  arbitraryChecklistItem,
  arbitraryContactKind,
  arbitraryFundKind,
  arbitraryVisitPurpose,
  arbitraryVisitPurposes,
  arbitraryVisitSetting,
} from "./arbitraryEnums.js";
import { arbitraryCount, arbitraryDay, arbitraryFen, arbitraryId, arbitrarySubject, arbitraryText } from "./arbitraryValues.js";

describe("value arbitraries produce what the codecs accept", () => {
  test.prop([arbitraryId()])("Id", (id) => {
    expect(Id.decode(id)).toEqual(E.right(id));
  });
  test.prop([arbitraryText()])("Text", (s) => {
    expect(Text.decode(s)).toEqual(E.right(s));
  });
  test.prop([arbitraryText({ maxLength: 500, unit: "binary" })])("Text, long and binary", (s) => {
    expect(Text.decode(s)).toEqual(E.right(s));
  });
  test.prop([arbitraryDay()])("Day, over the whole calendar", (d) => {
    expect(Day.decode(d)).toEqual(E.right(d));
  });
  test.prop([arbitraryCount()])("Count", (n) => {
    expect(Count.decode(n)).toEqual(E.right(n));
  });
  test.prop([arbitraryFen()])("Fen", (n) => {
    expect(Fen.decode(n)).toEqual(E.right(n));
  });
  test.prop([arbitrarySubject()])("Subject", (s) => {
    expect(Subject.decode(s)).toEqual(E.right(s));
  });
  test.prop([arbitraryContactKind(), arbitraryChecklistItem(), arbitraryCadreRole(), arbitraryVisitSetting(), arbitraryVisitPurpose(), arbitraryFundKind()])(
    "the enumerations",
    (kind, item, role, setting, purpose, fund) => {
      expect([ContactKind.is(kind), ChecklistItem.is(item), CadreRole.is(role), VisitSetting.is(setting), VisitPurpose.is(purpose), FundKind.is(fund)]).toEqual(Array(6).fill(true));
    },
  );
  test.prop([arbitraryChecklist(), arbitraryVisitPurposes()])("checklists and purposes are non-empty and distinct", (checklist, purposes) => {
    for (const list of [checklist, purposes]) {
      expect(list.length).toBeGreaterThan(0);
      expect(new Set(list).size).toBe(list.length);
    }
  });
});

describe("constraints", () => {
  test.prop([arbitraryId({ minLength: 3, maxLength: 5 }), arbitraryText({ maxLength: 3, unit: "grapheme-ascii" })])("bound lengths", (id, text) => {
    expect(id.length).toBeGreaterThanOrEqual(3);
    expect(id.length).toBeLessThanOrEqual(5);
    expect(text.length).toBeLessThanOrEqual(3);
  });
  test.prop([arbitraryDay({ min: "0001-01-01", max: "0099-12-31" }), arbitraryDay({ min: "2013-02-27", max: "2013-03-02" })])("bound days, early years included", (early, around) => {
    expect(Day.is(early) && early <= "0099-12-31").toBe(true);
    expect(["2013-02-27", "2013-02-28", "2013-03-01", "2013-03-02"]).toContain(around);
  });
  test.prop([arbitraryCount({ min: 5, max: 7 }), arbitraryFen({ max: 3 }), arbitraryChecklist({ among: ["village", "research-report"], minLength: 2 })])(
    "bound numbers and lists",
    (count, fen, checklist) => {
      expect(count >= 5 && count <= 7 && fen >= 1 && fen <= 3).toBe(true);
      expect([...checklist].sort()).toEqual(["research-report", "village"]);
    },
  );
  test.prop([arbitrarySubject({ kinds: ["contact"], ids: { maxLength: 3 } })])("bound subjects", (s) => {
    expect(s).toMatch(/^contact:[A-Za-z0-9._-]{1,3}$/);
  });
  it("refuses impossible constraints with a RangeError", () => {
    expect(() => arbitrarySubject({ kinds: [] })).toThrow(RangeError);
    expect(() => arbitraryId({ maxLength: 65 })).toThrow(RangeError);
    expect(() => arbitraryDay({ min: "2013-03-02", max: "2013-03-01" })).toThrow(RangeError);
    expect(() => arbitraryDay({ min: "2013-02-30" })).toThrow(RangeError);
    expect(() => arbitraryFen({ min: 0 })).toThrow(RangeError);
    expect(() => arbitraryChecklist({ among: [] })).toThrow(RangeError);
    expect(() => arbitraryContactKind({ among: [] })).toThrow(RangeError);
  });
  it("shrinks days towards the Xining launch, 2013-03-01", () => {
    const result = fc.check(fc.property(arbitraryDay(), () => false), { seed: 1 });
    expect(result.counterexample).toEqual(["2013-03-01"]);
  });
});

describe("enumeration constants", () => {
  type Enumeration = typeof CadreRole | typeof VisitSetting | typeof VisitPurpose | typeof FundKind | typeof ChecklistItem;
  const allowed = (codec: Enumeration): ReadonlyArray<string> => {
    const result = codec.decode("(none)");
    const message = E.isLeft(result) ? formatDecodeError(fromValidationErrors(result.left)).join("") : "";
    return (/expected one of (.*), got/.exec(message)?.[1] ?? "").split(" | ");
  };
  it("list exactly what the codecs accept", () => {
    expect(CADRE_ROLES).toEqual(allowed(CadreRole));
    expect(VISIT_SETTINGS).toEqual(allowed(VisitSetting));
    expect(VISIT_PURPOSES).toEqual(allowed(VisitPurpose));
    expect(FUND_KINDS).toEqual(allowed(FundKind));
    expect(DEFAULT_CHECKLIST).toEqual(allowed(ChecklistItem));
  });
});
