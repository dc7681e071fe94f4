import type { CampaignEvent, EventOf } from "@tenfold/core";
import fc from "fast-check";
import { event } from "../events/build.js";
import { checkWhole } from "../values/arbitraryValues.js";
import { LAST_DAY, fromEpochDay, toEpochDay } from "../values/days.js";
import { type HistoryConstraints, arbitraryHistory } from "./arbitraryHistory.js";
import { withPersonalMarkers } from "./personalMarkers.js";
import { type ErasureFacts, erasureFacts } from "./subjects.js";

// model

/** Options of {@link arbitraryErasures}. */
export interface ErasureConstraints {
  /** Fewest subjects erased; a history with fewer subjects has all of them erased. @defaultValue 0 */
  readonly minErasures?: number;
  /**
   * Most subjects erased.
   * @defaultValue every subject of the history (with {@link arbitraryHistoryWithErasures}: as many as fast-check's `size` lets a list hold)
   */
  readonly maxErasures?: number;
  /** Most days an erasure is dated after the history's latest business date (requests come after campaigns end). @defaultValue 60 */
  readonly maxDelay?: number;
}

/** Where {@link arbitraryHistoryWithErasures} records the erasures. */
export type ErasurePlacement = "end" | "anywhere";

/** Options of {@link arbitraryHistoryWithErasures}: those of the history, and of its erasures. */
export interface HistoryWithErasuresConstraints extends HistoryConstraints {
  /** The erasures. @defaultValue arbitraryErasures()'s */
  readonly erasures?: ErasureConstraints;
  /**
   * `end`: every erasure after the whole history (its closing included); `anywhere`: each at any
   * place after the last personal value of its subject, before or after the closing.
   * @defaultValue "anywhere"
   */
  readonly placement?: ErasurePlacement;
  /** Every personal value replaced by a unique marker, as {@link withPersonalMarkers} does. @defaultValue false */
  readonly personalMarkers?: boolean;
}

// constructors

/** One erasure drawn: which of the subjects left, how many days after the earliest it may be dated, where it is recorded. */
interface Pick {
  readonly subject: number;
  readonly offset: number;
  readonly at: number;
}

/** Request references the history does not use yet: `erasure-request-1`, `erasure-request-2`, … */
const requestRefs = (facts: ErasureFacts, count: number): string[] => {
  const refs: string[] = [];
  for (let n = 1; refs.length < count; n++) if (!facts.requestRefs.has(`erasure-request-${n}`)) refs.push(`erasure-request-${n}`);
  return refs;
};

/** The constraints, checked at once (bad ones are programmer errors), with their defaults. */
const checked = (constraints: ErasureConstraints): Required<ErasureConstraints> => {
  const minErasures = checkWhole("minErasures", constraints.minErasures ?? 0, 0, 100_000);
  const maxErasures = checkWhole("maxErasures", constraints.maxErasures ?? 100_000, minErasures, 100_000);
  return { minErasures, maxErasures, maxDelay: checkWhole("maxDelay", constraints.maxDelay ?? 60, 0, 3650) };
};

/**
 * Picks of erasures, independent of the history they are resolved against (numbers taken modulo
 * what the history allows), so fast-check shrinks the history and its erasures apart.
 */
const picks = (minLength: number, maxLength: number | undefined, size: fc.SizeForArbitrary | undefined): fc.Arbitrary<ReadonlyArray<Pick>> =>
  fc.array(fc.record({ subject: fc.nat(), offset: fc.nat(), at: fc.nat() }), { minLength, ...(maxLength === undefined ? {} : { maxLength }), size });

