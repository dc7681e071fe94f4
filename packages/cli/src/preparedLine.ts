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
    };

// constructors

/** A line that could not be read at all. */
export const unreadableLine = (number: number, problem: string): PreparedLine => ({ _tag: "Unreadable", number, problem });

/** A line's seal prepared, and the envelope it was read as (its fields checked already: decoding the line need not check them again). */
const sealOf = (parsed: unknown, leaves: boolean): { readonly seal: PreparedSeal; readonly envelope: SealedEnvelope | undefined } => {
  const sealed = sealedEnvelopeOf(parsed);
  if (E.isLeft(sealed)) return { seal: { _tag: "SealIssues", issues: formatDecodeError(sealed.left) }, envelope: undefined };
  if (sealed.right === null) return { seal: { _tag: "Unsealed" }, envelope: undefined };
  const { streamId, streamRevision, previousHash, hash, eventId } = sealed.right;
  const text = sealedText(sealed.right);
  const recomputed = nodeSha256.hex(`${previousHash}\n${text}`);
  const seal: PreparedSeal = {
    _tag: "Sealed",
    link: leaves ? { streamId, streamRevision, previousHash, hash, eventId } : { streamId, streamRevision, previousHash, hash },
    ...(recomputed === hash ? {} : { recomputed }),
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
    return {
      _tag: "Read",
      number,
      seal,
      line,
      commitments: task.commitments ? commitmentsOfParsed(parsed.right) : [],
      exportsAsRead:
        task.exportAs !== undefined && seal?._tag === "Sealed" && seal.recomputed === undefined && line !== null && E.isRight(line) && exportsAsRead(text, line.right, task.exportAs),
      bytes: undefined,
    };
  } catch (error) {
    // JSON.parse reads any depth; the canonical form and the checks recurse, and a line nested thousands deep runs out of stack.
    if (error instanceof RangeError) return unreadableLine(number, TOO_DEEP);
    throw error;
  }
};

/** Why a line nested too deeply for the checks is not read. */
const TOO_DEEP = "(line): nested too deeply to be checked; not read";
