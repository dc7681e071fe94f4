/*
 * Proof texts (DOMAIN.md, Signed log): an event's inclusion proof as C2SP tlog-proof v1
 * (`c2sp.org/tlog-proof@v1`, `index <streamRevision>`, the inclusion path one base64 hash a line
 * from the leaf's sibling up, an empty line, the checkpoint verbatim with its cosignatures), and a
 * consistency proof as the body of tlog-witness's add-checkpoint (`old <m>`, the consistency path,
 * an empty line, the new checkpoint).
 */
import * as E from "fp-ts/lib/Either.js";
import type { SealedFields } from "../seal/seal.js";
import { type Checkpoint, type CheckpointProblem, checkpointOrigin, openCheckpoint, type OpenedCheckpoint } from "./checkpoint.js";
import { eventLeafHash, type ProofRefused, type Sha256Digest, verifyConsistency, verifyInclusion } from "./merkle.js";
import { base64Of, bytesOfBase64, type Ed25519, type VerifierKey } from "./note.js";

// model

/** An inclusion proof as written: the leaf's index, its path, and the checkpoint note it leads to. */
export interface InclusionProof {
  readonly index: number;
  readonly path: ReadonlyArray<Uint8Array>;
  /** The checkpoint, verbatim: its text, the blank line and every signature line. */
  readonly checkpoint: string;
  /** tlog-proof's optional extra data; not authenticated, and Tenfold writes none. */
  readonly extra?: Uint8Array;
}

/** A consistency proof as written (add-checkpoint's body): the old size, the path, the new checkpoint note. */
export interface ConsistencyProof {
  readonly oldSize: number;
  readonly path: ReadonlyArray<Uint8Array>;
  readonly checkpoint: string;
}

/** Why a proof text is refused: a line that is not the format's, its checkpoint, its Merkle path, or an event it is not about. */
export type ProofProblem =
  | { readonly _tag: "MalformedProof"; readonly line: number; readonly reason: string }
  | CheckpointProblem
  | ProofRefused
  | { readonly _tag: "NotThisEvent"; readonly reason: string };

/** The most consistency proof lines add-checkpoint allows. */
export const MAX_CONSISTENCY_LINES = 63;

// utils

const HEADER = "c2sp.org/tlog-proof@v1";
const DECIMAL = /^(0|[1-9][0-9]*)$/;

const malformed = (line: number, reason: string): ProofProblem => ({ _tag: "MalformedProof", line, reason });

const decimal = (text: string | undefined): number | undefined => (text !== undefined && DECIMAL.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined);

/** Hash lines from `from` up to the first empty line; the checkpoint is what follows it. */
const hashesThenCheckpoint = (lines: ReadonlyArray<string>, from: number, max: number): E.Either<ProofProblem, { path: Uint8Array[]; checkpoint: string }> => {
  const path: Uint8Array[] = [];
  let i = from;
  for (; i < lines.length && lines[i] !== ""; i++) {
    const hash = bytesOfBase64(lines[i] as string);
    if (hash === undefined || hash.length !== 32) return E.left(malformed(i + 1, "a proof line is the base64 of one 32-byte hash"));
    path.push(hash);
    if (path.length > max) return E.left(malformed(i + 1, `a proof has at most ${max} hash lines`));
  }
  if (i >= lines.length) return E.left(malformed(lines.length, "no empty line before the checkpoint"));
  const checkpoint = lines.slice(i + 1).join("\n");
  if (checkpoint.length === 0) return E.left(malformed(i + 2, "the checkpoint is missing after the empty line"));
  return E.right({ path, checkpoint });
};

// constructors

/** An inclusion proof's text. */
export const formatInclusionProof = (proof: InclusionProof): string =>
  `${HEADER}\n${proof.extra === undefined ? "" : `extra ${base64Of(proof.extra)}\n`}index ${proof.index}\n${proof.path.map((h) => `${base64Of(h)}\n`).join("")}\n${proof.checkpoint}`;

