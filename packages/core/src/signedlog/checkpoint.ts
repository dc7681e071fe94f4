/*
 * Checkpoints (C2SP tlog-checkpoint v1.0.0; DOMAIN.md, Signed log): a signed note whose text is
 * the origin `<log name>/<streamId>`, the tree size in decimal and the base64 root, with no
 * extension lines; the log's signature comes first.
 */
import * as E from "fp-ts/lib/Either.js";
import { base64Of, bytesOfBase64, describeNoteProblem, type Ed25519, type NoteProblem, openNote, type OpenedNote, type SignerKey, signNote, type VerifierKey, verifierOf } from "./note.js";

// model

/** A tree head: whose log and stream (the origin), how many leaves, and their root. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
}

/** Why a checkpoint is refused: a note problem, or a line of its text that is not a checkpoint's. */
export type CheckpointProblem = NoteProblem | { readonly _tag: "MalformedCheckpoint"; readonly line: number; readonly reason: string };

/** Signs one log's checkpoints with its key: what a service that publishes its log is given. */
export interface CheckpointSigner {
  /** The log's verifier key, to publish beside its checkpoints. */
  readonly verifierKey: VerifierKey;
  /** The signed checkpoint of a stream's tree of `size` leaves whose root is `root`. */
  readonly sign: (streamId: string, size: number, root: Uint8Array) => string;
}

/** A checkpoint whose log signature verified, with the note it came in (its cosignatures among the signatures). */
export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: OpenedNote;
}

// utils

const SIZE = /^(0|[1-9][0-9]*)$/;

const malformed = (line: number, reason: string): CheckpointProblem => ({ _tag: "MalformedCheckpoint", line, reason });

// constructors

/** The origin of a stream's checkpoints: `<log name>/<streamId>`. */
export const checkpointOrigin = (logName: string, streamId: string): string => `${logName}/${streamId}`;

/** The note text of a checkpoint: origin, size and base64 root, each on its line. */
export const checkpointText = (checkpoint: Checkpoint): string => `${checkpoint.origin}\n${checkpoint.size}\n${base64Of(checkpoint.root)}\n`;

/** Reads a checkpoint's note text, each problem by its line. */
export const parseCheckpointText = (text: string): E.Either<CheckpointProblem, Checkpoint> => {
  const lines = text.split("\n");
  if (lines.at(-1) !== "") return E.left(malformed(lines.length, "a checkpoint's text ends with a newline"));
  lines.pop();
  const [origin, size, root, ...extensions] = lines;
  if (origin === undefined || origin.length === 0) return E.left(malformed(1, "the origin line is empty"));
  if (size === undefined || !SIZE.test(size)) return E.left(malformed(2, `the tree size must be a decimal number without leading zeros, got "${size ?? ""}"`));
  const leaves = Number(size);
  if (!Number.isSafeInteger(leaves)) return E.left(malformed(2, `the tree size ${size} is larger than this reader takes (${Number.MAX_SAFE_INTEGER})`));
  const rootBytes = root === undefined ? undefined : bytesOfBase64(root);
  if (rootBytes === undefined || rootBytes.length !== 32) return E.left(malformed(3, "the root must be the base64 of 32 bytes (a SHA-256 hash)"));
  if (extensions.length > 0) return E.left(malformed(4, "Tenfold's checkpoints have no extension lines"));
  return E.right({ origin, size: leaves, root: rootBytes });
};

/** A checkpoint signed by the log's key: a note with the log's signature line. */
export const signCheckpoint = (ed25519: Ed25519, checkpoint: Checkpoint, log: SignerKey): string => signNote(ed25519, checkpointText(checkpoint), [log]);

/** The signer of a log's checkpoints with `key` (the log's, not a witness's cosigner key: that is a RangeError). */
export const checkpointSigner = (ed25519: Ed25519, key: SignerKey): CheckpointSigner => {
  if (key.type !== "ed25519") throw new RangeError(`key "${key.name}" is a witness's cosigner key; a log signs its checkpoints with an ed25519 signer key`);
  return {
    verifierKey: verifierOf(key),
    sign: (streamId, size, root) => signCheckpoint(ed25519, { origin: checkpointOrigin(key.name, streamId), size, root }, key),
  };
};

/**
 * Opens a checkpoint note: the log's signature must verify (signed-note's rules; other
 * signatures are ignored here, and checked by a witness policy), and its text must be a
 * checkpoint's. With `origin`, the checkpoint must be of that origin.
 */
export const openCheckpoint = (ed25519: Ed25519, note: string, log: VerifierKey, origin?: string): E.Either<CheckpointProblem, OpenedCheckpoint> => {
  const opened = openNote(ed25519, note, [log]);
  if (E.isLeft(opened)) return opened;
  const parsed = parseCheckpointText(opened.right.text);
  if (E.isLeft(parsed)) return parsed;
  if (origin !== undefined && parsed.right.origin !== origin) return E.left(malformed(1, `the checkpoint is of origin "${parsed.right.origin}", not "${origin}"`));
  return E.right({ checkpoint: parsed.right, note: opened.right });
};

/** What a checkpoint problem means, in a sentence (a line of its text, or a note problem). */
export const describeCheckpointProblem = (problem: CheckpointProblem): string =>
  problem._tag === "MalformedCheckpoint" ? `line ${problem.line}: ${problem.reason}` : describeNoteProblem(problem);
