import { readFile } from "node:fs/promises";
import {
  type Checkpoint,
  type CheckpointPolicy,
  describeCheckpointProblem,
  describeNoteProblem,
  emptyRoot,
  eventLeafHash,
  merkleFrontier,
  openUnderPolicy,
  parseCheckpointText,
  parseNote,
  type NoteProblem,
  parseSignerKey,
  parseVerifierKey,
  type SignerKey,
  type SealedEnvelope,
  type VerifierKey,
} from "@tenfold/core/audit";
import { nodeEd25519, nodeSha256Digest } from "@tenfold/core/node";
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
}

/** Follows one stream's sealed events against a checkpoint, then says how the history compares. */
export interface CheckpointFollower {
  readonly sealed: (line: number, event: SealedEnvelope) => void;
  /** Problems (the history is shorter, or its first `size` events differ) and notices (events the checkpoint does not cover). */
  readonly end: (file: string) => { readonly problems: ReadonlyArray<string>; readonly notices: ReadonlyArray<string>; readonly summary: string };
}

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

/** Opens a checkpoint note under the policy; `where` names it in messages. */
export const trustCheckpoint = (where: string, note: string, policy: CheckpointPolicy): E.Either<CliError, TrustedCheckpoint> => {
  const opened = openUnderPolicy(nodeEd25519, note, policy);
  if (E.isLeft(opened)) {
    const problem = opened.left;
    const why =
      problem._tag === "QuorumNotMet"
        ? `${problem.cosigned} of the witnesses cosigned it, and the policy needs ${problem.needed}`
        : problem._tag === "BadCosignature"
          ? `the cosignature of ${problem.name} (key ${problem.keyId}) is refused: ${problem.reason}`
          : describeCheckpointProblem(problem);
    return E.left(failure(`${where}: the checkpoint is not trusted: ${why}`));
  }
  const { checkpoint, cosigned } = opened.right;
  const prefix = `${policy.log.name}/`;
  if (!checkpoint.origin.startsWith(prefix)) return E.left(failure(`${where}: the checkpoint's origin "${checkpoint.origin}" is not of the log ${policy.log.name}`));
  return E.right({ file: where, checkpoint, streamId: checkpoint.origin.slice(prefix.length), cosigners: cosigned.length, witnesses: policy.witnesses.length });
};

/** Reads a checkpoint file and opens it under the policy from the command line. */
export const readTrustedCheckpoint = (command: string, file: string, vkey: string, witnessKeys: ReadonlyArray<string>, quorum: string | undefined): TE.TaskEither<CliError, TrustedCheckpoint> =>
  pipe(
    readPolicy(command, vkey, witnessKeys, quorum),
    TE.flatMap((policy) =>
      pipe(
        readText(file),
        TE.flatMapEither((note) => trustCheckpoint(file, note, policy)),
      ),
    ),
  );

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

/** A follower of the checkpoint's stream: the Merkle root of its first `size` events, and where the events it does not cover start. */
export const followCheckpoint = (trusted: TrustedCheckpoint): CheckpointFollower => {
  const { size, root } = trusted.checkpoint;
  const frontier = merkleFrontier(nodeSha256Digest);
  let rootAtSize: Uint8Array | undefined = size === 0 ? emptyRoot(nodeSha256Digest) : undefined;
  let firstUncovered: { line: number; revision: SealedEnvelope["streamRevision"] } | undefined;
  return {
    sealed: (line, event) => {
      if (event.streamId !== trusted.streamId) return;
      if (frontier.size() >= size) {
        firstUncovered ??= { line, revision: event.streamRevision };
        return;
      }
      frontier.append(eventLeafHash(nodeSha256Digest, event));
      if (frontier.size() === size) rootAtSize = frontier.root();
    },
    end: (file) => {
      const problems: string[] = [];
      const notices: string[] = [];
      const seen = frontier.size();
      if (rootAtSize === undefined) {
        problems.push(`${file}: stream ${trusted.streamId} has ${seen} sealed events, fewer than the ${size} its checkpoint (${trusted.file}) covers: the history was cut short`);
      } else if (!sameBytes(rootAtSize, root)) {
        problems.push(`${file}: the first ${size} events of stream ${trusted.streamId} are not those its checkpoint (${trusted.file}) covers (their Merkle root differs): the history was rewritten`);
      }
      if (firstUncovered !== undefined) {
        notices.push(`${file}:${firstUncovered.line}: revision ${firstUncovered.revision} of stream ${trusted.streamId} and those after it are not covered by the checkpoint (size ${size})`);
      }
      const cosigned = trusted.witnesses === 0 ? "" : `, ${trusted.cosigners} of ${trusted.witnesses} witnesses`;
      const verdict = problems.length === 0 ? "matches" : "does not match";
      return { problems, notices, summary: `the history ${verdict} the checkpoint of size ${size} (log signature verified${cosigned})` };
    },
  };
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
  readonly collect: (event: SealedEnvelope) => void;
  /** The one stream found and its leaves, in revision order; none or several is a failure. */
  readonly found: (where: string) => E.Either<CliError, { readonly streamId: string; readonly leaves: ReadonlyArray<Uint8Array> }>;
}

/** Collects the leaves of the stream `origin` ends with (`…/<streamId>`), or of `campaign`'s stream when given. */
export const leavesOfOrigin = (origin: string, campaign: string | undefined, onEvent?: (event: SealedEnvelope) => void): OriginLeaves => {
  const wanted = campaign === undefined ? undefined : campaignStreamId(campaign);
  const leaves = new Map<string, Uint8Array[]>();
  return {
    collect: (event) => {
      if (wanted === undefined ? !origin.endsWith(`/${event.streamId}`) : event.streamId !== wanted) return;
      const list = leaves.get(event.streamId) ?? [];
      if (list.length === 0) leaves.set(event.streamId, list);
      list.push(eventLeafHash(nodeSha256Digest, event));
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
