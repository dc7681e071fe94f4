import { readFile } from "node:fs/promises";
import {
  type Checkpoint,
  type CheckpointPolicy,
  type CheckpointProblem,
  type Cosigned,
  cosignersOf,
  describeCheckpointProblem,
  describeNoteProblem,
  openUnderPolicy,
  parseCheckpointText,
  parseNote,
  type NoteProblem,
  parseSignerKey,
  parseVerifierKey,
  type SignerKey,
  type VerifierKey,
} from "@tenfold/core/audit";
import { nodeEd25519, nodeSha256Digest } from "@tenfold/core/node";
import type { SealedObserver } from "./chains.js";
import type { SealedLink } from "./preparedLine.js";
import { campaignStreamId } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, describeFileSystemError, failure, fileError, usageError } from "./CliError.js";

// model

/** A checkpoint opened under a verifier's policy: which stream it covers, and who signed it. */
export interface TrustedCheckpoint {
  readonly file: string;
  readonly checkpoint: Checkpoint;
  readonly streamId: string;
  readonly cosigners: number;
  readonly witnesses: number;
  readonly policy: CheckpointPolicy;
  /** The policy's witnesses that cosigned it, each with its cosignature's time. */
  readonly cosigned: ReadonlyArray<Cosigned>;
}

/**
 * Why a checkpoint is not trusted: it is not a checkpoint at all (`line`: of its file, when one
 * is to blame), or its signatures do not satisfy the policy (`checkpoint`: as its text states it,
 * unverified; `cosigned`: the policy's witnesses whose cosignatures verified when the quorum was
 * not met, null when the cosignatures were not checked).
 */
export type Distrust =
  | { readonly _tag: "NotACheckpoint"; readonly line: number | null; readonly reason: string }
  | {
      readonly _tag: "Untrusted";
      readonly checkpoint: Checkpoint;
      readonly reason: string;
      readonly policy: CheckpointPolicy;
      /** Whether the log's signature verified (the witnesses or the origin failed after it). */
      readonly logVerified: boolean;
      readonly cosigned: ReadonlyArray<Cosigned> | null;
    };

/** A checkpoint file weighed under a policy: trusted, or not trusted and why (its file is a checkpoint). */
export type WeighedCheckpoint = E.Either<Extract<Distrust, { _tag: "Untrusted" }>, TrustedCheckpoint>;

/** The checkpoint flags as given: the file and the log's key, with the witnesses and the quorum. */
export interface CheckpointFlags {
  readonly file: string;
  readonly vkey: string;
  readonly witnesses: ReadonlyArray<string>;
  readonly quorum: string | undefined;
}

/** The flags of a command that checks a history against a checkpoint (verify, report). */
export const CHECKPOINT_FLAGS = {
  checkpoint: { type: "string" },
  vkey: { type: "string" },
  witness: { type: "string", multiple: true },
  quorum: { type: "string" },
} as const;

// utils

/** Whether two hashes are the same bytes. */
export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** A verifier key given on the command line, or the file that holds it. */
const readVerifierKey = async (command: string, flag: string, value: string): Promise<E.Either<CliError, VerifierKey>> => {
  const text = value.includes("+") ? E.right(value) : E.map((t: string) => t.trim())(await readText(value)());
  if (E.isLeft(text)) return text;
  const key = parseVerifierKey(nodeSha256Digest, text.right);
  return E.isLeft(key) ? E.left(usageError(command, `--${flag} ${value}: ${describeNoteProblem(key.left)}`)) : key;
};

// constructors

/** The verifier's policy from the command line: the log's key (--vkey), the --witness keys, and --quorum of them (all by default). */
export const readPolicy =
  (command: string, vkey: string, witnessKeys: ReadonlyArray<string>, quorum: string | undefined): TE.TaskEither<CliError, CheckpointPolicy> =>
  async () => {
    const log = await readVerifierKey(command, "vkey", vkey);
    if (E.isLeft(log)) return log;
    if (log.right.type !== "ed25519") return E.left(usageError(command, `--vkey ${vkey} is a witness's key; give the log's`));
    const witnesses: VerifierKey[] = [];
    for (const value of witnessKeys) {
      const key = await readVerifierKey(command, "witness", value);
      if (E.isLeft(key)) return key;
      if (key.right.type !== "cosignature") return E.left(usageError(command, `--witness ${value} is not a witness's cosigner key`));
      witnesses.push(key.right);
    }
    const k = quorum === undefined ? witnesses.length : Number(quorum);
    if (!Number.isSafeInteger(k) || k < 0 || k > witnesses.length) return E.left(usageError(command, `--quorum must be a whole number from 0 to ${witnesses.length} (the --witness keys given), got ${quorum ?? ""}`));
    return E.right({ log: log.right, witnesses, quorum: k });
  };

