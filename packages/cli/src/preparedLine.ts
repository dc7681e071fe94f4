import { formatDecodeError } from "@tenfold/core";
import { type ChainLink, type HistoryLine, type PersonalValues, type SealedEnvelope, sealedEnvelopeOf, sealedText, sealedTextLeafHash } from "@tenfold/core/audit";
import { nodeSha256, nodeSha256Digest } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { exportsAsRead } from "./exportedLine.js";
import { decodeLine, parseJson } from "./history.js";
import { commitmentsOfParsed } from "./personalEntries.js";

/*
 * The work on one line of a history that needs nothing of the lines before it: its JSON, its
 * seal's hash recomputed (and its Merkle leaf), its event decoded, its commitments opened. It runs
 * on worker threads (preparedLines.ts); only what needs the lines before (the links of the
 * chains, the rules) is left to the thread that reads the results in order.
 */

// model

/** What to prepare of each line beyond its JSON and its seal's hash. */
export interface PrepareTask {
  /** Read the seal and recompute its hash (else `seal` is null: the statistics do without). */
  readonly seal: boolean;
  /** Decode the event (the rules need it). */
  readonly decode: boolean;
  /** Open the commitments whose salts and values the line gives (verify without the rules). */
  readonly commitments: boolean;
  /** Compute each sealed line's Merkle leaf hash (checkpoints, proofs). */
  readonly leaves: boolean;
  /** An export in this mode: tell each line it would write exactly as read (needs `seal` and `decode`). */
  readonly exportAs?: PersonalValues;
}

/** A sealed line's place on its chain, and its event id when the task asks for leaves (proofs look events up by id). */
export type SealedLink = ChainLink & { readonly eventId?: string };

/**
 * What a line's seal came to: fields that cannot be read, no seal, or a seal, the hash recomputed
 * from the line and (when asked) its Merkle leaf hash, in hex. Plain JSON, as every prepared line
 * is but for its bytes: workers send their lines as JSON text, cheaper to read than a structured clone.
 */
export type PreparedSeal =
  | { readonly _tag: "SealIssues"; readonly issues: ReadonlyArray<string> }
  | { readonly _tag: "Unsealed" }
  | {
      readonly _tag: "Sealed";
      readonly link: SealedLink;
      /** The hash recomputed from the line; left out when it is the line's own (what workers send is smaller so). */
      readonly recomputed?: string;
      readonly leaf: string | null;
    };

/** One line prepared: not read (not UTF-8, too long, blank, not JSON: `problem`), or read, with its seal and what the task asked. */
export type PreparedLine =
  | { readonly _tag: "Unreadable"; readonly number: number; readonly problem: string }
  | {
      readonly _tag: "Read";
      readonly number: number;
      /** Null when the task leaves the seal out. */
      readonly seal: PreparedSeal | null;
      /** The decoded line (Left: its issues), when the task decodes. */
      readonly line: E.Either<string, HistoryLine> | null;
      /** Commitments its salts and values do not open (`personal.<field>…: message`), when the task opens them. */
      readonly commitments: ReadonlyArray<string>;
      /** The task's export would write this line exactly as read (exportedLine.ts): sealed, intact, in the export's form. */
      readonly exportsAsRead: boolean;
      /** The line's own bytes, without its newline, when it `exportsAsRead` and they are exactly its text (no `\r`, no byte order mark): set where the batch is at hand. */
      readonly bytes: Uint8Array | undefined;
      /**
       * The line's text, when all else prepared of it can be had again from that text alone
       * ({@link readAgain}): decoded, to exactly its own JSON ({@link historyLineOfParsed}); sealed
       * and intact, or prepared without its seal; no commitment left unopened. A worker sends such a
       * line as its text: parsing it again costs the reading thread less than reading the decoded
       * line across threads, and the worker writes nothing of it.
       */
      readonly ownText: string | undefined;
    };

// constructors

/** A line that could not be read at all. */
export const unreadableLine = (number: number, problem: string): PreparedLine => ({ _tag: "Unreadable", number, problem });

/** A sealed line's place on its chain, with its event id when leaves are asked for (proofs look events up by id). */
const linkOf = ({ streamId, streamRevision, previousHash, hash, eventId }: SealedLink & { readonly eventId: string }, leaves: boolean): SealedLink =>
  leaves ? { streamId, streamRevision, previousHash, hash, eventId } : { streamId, streamRevision, previousHash, hash };

