// model

/**
 * What recomputing the hash chains found wrong, each at the line (or, for a store, the ordinal) it
 * was read at and naming its stream and revision:
 * - `Tampered`: a line's content does not match its hash (`hash`); a line does not link to the
 *   revision before it (`link`: one of them was altered and resealed); the hash at a published
 *   head's revision is not the published one (`head`: the history was rewritten).
 * - `Deleted`: revisions are missing in the middle of a stream (a gap).
 * - `Inserted`: a second, different event claims a revision the chain already has.
 * - `Duplicated`: the same event again.
 * - `Reordered`: a revision comes after a later one of its stream.
 * - `Truncated`: a stream ends before its published head.
 * - `Unsealed`: a line without a seal in a sealed history; `StraySeal`: a sealed line in an unsealed one.
 */
export type ChainProblem =
  | {
      readonly _tag: "Tampered";
      readonly line: number;
      readonly streamId: string;
      readonly revision: bigint;
      readonly evidence: "hash" | "link" | "head";
      /** `link`: the line of the revision before, if read. */
      readonly otherLine: number | null;
    }
  | { readonly _tag: "Deleted"; readonly line: number; readonly streamId: string; readonly from: bigint; readonly to: bigint }
  | { readonly _tag: "Inserted"; readonly line: number; readonly streamId: string; readonly revision: bigint; readonly otherLine: number | null }
  | { readonly _tag: "Duplicated"; readonly line: number; readonly streamId: string; readonly revision: bigint; readonly firstLine: number | null }
  | {
      readonly _tag: "Reordered";
      readonly line: number;
      readonly streamId: string;
      readonly revision: bigint;
      readonly afterRevision: bigint;
      readonly afterLine: number;
    }
  | {
      readonly _tag: "Truncated";
      /** The line of the stream's last event; null when the stream is absent. */
      readonly line: number | null;
      readonly streamId: string;
      readonly lastRevision: bigint | null;
      readonly headRevision: bigint;
    }
  | { readonly _tag: "Unsealed"; readonly line: number; readonly sealedLine: number }
  | { readonly _tag: "StraySeal"; readonly line: number; readonly unsealedLine: number };

/** The kind of a chain problem, as the audit trail names them. */
export type ChainProblemKind = "tampered" | "deleted" | "inserted" | "duplicated" | "reordered" | "truncated";

// utils

/** The kind of a problem: an unsealed line in a sealed history counts as inserted, a stray seal as tampered. */
export const chainProblemKind = (problem: ChainProblem): ChainProblemKind => {
  switch (problem._tag) {
    case "Tampered":
    case "StraySeal":
      return "tampered";
    case "Deleted":
      return "deleted";
    case "Inserted":
    case "Unsealed":
      return "inserted";
    case "Duplicated":
      return "duplicated";
    case "Reordered":
      return "reordered";
    case "Truncated":
      return "truncated";
  }
};

const at = (line: number | null): string => (line === null ? "" : ` (line ${line})`);
const revisions = (from: bigint, to: bigint): string => (from === to ? `revision ${from} is` : `revisions ${from}–${to} are`);

const evidence = (problem: Extract<ChainProblem, { _tag: "Tampered" }>): string => {
  switch (problem.evidence) {
    case "hash":
      return "its content does not match its hash";
    case "link":
      return problem.revision === 0n
        ? "its previousHash is not 64 zeros, though it is the stream's first event"
        : `its previousHash is not the hash of revision ${problem.revision - 1n}${at(problem.otherLine)}; one of them was altered and resealed`;
    case "head":
      return "its hash is not the published head's; the history was rewritten";
  }
};

/**
 * A sentence a person reads, starting with the problem's kind and naming stream and revision.
 * @example
 * describeChainProblem({ _tag: "Deleted", line: 7, streamId: "s", from: 5n, to: 5n })
 * // 'deleted: stream "s" revision 5 is missing before this line'
 */
export const describeChainProblem = (problem: ChainProblem): string => {
  const kind = chainProblemKind(problem);
  switch (problem._tag) {
    case "Tampered":
      return `${kind}: stream "${problem.streamId}" revision ${problem.revision}: ${evidence(problem)}`;
    case "Deleted":
      return `${kind}: stream "${problem.streamId}" ${revisions(problem.from, problem.to)} missing before this line`;
    case "Inserted":
      return problem.otherLine === null
        ? `${kind}: stream "${problem.streamId}" revision ${problem.revision} is claimed again, by an event that is not in its chain`
        : `${kind}: stream "${problem.streamId}" revision ${problem.revision} is claimed again, by an event that is not in its chain (the chain goes on from line ${problem.otherLine})`;
    case "Duplicated":
      return problem.firstLine === null
        ? `${kind}: stream "${problem.streamId}" revision ${problem.revision} comes again, too far back to compare with the first`
        : `${kind}: stream "${problem.streamId}" revision ${problem.revision} again, a copy of line ${problem.firstLine}`;
    case "Reordered":
      return `${kind}: stream "${problem.streamId}" revision ${problem.revision} comes after revision ${problem.afterRevision}${at(problem.afterLine)}`;
    case "Truncated": {
      const missing = problem.headRevision - (problem.lastRevision ?? -1n);
      return problem.lastRevision === null
        ? `${kind}: stream "${problem.streamId}" has no sealed event, though its head (revision ${problem.headRevision}) was published`
        : `${kind}: stream "${problem.streamId}" ends at revision ${problem.lastRevision}, but its published head is revision ${problem.headRevision}: ${missing} event${missing === 1n ? " is" : "s are"} missing at its end`;
    }
    case "Unsealed":
      return `${kind}: the line has no seal (previousHash, hash), though the history is sealed (line ${problem.sealedLine})`;
    case "StraySeal":
      return `${kind}: the line is sealed, though line ${problem.unsealedLine} is not: a history is sealed on every line or on none (seals not checked)`;
  }
};
