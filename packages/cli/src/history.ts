import * as E from "fp-ts/lib/Either.js";
import { type CampaignState, type DecodeError, describeRuleBroken, evolve, formatDecodeError, initialCampaignState, type PersonalEntries, RULE_OF } from "@tenfold/core";
import { checkEvent, decodeHistoryLine, decodeSealedHistoryLine, type HistoryLine, type SealedEnvelope } from "@tenfold/core/audit";
import { personalFieldsOf } from "@tenfold/core/personal";
import { type EventIdIndex, repeatedEventId } from "./eventIdIndex.js";
import { personalProblems, subjectsOnly } from "./personalEntries.js";

// model

/** What judging a history has learnt so far: the decider's state and where the campaign was first seen. */
export interface History {
  readonly state: CampaignState;
  /** The campaign of the first accepted line, and that line's number; null before any. */
  readonly first: { readonly campaignId: string; readonly line: number } | null;
}

/** A line that passed: its event and envelope, the personal entries to append it with, and the history with it. */
export interface Accepted {
  readonly line: HistoryLine;
  /**
   * What `toNewEvent` takes as the event's personal entries: a schema-2 line's own (checked against
   * the fields and subjects the decider fixes), or, for a bare or older line, each personal field's
   * subject (a store commits to the value with a new salt).
   */
  readonly personal: PersonalEntries;
  readonly history: History;
}

/** A line whose event passed the rules: accepted, with what is wrong with its personal entries (none for a line fit to append). */
export interface Judged {
  readonly accepted: Accepted;
  /** `personal.<field>…: message` issues; never a personal value. */
  readonly personalProblems: ReadonlyArray<string>;
}

// constructors

/** A history with nothing accepted yet. */
export const emptyHistory = (): History => ({ state: initialCampaignState(), first: null });

// utils

const otherCampaign = (first: NonNullable<History["first"]>, campaignId: string): string =>
  `rule ${RULE_OF.CampaignMismatch}: this line is of campaign "${campaignId}", but the file is of campaign "${first.campaignId}" ` +
  `(line ${first.line}); one campaign per file`;

/**
 * JSON.parse's message without the text it may quote (V8: `Unexpected token 'c', "{"name":ca…" is
 * not valid JSON`): a line can hold personal values, and no message shows one.
 */
const unquoted = (message: string): string => message.replace(/^Unexpected token .*is not valid JSON$/s, "Unexpected token: not valid JSON (the text is not shown)");

/** Parses a line's JSON; Left: the problem as `(line): invalid JSON: …`, never quoting the line. */
export const parseJson = (text: string): E.Either<string, unknown> => {
  try {
    return E.right(JSON.parse(text) as unknown);
  } catch (e) {
    return E.left(`(line): invalid JSON: ${unquoted(e instanceof Error ? e.message : String(e))}`);
  }
};

/**
 * Judges line `number` as {@link judgeParsed} does, except that problems of its personal entries (a
 * field or subject other than the decider fixes, a commitment its salt and value do not open) are
 * given apart and do not reject the line: `tenfold verify` reports them and goes on with the event.
 */
export const judgeLeniently = (history: History, number: number, parsed: unknown): E.Either<string, Judged> => {
  const decoded = decodeLine(parsed);
  return E.isLeft(decoded) ? decoded : judgeDecoded(history, number, decoded.right);
};

/**
 * Decodes a parsed line (see `decodeHistoryLine`); Left: its issues as `path: message`, joined by
 * `; `. Given its seal as `sealedEnvelopeOf` read it, the envelope is taken from that.
 */
export const decodeLine = (parsed: unknown, sealed?: SealedEnvelope): E.Either<string, HistoryLine> =>
  E.mapLeft((error: DecodeError) => formatDecodeError(error).join("; "))(sealed === undefined ? decodeHistoryLine(parsed) : decodeSealedHistoryLine(parsed, sealed));

/** {@link judgeLeniently} of a line decoded already (by another thread, say). */
export const judgeDecoded = (history: History, number: number, line: HistoryLine): E.Either<string, Judged> => {
  const campaignId = line.event.data.campaignId;
  const { state, first } = history;
  if (first !== null && campaignId !== first.campaignId) return E.left(otherCampaign(first, campaignId));
  const checked = checkEvent(state, line.event);
  if (E.isLeft(checked)) return E.left(describeRuleBroken(checked.left));
  const fields = personalFieldsOf(state, line.event);
  const personal = line.personal ?? subjectsOnly(fields);
  const problems = line.personal === undefined ? [] : personalProblems(line, fields);
  return E.right({ accepted: { line, personal, history: { state: evolve(state, line.event), first: first ?? { campaignId, line: number } } }, personalProblems: problems });
};

/**
 * Judges the parsed JSON of line `number` against the lines accepted before it: an event of the
 * catalog (decode issues as `path: message`, joined by `; `; older schema versions upcast), of
 * the file's campaign, then the rules in order, then (schema 2) its personal entries: exactly the
 * personal fields the decider gives for the state before it, with their subjects, each value
 * given with its salt opening its commitment, or withheld (null, encrypted or not). Right: the
 * line and the history that includes it, whose state is evolved in place of the old one (keep
 * only the newest).
 */
export const judgeParsed = (history: History, number: number, parsed: unknown): E.Either<string, Accepted> => strictly(judgeLeniently(history, number, parsed));

/** {@link judgeParsed} of a line decoded already. */
export const judgeDecodedStrictly = (history: History, number: number, line: HistoryLine): E.Either<string, Accepted> => strictly(judgeDecoded(history, number, line));

/** A judged line with problems of its personal entries refused. */
const strictly = (judged: E.Either<string, Judged>): E.Either<string, Accepted> => {
  if (E.isLeft(judged)) return judged;
  return judged.right.personalProblems.length > 0 ? E.left(judged.right.personalProblems.join("; ")) : E.right(judged.right.accepted);
};

/**
 * Admits decoded line `number` as an import admits it: {@link judgeDecodedStrictly}, then its event
 * id, when it gives one, must be new (`eventIds` remembers it then).
 */
export const admitDecoded = (history: History, eventIds: EventIdIndex, number: number, decoded: E.Either<string, HistoryLine>): E.Either<string, Accepted> => {
  if (E.isLeft(decoded)) return decoded;
  const judged = judgeDecodedStrictly(history, number, decoded.right);
  if (E.isLeft(judged)) return judged;
  const { eventId } = judged.right.line.envelope;
  const earlier = eventId === undefined ? undefined : eventIds.add(eventId, number);
  return earlier === undefined || eventId === undefined ? judged : E.left(repeatedEventId(eventId, earlier));
};

/** {@link admitDecoded} of the text of line `number`: not blank, JSON, decoded. */
export const admitLine = (history: History, eventIds: EventIdIndex, number: number, text: string): E.Either<string, Accepted> => {
  if (text.trim() === "") return E.left("empty line");
  const parsed = parseJson(text);
  return E.isLeft(parsed) ? parsed : admitDecoded(history, eventIds, number, decodeLine(parsed.right));
};
