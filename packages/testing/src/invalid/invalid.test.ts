import { fc, test } from "@fast-check/vitest";
import { type DecodeError, RULE_OF, decodeEvent } from "@tenfold/core";
import { checkEvent, parseHistoryLine } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { checkHistory } from "../history/checkHistory.js";
import { EVENT_MUTATIONS, arbitraryInvalidEventJson } from "./arbitraryInvalidEventJson.js";
import { LINE_MUTATIONS, arbitraryInvalidHistoryLine } from "./arbitraryInvalidHistoryLine.js";
import { DOMAIN_ERROR_TAGS, type RuleBreak, arbitraryRuleBreak } from "./arbitraryRuleBreak.js";

/** The breaking event, checked after the history: its refusal, or why the break is not one. */
const refusal = ({ history, breaking }: RuleBreak) => {
  const state = checkHistory(history);
  if (E.isLeft(state)) return { history: "invalid", ...state.left };
  return { decodes: E.isRight(decodeEvent(JSON.parse(JSON.stringify(breaking)))), checked: checkEvent(state.right, breaking) };
};

describe("arbitraryRuleBreak", () => {
  test.prop([arbitraryRuleBreak()])("breaks the rule it names, at the index it names, with a well-formed event after a valid history", (b) => {
    const r = refusal(b);
    expect(r).toMatchObject({ decodes: true, checked: { _tag: "Left", left: { _tag: b.expectedTag } } });
    expect(RULE_OF[b.expectedTag]).toBe(b.rule);
    expect(b.index).toBe(b.history.length);
    expect(checkHistory([...b.history, b.breaking])).toMatchObject({ _tag: "Left", left: { index: b.index } });
  });

  describe.each(DOMAIN_ERROR_TAGS)("reaches %s", (tag) => {
    test.prop([arbitraryRuleBreak({ tag })])("every time it is asked for", (b) => {
      expect(b.expectedTag).toBe(tag);
      expect(refusal(b)).toMatchObject({ decodes: true, checked: { _tag: "Left", left: { _tag: tag } } });
    });
  });

  it.each([1, 2, 3, 4, 5, 6] as const)("keeps to rule %i when asked", (rule) => {
    for (const b of fc.sample(arbitraryRuleBreak({ rule }), { numRuns: 200 })) expect(b.rule).toBe(rule);
  });

  it("reaches every DomainError without being asked", () => {
    const seen = new Set(fc.sample(arbitraryRuleBreak(), { numRuns: 400 }).map((b) => b.expectedTag));
    expect(DOMAIN_ERROR_TAGS.filter((t) => !seen.has(t))).toEqual([]);
  });

  describe.each(["PersonalDataOfErasedSubject", "SubjectAlreadyErased"] as const)("%s", (tag) => {
    test.prop([arbitraryRuleBreak({ tag })])("breaks rule 6 only: without the subject's erasure, the event is accepted", (b) => {
      const r = refusal(b);
      const checked = "checked" in r ? r.checked : undefined;
      const subject = checked !== undefined && E.isLeft(checked) && "subject" in checked.left ? checked.left.subject : "";
      const before = b.history.filter((e) => !(e.type === "SubjectErased" && e.data.subject === subject));
      expect(before.length).toBe(b.history.length - 1);
      expect(checkHistory([...before, b.breaking])._tag).toBe("Right");
    });
  });

  it("breaks histories with erasures too, open and closed", () => {
    const breaks = fc.sample(arbitraryRuleBreak(), { numRuns: 300 });
    const erased = (b: RuleBreak): boolean => b.history.some((e) => e.type === "SubjectErased");
    expect(breaks.some((b) => erased(b) && b.history.some((e) => e.type === "CampaignClosed"))).toBe(true);
    expect(breaks.some((b) => erased(b) && b.expectedTag !== "SubjectAlreadyErased" && b.expectedTag !== "PersonalDataOfErasedSubject")).toBe(true);
  });

  it("refuses a tag that is not of the rule", () => {
    expect(() => arbitraryRuleBreak({ rule: 1, tag: "DuplicateId" })).toThrow(RangeError);
  });
});

const atPath = (path: string) => (error: DecodeError) =>
  error.issues.every((issue) => issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`));

describe("arbitraryInvalidEventJson", () => {
  test.prop([arbitraryInvalidEventJson()])("is refused by the codecs, at the path it names and nowhere else", ({ json, path }) => {
    const decoded = decodeEvent(json);
    expect(decoded._tag).toBe("Left");
    if (E.isLeft(decoded)) expect({ path, issues: decoded.left.issues, atPath: atPath(path)(decoded.left) }).toMatchObject({ atPath: true });
  });

  it("applies every mutation", () => {
    const seen = new Set(fc.sample(arbitraryInvalidEventJson(), { numRuns: 200 }).map((x) => x.mutation));
    expect([...seen].sort()).toEqual([...EVENT_MUTATIONS].sort());
  });
});

describe("arbitraryInvalidHistoryLine", () => {
  test.prop([arbitraryInvalidHistoryLine()])("is refused by parseHistoryLine, at the path it names", ({ line, path }) => {
    const parsed = parseHistoryLine(line);
    expect(parsed._tag).toBe("Left");
    if (E.isLeft(parsed)) expect({ path, issues: parsed.left.issues, atPath: atPath(path)(parsed.left) }).toMatchObject({ atPath: true });
  });

  it("applies every mutation", () => {
    const seen = new Set(fc.sample(arbitraryInvalidHistoryLine(), { numRuns: 200 }).map((x) => x.mutation));
    expect([...seen].sort()).toEqual([...LINE_MUTATIONS].sort());
  });
});
