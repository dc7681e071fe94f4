import type { CampaignEvent } from "@tenfold/core";
import fc from "fast-check";
import { checkWhole } from "../values/arbitraryValues.js";
import { historyArbitrary } from "./arbitraryHistory.js";

/** Options of {@link generateHistory}. */
export interface GenerateOptions {
  /** The seed: the same seed (and options) always gives the same history. Any safe integer. */
  readonly seed: number;
  /** Exactly this many groups, from 0 to {@link GENERATE_LIMITS}.maxGroups. @defaultValue 8 */
  readonly groups?: number;
  /** About this many events, launch included; never more. From groups + 1 to {@link GENERATE_LIMITS}.maxEvents. @defaultValue 200 */
  readonly events?: number;
}

/**
 * Bounds of {@link GenerateOptions}, for callers that check arguments before generating. A history
 * is built in memory: 100,000 events take a few seconds and a few hundred MB.
 */
export const GENERATE_LIMITS = { maxGroups: 10_000, maxEvents: 200_000 } as const;

/**
 * One valid history, reproducible from the seed: `groups` groups, and up to `events` events
 * (as many as the groups' plans hold, usually all of them), and no erasure. Invalid options are programmer errors:
 * a RangeError is thrown at once.
 * @example
 * generateHistory({ seed: 42, groups: 8, events: 300 }) // the same 300-odd events every time
 */
export const generateHistory = ({ seed, groups = 8, events = 200 }: GenerateOptions): ReadonlyArray<CampaignEvent> => {
  checkWhole("seed", seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  checkWhole("groups", groups, 0, GENERATE_LIMITS.maxGroups);
  checkWhole("events", events, groups + 1, GENERATE_LIMITS.maxEvents);
  const arbitrary = historyArbitrary({ minGroups: groups, maxGroups: groups, maxEvents: events, size: "max" }, 3);
  const [history] = fc.sample(fc.noBias(arbitrary), { seed, numRuns: 1, path: undefined, examples: [] });
  return history ?? [];
};

/**
 * The NDJSON lines of a history (DOMAIN.md interchange), one `{"type","data"}` line per event,
 * each ending with `\n`, lazily: for writing a large history to a stream line by line.
 */
export const historyToNdjsonLines = function* (events: Iterable<CampaignEvent>): Generator<string, void, undefined> {
  for (const { type, data } of events) yield `${JSON.stringify({ type, data })}\n`;
};

/** A history as NDJSON text: {@link historyToNdjsonLines} joined. Every line reads back with `parseHistoryLine`. */
export const historyToNdjson = (events: Iterable<CampaignEvent>): string => {
  let out = "";
  for (const line of historyToNdjsonLines(events)) out += line;
  return out;
};