/** Where a checkpoint's text is wrong, from a note or checkpoint problem: its line when it has one. */
const notACheckpoint = (problem: CheckpointProblem): Distrust =>
  problem._tag === "MalformedCheckpoint" || (problem._tag === "MalformedNote" && problem.line !== null)
    ? { _tag: "NotACheckpoint", line: problem.line, reason: problem.reason }
    : { _tag: "NotACheckpoint", line: null, reason: describeCheckpointProblem(problem) };

/** Weighs a checkpoint note under the policy: its text first (is it a checkpoint?), then the log's signature, the witnesses' and the origin. */
export const weighCheckpoint = (where: string, note: string, policy: CheckpointPolicy): E.Either<Distrust, TrustedCheckpoint> => {
  const parsed = parseNote(note);
  if (E.isLeft(parsed)) return E.left(notACheckpoint(parsed.left));
  const stated = parseCheckpointText(parsed.right.text);
  if (E.isLeft(stated)) return E.left(notACheckpoint(stated.left));
  const untrusted = (reason: string, logVerified: boolean, cosigned: ReadonlyArray<Cosigned> | null = null): E.Either<Distrust, TrustedCheckpoint> =>
    E.left({ _tag: "Untrusted", checkpoint: stated.right, reason, policy, logVerified, cosigned });
  const opened = openUnderPolicy(nodeEd25519, note, policy);
  if (E.isLeft(opened)) {
    const problem = opened.left;
    if (problem._tag === "QuorumNotMet") {
      const cosigned = cosignersOf(nodeEd25519, note, policy.witnesses);
      return untrusted(`${problem.cosigned} of the witnesses cosigned it, and the policy needs ${problem.needed}`, true, E.isRight(cosigned) ? cosigned.right : null);
    }
    if (problem._tag === "BadCosignature") return untrusted(`the cosignature of ${problem.name} (key ${problem.keyId}) is refused: ${problem.reason}`, true);
    return untrusted(describeCheckpointProblem(problem), false);
  }
  const { checkpoint, cosigned } = opened.right;
  const prefix = `${policy.log.name}/`;
  if (!checkpoint.origin.startsWith(prefix)) return untrusted(`the checkpoint's origin "${checkpoint.origin}" is not of the log ${policy.log.name}`, true);
  return E.right({ file: where, checkpoint, streamId: checkpoint.origin.slice(prefix.length), cosigners: cosigned.length, witnesses: policy.witnesses.length, policy, cosigned });
};

/** Why a checkpoint file is not trusted, as one line: `FILE:LINE: reason` when it is not a checkpoint, `FILE: the checkpoint is not trusted: reason` otherwise. */
export const describeDistrust = (file: string, distrust: Distrust): string =>
  distrust._tag === "Untrusted" ? `${file}: the checkpoint is not trusted: ${distrust.reason}` : `${distrust.line === null ? file : `${file}:${distrust.line}`}: ${distrust.reason}`;

/** Opens a checkpoint note under the policy; `where` names it in messages (the note may be part of it, as in a proof, so a line is named in the message). */
export const trustCheckpoint = (where: string, note: string, policy: CheckpointPolicy): E.Either<CliError, TrustedCheckpoint> =>
  E.mapLeft((distrust: Distrust) => failure(`${where}: the checkpoint is not trusted: ${distrust._tag === "NotACheckpoint" && distrust.line !== null ? `line ${distrust.line}: ` : ""}${distrust.reason}`))(
    weighCheckpoint(where, note, policy),
  );

/** Reads a checkpoint file and weighs it under the policy from the command line; a file that is not a checkpoint is a failure at its line. */
export const readWeighedCheckpoint = ({ file, vkey, witnesses, quorum }: CheckpointFlags, command: string): TE.TaskEither<CliError, WeighedCheckpoint> =>
  pipe(
    readPolicy(command, vkey, witnesses, quorum),
    TE.flatMap((policy) => pipe(readText(file), TE.map((note) => weighCheckpoint(file, note, policy)))),
    TE.flatMapEither((weighed): E.Either<CliError, WeighedCheckpoint> => {
      if (E.isRight(weighed)) return E.right(weighed);
      const distrust = weighed.left;
      return distrust._tag === "NotACheckpoint" ? E.left(failure(describeDistrust(file, distrust))) : E.right(E.left(distrust));
    }),
  );