/** The erasures picked, each with the index of the history's event it is recorded before (`history.length`: at the end). */
const resolve = (
  history: ReadonlyArray<CampaignEvent>,
  facts: ErasureFacts,
  picked: ReadonlyArray<Pick>,
  maxDelay: number,
  anywhere: boolean,
): ReadonlyArray<readonly [number, EventOf<"SubjectErased">]> => {
  const { closing, campaignId } = facts;
  const left = [...facts.subjects];
  const end = history.length;
  const latest = Math.min(toEpochDay(facts.latest) + maxDelay, toEpochDay(LAST_DAY));
  const chosen = picked.slice(0, left.length).map((p) => ({ p, s: left.splice(p.subject % left.length, 1)[0] ?? { subject: "", since: facts.latest, lastPersonal: 0 } }));
  const refs = requestRefs(facts, chosen.length);
  return chosen.map(({ p, s }, k) => {
    const at = anywhere ? s.lastPersonal + 1 + (p.at % (end - s.lastPersonal)) : end;
    // Before the closing, an erasure is dated on the closing day at the latest (rule 5).
    const last = closing !== null && at <= closing.index ? toEpochDay(closing.closedOn) : latest;
    const erasedOn = fromEpochDay(toEpochDay(s.since) + (p.offset % (last - toEpochDay(s.since) + 1)));
    return [at, event("SubjectErased", { campaignId, subject: s.subject, requestRef: refs[k] ?? "", erasedOn })] as const;
  });
};

/**
 * Erasures of any subset of a valid history's data subjects (its enrolled cadres and assigned
 * contacts not yet erased), in any order, valid when recorded after the whole history: each dated
 * from its subject's enrolment or assignment day to `maxDelay` days after the history's latest
 * business date (so before, on or after a closing: an erasure may follow CampaignClosed), each with
 * its own request reference (`erasure-request-<n>`, never personal). Shrinks towards fewer erasures.
 * A history that is not launched is a RangeError.
 * @example
 * fc.assert(fc.property(arbitraryHistory().chain((h) => arbitraryErasures(h).map((es) => [...h, ...es])), (h) => E.isRight(checkHistory(h))));
 */
export const arbitraryErasures = (history: ReadonlyArray<CampaignEvent>, constraints: ErasureConstraints = {}): fc.Arbitrary<ReadonlyArray<EventOf<"SubjectErased">>> => {
  const { minErasures, maxErasures, maxDelay } = checked(constraints);
  const facts = erasureFacts(history);
  const count = facts.subjects.length;
  return picks(Math.min(minErasures, count), Math.min(maxErasures, count), "max").map((picked) => resolve(history, facts, picked, maxDelay, false).map(([, erasure]) => erasure));
};

/** @internal The history with each erasure inserted before the event it is placed at, in the order drawn. */
export const placeErasures = (history: ReadonlyArray<CampaignEvent>, placed: ReadonlyArray<readonly [number, CampaignEvent]>): ReadonlyArray<CampaignEvent> => {
  const out: CampaignEvent[] = [];
  for (let i = 0; i <= history.length; i++) {
    for (const [at, erasure] of placed) if (at === i) out.push(erasure);
    const e = history[i];
    if (e !== undefined) out.push(e);
  }
  return out;
};

/**
 * Valid histories with erasures: one of {@link arbitraryHistory} (its constraints), and erasures of
 * any subset of its subjects, in any order, as {@link arbitraryErasures} draws them, recorded
 * at the end or anywhere after the last personal value of their subject (`placement`). The whole
 * passes every rule: no personal value of a subject follows its erasure.
 * @example
 * test.prop([arbitraryHistoryWithErasures({ closed: true, erasures: { minErasures: 1 } })])("…", (history) => { … });
 */
export const arbitraryHistoryWithErasures = (constraints: HistoryWithErasuresConstraints = {}): fc.Arbitrary<ReadonlyArray<CampaignEvent>> => {
  const { erasures = {}, placement = "anywhere", personalMarkers = false, ...historyConstraints } = constraints;
  const { minErasures, maxErasures, maxDelay } = checked(erasures);
  const histories = arbitraryHistory(historyConstraints);
  const withErasures = fc
    .tuple(histories, picks(minErasures, erasures.maxErasures === undefined ? undefined : maxErasures, historyConstraints.size))
    .map(([history, picked]) => placeErasures(history, resolve(history, erasureFacts(history), picked, maxDelay, placement === "anywhere")));
  return personalMarkers ? withErasures.map((history) => withPersonalMarkers(history).history) : withErasures;
};