/** A line's seal prepared, and the envelope it was read as (its fields checked already: decoding the line need not check them again). */
const sealOf = (parsed: unknown, leaves: boolean): { readonly seal: PreparedSeal; readonly envelope: SealedEnvelope | undefined } => {
  const sealed = sealedEnvelopeOf(parsed);
  if (E.isLeft(sealed)) return { seal: { _tag: "SealIssues", issues: formatDecodeError(sealed.left) }, envelope: undefined };
  if (sealed.right === null) return { seal: { _tag: "Unsealed" }, envelope: undefined };
  const text = sealedText(sealed.right);
  const recomputed = nodeSha256.hex(`${sealed.right.previousHash}\n${text}`);
  const seal: PreparedSeal = {
    _tag: "Sealed",
    link: linkOf(sealed.right, leaves),
    ...(recomputed === sealed.right.hash ? {} : { recomputed }),
    leaf: leaves ? Buffer.from(sealedTextLeafHash(nodeSha256Digest, text)).toString("hex") : null,
  };
  return { seal, envelope: sealed.right };
};

/** Prepares line `number`, given its text. */
export const prepareLine = (number: number, text: string, task: PrepareTask): PreparedLine => {
  if (text.trim() === "") return unreadableLine(number, "empty line");
  const parsed = parseJson(text);
  if (E.isLeft(parsed)) return unreadableLine(number, parsed.left);
  try {
    const sealed = task.seal ? sealOf(parsed.right, task.leaves) : null;
    const seal = sealed === null ? null : sealed.seal;
    const line = task.decode ? decodeLine(parsed.right, sealed?.envelope) : null;
    const commitments = task.commitments ? commitmentsOfParsed(parsed.right) : [];
    const sealedIntact = seal?._tag === "Sealed" && seal.recomputed === undefined;
    const decoded = line !== null && E.isRight(line) ? line.right : null;
    return {
      _tag: "Read",
      number,
      seal,
      line,
      commitments,
      exportsAsRead: task.exportAs !== undefined && sealedIntact && decoded !== null && exportsAsRead(text, decoded, task.exportAs),
      bytes: undefined,
      ownText: (seal === null || sealedIntact) && commitments.length === 0 && decoded !== null && sameJson(decoded, historyLineOfParsed(parsed.right)) ? text : undefined,
    };
  } catch (error) {
    // JSON.parse reads any depth; the canonical form and the checks recurse, and a line nested thousands deep runs out of stack.
    if (error instanceof RangeError) return unreadableLine(number, TOO_DEEP);
    throw error;
  }
};

/** The envelope fields a line may carry, in the order the decoder gives them. */
const ENVELOPE_FIELDS = ["schemaVersion", "eventId", "streamId", "streamRevision", "recordedAt", "metadata", "previousHash", "hash"] as const;

/**
 * A parsed line read as its decoded line would be if decoding changed nothing: its type and data,
 * the envelope fields it carries, its personal entries. Only for a line whose decoded line was
 * found {@link sameJson} to this (its `ownText`): else it may not be an event at all.
 */
export const historyLineOfParsed = (parsed: unknown): HistoryLine => {
  const line = parsed as Record<string, unknown>;
  const envelope: Record<string, unknown> = {};
  for (const field of ENVELOPE_FIELDS) if (field in line) envelope[field] = line[field];
  const event = { type: line["type"], data: line["data"] } as unknown as HistoryLine["event"];
  return ("personal" in line ? { event, envelope, personal: line["personal"] } : { event, envelope }) as HistoryLine;
};

/**
 * Whether two JSON values are the same, down to their objects' key order (what writing them out
 * again shows) and the sign of a zero; the same object is the same at once.
 */
export const sameJson = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key !== others[i] || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
};

/**
 * Line `number` prepared again from its `ownText` and what only the worker knew (its Merkle leaf,
 * whether an export writes it as read): the same prepared line, whose seal's link is read from the text.
 */
export const readAgain = (number: number, ownText: string, sealed: boolean, leaf: string | null, asRead: boolean): Extract<PreparedLine, { readonly _tag: "Read" }> => {
  const parsed = JSON.parse(ownText) as Record<string, unknown>;
  const line = historyLineOfParsed(parsed);
  let seal: PreparedSeal | null = null;
  if (sealed) seal = { _tag: "Sealed", link: linkOf(line.envelope as Required<HistoryLine["envelope"]>, leaf !== null), leaf };
  return { _tag: "Read", number, seal, line: E.right(line), commitments: [], exportsAsRead: asRead, bytes: undefined, ownText };
};

/** Why a line nested too deeply for the checks is not read. */
const TOO_DEEP = "(line): nested too deeply to be checked; not read";