/** Reads a checkpoint file and opens it under the policy from the command line: not trusted is a failure. */
export const readTrustedCheckpoint = (flags: CheckpointFlags, command: string): TE.TaskEither<CliError, TrustedCheckpoint> =>
  pipe(
    readWeighedCheckpoint(flags, command),
    TE.flatMapEither(E.mapLeft((untrusted) => failure(describeDistrust(flags.file, untrusted)))),
  );

/** Reads --checkpoint, --vkey, --witness and --quorum together: none, or a checkpoint with the log's key; the others alone are usage errors. */
export const checkpointFlags = (
  command: string,
  flags: { readonly checkpoint?: string | undefined; readonly vkey?: string | undefined; readonly witness?: ReadonlyArray<string> | undefined; readonly quorum?: string | undefined },
): E.Either<CliError, CheckpointFlags | undefined> => {
  if (flags.checkpoint === undefined) {
    const stray = flags.vkey !== undefined ? "--vkey" : flags.witness !== undefined ? "--witness" : flags.quorum !== undefined ? "--quorum" : undefined;
    return stray === undefined ? E.right(undefined) : E.left(usageError(command, `${stray} goes with --checkpoint FILE`));
  }
  if (flags.vkey === undefined) return E.left(usageError(command, "--checkpoint needs --vkey KEY (the log's verifier key)"));
  return E.right({ file: flags.checkpoint, vkey: flags.vkey, witnesses: flags.witness ?? [], quorum: flags.quorum });
};

/** A file's text; an unreadable file is a FileError. */
export const readText =
  (file: string): TE.TaskEither<CliError, string> =>
  async () => {
    try {
      return E.right(await readFile(file, "utf8"));
    } catch (error) {
      return E.left(fileError(file, describeFileSystemError(error)));
    }
  };

/** A checkpoint file's note and checkpoint, unverified (whoever reads the proof verifies it). */
export const readCheckpointFile = (file: string): TE.TaskEither<CliError, { readonly note: string; readonly checkpoint: Checkpoint }> =>
  pipe(
    readText(file),
    TE.flatMapEither((note) => {
      const parsed = parseNote(note);
      if (E.isLeft(parsed)) return E.left(failure(`${file}: ${describeNoteProblem(parsed.left)}`));
      const checkpoint = parseCheckpointText(parsed.right.text);
      if (E.isLeft(checkpoint)) return E.left(failure(`${file}: ${describeCheckpointProblem(checkpoint.left)}`));
      return E.right({ note, checkpoint: checkpoint.right });
    }),
  );

/** The leaf hashes of the stream a checkpoint's origin names (or the campaign's), collected as a history is read. */
export interface OriginLeaves {
  readonly collect: SealedObserver;
  /** The one stream found and its leaves, in revision order; none or several is a failure. */
  readonly found: (where: string) => E.Either<CliError, { readonly streamId: string; readonly leaves: ReadonlyArray<Uint8Array> }>;
}

/** Collects the leaves of the stream `origin` ends with (`…/<streamId>`), or of `campaign`'s stream when given. */
export const leavesOfOrigin = (origin: string, campaign: string | undefined, onEvent?: (event: SealedLink) => void): OriginLeaves => {
  const wanted = campaign === undefined ? undefined : campaignStreamId(campaign);
  const leaves = new Map<string, Uint8Array[]>();
  return {
    collect: (event, leaf) => {
      if (wanted === undefined ? !origin.endsWith(`/${event.streamId}`) : event.streamId !== wanted) return;
      const list = leaves.get(event.streamId) ?? [];
      if (list.length === 0) leaves.set(event.streamId, list);
      list.push(leaf);
      onEvent?.(event);
    },
    found: (where) => {
      const streams = [...leaves.keys()];
      if (streams.length !== 1) return E.left(failure(`${where} holds ${streams.length === 0 ? "no" : "several"} streams the origin "${origin}" can be of${streams.length > 1 ? ": name one with --campaign ID" : ""}`));
      const streamId = streams[0] as string;
      return E.right({ streamId, leaves: leaves.get(streamId) as Uint8Array[] });
    },
  };
};

/** Reads a signer key file; what is wrong is said without quoting the key. */
export const readSignerKey = (command: string, file: string): TE.TaskEither<CliError, SignerKey> =>
  pipe(
    readText(file),
    TE.flatMapEither((text) => E.mapLeft((problem: NoteProblem) => usageError(command, `--key ${file}: ${describeNoteProblem(problem)}`))(parseSignerKey({ sha256: nodeSha256Digest, ed25519: nodeEd25519 }, text.trim()))),
  );