/** Reads an inclusion proof's text, each problem by its line (the checkpoint is only split off here). */
export const parseInclusionProof = (text: string): E.Either<ProofProblem, InclusionProof> => {
  const lines = text.split("\n");
  if (lines[0] !== HEADER) return E.left(malformed(1, `the first line must be ${HEADER}`));
  let at = 1;
  let extra: Uint8Array | undefined;
  if (lines[at]?.startsWith("extra ") === true) {
    extra = bytesOfBase64((lines[at] as string).slice("extra ".length));
    if (extra === undefined) return E.left(malformed(at + 1, "the extra data is not canonical base64"));
    at++;
  }
  const indexLine = lines[at] ?? "";
  const index = indexLine.startsWith("index ") ? decimal(indexLine.slice("index ".length)) : undefined;
  if (index === undefined) return E.left(malformed(at + 1, "expected index N (a decimal number without leading zeros)"));
  return E.map(({ path, checkpoint }: { path: Uint8Array[]; checkpoint: string }): InclusionProof => ({ index, path, checkpoint, ...(extra === undefined ? {} : { extra }) }))(
    hashesThenCheckpoint(lines, at + 1, 64),
  );
};

/** A consistency proof's text (tlog-witness add-checkpoint's body). */
export const formatConsistencyProof = (proof: ConsistencyProof): string => `old ${proof.oldSize}\n${proof.path.map((h) => `${base64Of(h)}\n`).join("")}\n${proof.checkpoint}`;

/** Reads a consistency proof's text, each problem by its line. */
export const parseConsistencyProof = (text: string): E.Either<ProofProblem, ConsistencyProof> => {
  const lines = text.split("\n");
  const first = lines[0] ?? "";
  const oldSize = first.startsWith("old ") ? decimal(first.slice("old ".length)) : undefined;
  if (oldSize === undefined) return E.left(malformed(1, "expected old N (a decimal number without leading zeros)"));
  return E.map(({ path, checkpoint }: { path: Uint8Array[]; checkpoint: string }): ConsistencyProof => ({ oldSize, path, checkpoint }))(hashesThenCheckpoint(lines, 1, MAX_CONSISTENCY_LINES));
};

/**
 * Checks an event against its inclusion proof, offline: the checkpoint's log signature, the
 * origin (the log's name and the event's stream), the index (the event's revision), and the
 * Merkle path from the event's leaf to the checkpoint's root.
 */
export const verifyEventInclusion = (
  platform: { readonly sha256: Sha256Digest; readonly ed25519: Ed25519 },
  proofText: string,
  event: SealedFields,
  log: VerifierKey,
): E.Either<ProofProblem, OpenedCheckpoint> => {
  const proof = parseInclusionProof(proofText);
  if (E.isLeft(proof)) return proof;
  const origin = checkpointOrigin(log.name, event.streamId);
  const opened = openCheckpoint(platform.ed25519, proof.right.checkpoint, log, origin);
  if (E.isLeft(opened)) return opened;
  if (BigInt(proof.right.index) !== BigInt(event.streamRevision)) {
    return E.left({ _tag: "NotThisEvent", reason: `the proof is of index ${proof.right.index}, the event is revision ${event.streamRevision} of ${event.streamId}` });
  }
  const { size, root } = opened.right.checkpoint;
  return E.map(() => opened.right)(verifyInclusion(platform.sha256, proof.right.index, size, eventLeafHash(platform.sha256, event), proof.right.path, root));
};

/** Checks that a new checkpoint extends one already held (its opened checkpoint), by the consistency proof: same origin, the old size, the path. */
export const verifyCheckpointConsistency = (
  platform: { readonly sha256: Sha256Digest; readonly ed25519: Ed25519 },
  old: Checkpoint,
  proofText: string,
  log: VerifierKey,
): E.Either<ProofProblem, OpenedCheckpoint> => {
  const proof = parseConsistencyProof(proofText);
  if (E.isLeft(proof)) return proof;
  if (proof.right.oldSize !== old.size) return E.left(malformed(1, `the proof is from size ${proof.right.oldSize}, the checkpoint held is of size ${old.size}`));
  const opened = openCheckpoint(platform.ed25519, proof.right.checkpoint, log, old.origin);
  if (E.isLeft(opened)) return opened;
  const next = opened.right.checkpoint;
  return E.map(() => opened.right)(verifyConsistency(platform.sha256, old.size, next.size, old.root, next.root, proof.right.path));
};
