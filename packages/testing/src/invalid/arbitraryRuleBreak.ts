import { type CampaignEvent, type DomainErrorTag, EVENT_TYPES, RULE_OF } from "@tenfold/core";
import fc from "fast-check";
import { arbitraryCampaignEvent } from "../events/arbitraryEvents.js";
import { type HistoryWithErasuresConstraints, arbitraryHistoryWithErasures } from "../history/arbitraryErasures.js";
import { factsOf } from "./facts.js";
import type { Context } from "./makers.js";
import { SCENARIOS } from "./scenarios.js";

// model

/** A rule of DOMAIN.md, by number: 1–5 as numbered there, 6 for those of personal data and erasure. */
export type RuleNumber = 1 | 2 | 3 | 4 | 5 | 6;

/**
 * A valid history and one event that breaks a rule: checked after `history`, `breaking` is
 * refused with the DomainError `expectedTag`, which enforces rule `rule`. `index` is where the
 * breaking event stands when appended (`history.length`).
 */
export interface RuleBreak {
  readonly history: ReadonlyArray<CampaignEvent>;
  readonly breaking: CampaignEvent;
  readonly index: number;
  readonly rule: RuleNumber;
  readonly expectedTag: DomainErrorTag;
}

/** Options of {@link arbitraryRuleBreak}. */
export interface RuleBreakConstraints {
  /** Only breaks of this rule. @defaultValue any rule */
  readonly rule?: RuleNumber;
  /** Only breaks refused with this DomainError (of `rule`, when both are given). @defaultValue any */
  readonly tag?: DomainErrorTag;
  /**
   * The valid histories that are broken (erasures included); whether they are closed is the break's to decide.
   * @defaultValue arbitraryHistoryWithErasures()'s
   */
  readonly history?: Omit<HistoryWithErasuresConstraints, "closed" | "launchedOn">;
}

// constructors

/** Every DomainError tag, in the order of the rules. */
export const DOMAIN_ERROR_TAGS = Object.keys(RULE_OF) as ReadonlyArray<DomainErrorTag>;

const CHOICES = 8;

const breakRule = (tag: DomainErrorTag, history: ReadonlyArray<CampaignEvent>, choices: ReadonlyArray<number>, any: CampaignEvent): RuleBreak => {
  const rule = RULE_OF[tag];
  if (tag === "CampaignNotLaunched") return { history: [], breaking: any, index: 0, rule, expectedTag: tag };
  let next = 0;
  const ctx: Context = { facts: factsOf(history), setup: [], choose: () => choices[next++ % CHOICES] ?? 0, serial: 0 };
  const breaking = SCENARIOS[tag](ctx, any);
  const full = [...history, ...ctx.setup];
  return { history: full, breaking, index: full.length, rule, expectedTag: tag };
};

/**
 * A valid history plus one event that breaks a rule, for negative properties. Every DomainError
 * of core is reachable; the breaking event breaks that rule only (everything checked before it
 * holds), so a decider that checks rules in another order, or not at all, is caught.
 * @example
 * test.prop([arbitraryRuleBreak({ rule: 4 })])("…", ({ history, breaking, expectedTag }) => { … });
 */
export const arbitraryRuleBreak = (constraints: RuleBreakConstraints = {}): fc.Arbitrary<RuleBreak> => {
  const { rule, tag, history = {} } = constraints;
  const tags = DOMAIN_ERROR_TAGS.filter((t) => (rule === undefined || RULE_OF[t] === rule) && (tag === undefined || t === tag));
  if (tags.length === 0) throw new RangeError(`no DomainError is both ${String(tag)} and of rule ${String(rule)}`);
  const open = arbitraryHistoryWithErasures({ ...history, closed: false });
  const closed = arbitraryHistoryWithErasures({ ...history, closed: true });
  const histories = (t: DomainErrorTag): fc.Arbitrary<ReadonlyArray<CampaignEvent>> =>
    t === "CampaignNotLaunched" ? fc.constant([]) : t === "CampaignAlreadyClosed" ? closed : t === "CampaignMismatch" ? fc.oneof(open, closed) : open;
  const any = arbitraryCampaignEvent({ types: EVENT_TYPES.filter((t) => t !== "CampaignLaunched") });
  // After the closing, an erasure is the one event still accepted: it breaks no rule there.
  const anyButErasure = arbitraryCampaignEvent({ types: EVENT_TYPES.filter((t) => t !== "CampaignLaunched" && t !== "SubjectErased") });
  return fc
    .constantFrom(...tags)
    .chain((t) =>
      fc
        .record({ history: histories(t), choices: fc.array(fc.nat(), { minLength: CHOICES, maxLength: CHOICES }), any: t === "CampaignAlreadyClosed" ? anyButErasure : any })
        .map(({ history: h, choices, any: e }) => breakRule(t, h, choices, e)),
    );
};
