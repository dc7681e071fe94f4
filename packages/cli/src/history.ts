import * as E from "fp-ts/lib/Either.js";
import { type CampaignState, describeRuleBroken, evolve, formatDecodeError, initialCampaignState, RULE_OF } from "@tenfold/core";
import { checkEvent, decodeHistoryLine, type HistoryLine } from "@tenfold/core/audit";

// model

/** What judging a history has learnt so far: the decider's state and where the campaign was first seen. */
export interface History {
  readonly state: CampaignState;
  /** The campaign of the first accepted line, and that line's number; null before any. */
  readonly first: { readonly campaignId: string; readonly line: number } | null;
}

/** A line that passed: its event and envelope, and the history with it. */
export interface Accepted {
  readonly line: HistoryLine;
  readonly history: History;
}

// constructors

/** A history with nothing accepted yet. */
export const emptyHistory = (): History => ({ state: initialCampaignState(), first: null });

// utils

const otherCampaign = (first: NonNullable<History["first"]>, campaignId: string): string =>
  `rule ${RULE_OF.CampaignMismatch}: this line is of campaign "${campaignId}", but the file is of campaign "${first.campaignId}" ` +
  `(line ${first.line}); one campaign per file`;

/** Parses a line's JSON; Left: the problem as `(line): invalid JSON: …`. */
export const parseJson = (text: string): E.Either<string, unknown> => {
  try {
    return E.right(JSON.parse(text) as unknown);
  } catch (e) {
    return E.left(`(line): invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
};

/**
 * Judges the parsed JSON of line `number` against the lines accepted before it: an event of the
 * catalog (decode issues as `path: message`, joined by `; `; older schema versions upcast), of
 * the file's campaign, then the rules in order. Right: the line and the history that includes
 * it, whose state is evolved in place of the old one (keep only the newest).
 */
export const judgeParsed = (history: History, number: number, parsed: unknown): E.Either<string, Accepted> => {
  const decoded = decodeHistoryLine(parsed);
  if (E.isLeft(decoded)) return E.left(formatDecodeError(decoded.left).join("; "));
  const line = decoded.right;
  const campaignId = line.event.data.campaignId;
  const { state, first } = history;
  if (first !== null && campaignId !== first.campaignId) return E.left(otherCampaign(first, campaignId));
  const checked = checkEvent(state, line.event);
  if (E.isLeft(checked)) return E.left(describeRuleBroken(checked.left));
  return E.right({ line, history: { state: evolve(state, line.event), first: first ?? { campaignId, line: number } } });
};

/** Judges the text of line `number`: not blank, JSON, then {@link judgeParsed}. */
export const judgeLine = (history: History, number: number, text: string): E.Either<string, Accepted> => {
  if (text.trim() === "") return E.left("empty line");
  const parsed = parseJson(text);
  return E.isLeft(parsed) ? parsed : judgeParsed(history, number, parsed.right);
};
