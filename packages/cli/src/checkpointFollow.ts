import { emptyRoot, merkleFrontier, type SealedEnvelope, sealedTextLeafHash } from "@tenfold/core/audit";
import { nodeSha256Digest } from "@tenfold/core/node";
import { sameBytes, type TrustedCheckpoint } from "./checkpointCheck.js";

// model

/** How the first `size` events of a checkpoint's stream compare with it: the same root, fewer events, or another root. */
export type CheckpointOutcome =
  | { readonly _tag: "Matches" }
  | { readonly _tag: "CutShort"; readonly seen: number }
  | { readonly _tag: "Rewritten" };

/** A history compared with a checkpoint: the outcome, and the first event past its size (the log has grown since), if any. */
export interface CheckpointComparison {
  readonly outcome: CheckpointOutcome;
  readonly uncovered: { readonly line: number; readonly revision: SealedEnvelope["streamRevision"] } | undefined;
}

/** Follows one stream's sealed events against a checkpoint, then says how the history compares. */
export interface CheckpointFollower {
  /** Told each sealed line with the sealed text the chain hashed (the audit report's reading). */
  readonly sealed: (line: number, event: SealedEnvelope, sealedText: string) => void;
  /** Told each sealed line's place and its Merkle leaf hash (computed elsewhere: verify's worker threads). */
  readonly leaf: (line: number, event: Pick<SealedEnvelope, "streamId" | "streamRevision">, leafHash: Uint8Array) => void;
  /** The comparison as a value (for the report). */
  readonly compare: () => CheckpointComparison;
  /** Problems (the history is shorter, or its first `size` events differ) and notices (events the checkpoint does not cover). */
  readonly end: (file: string) => { readonly problems: ReadonlyArray<string>; readonly notices: ReadonlyArray<string>; readonly summary: string };
}

// utils

/** A comparison in words, as verify prints it: its problems, its notices, and a summary; `file` is the history's. */
export const describeComparison = (
  trusted: TrustedCheckpoint,
  file: string,
  { outcome, uncovered }: CheckpointComparison,
): { readonly problems: ReadonlyArray<string>; readonly notices: ReadonlyArray<string>; readonly summary: string } => {
  const { size } = trusted.checkpoint;
  const problems: string[] = [];
  switch (outcome._tag) {
    case "Matches":
      break;
    case "CutShort":
      problems.push(`${file}: stream ${trusted.streamId} has ${outcome.seen} sealed events, fewer than the ${size} its checkpoint (${trusted.file}) covers: the history was cut short`);
      break;
    case "Rewritten":
      problems.push(`${file}: the first ${size} events of stream ${trusted.streamId} are not those its checkpoint (${trusted.file}) covers (their Merkle root differs): the history was rewritten`);
      break;
  }
  const notices =
    uncovered === undefined ? [] : [`${file}:${uncovered.line}: revision ${uncovered.revision} of stream ${trusted.streamId} and those after it are not covered by the checkpoint (size ${size})`];
  const cosigned = trusted.witnesses === 0 ? "" : `, ${trusted.cosigners} of ${trusted.witnesses} witnesses`;
  const verdict = problems.length === 0 ? "matches" : "does not match";
  return { problems, notices, summary: `the history ${verdict} the checkpoint of size ${size} (log signature verified${cosigned})` };
};

// constructors

/** A follower of the checkpoint's stream: the Merkle root of its first `size` events, and where the events it does not cover start. */
export const followCheckpoint = (trusted: TrustedCheckpoint): CheckpointFollower => {
  const { size, root } = trusted.checkpoint;
  const frontier = merkleFrontier(nodeSha256Digest);
  let rootAtSize: Uint8Array | undefined = size === 0 ? emptyRoot(nodeSha256Digest) : undefined;
  let uncovered: CheckpointComparison["uncovered"];
  const compare = (): CheckpointComparison => ({
    outcome: rootAtSize === undefined ? { _tag: "CutShort", seen: frontier.size() } : sameBytes(rootAtSize, root) ? { _tag: "Matches" } : { _tag: "Rewritten" },
    uncovered,
  });
  const leaf: CheckpointFollower["leaf"] = (line, event, leafHash) => {
    if (event.streamId !== trusted.streamId) return;
    if (frontier.size() >= size) {
      uncovered ??= { line, revision: event.streamRevision };
      return;
    }
    frontier.append(leafHash);
    if (frontier.size() === size) rootAtSize = frontier.root();
  };
  return {
    // The leaf is hashed only for the events the checkpoint covers.
    sealed: (line, event, text) => leaf(line, event, event.streamId === trusted.streamId && frontier.size() < size ? sealedTextLeafHash(nodeSha256Digest, text) : new Uint8Array(0)),
    leaf,
    compare,
    end: (file) => describeComparison(trusted, file, compare()),
  };
};
