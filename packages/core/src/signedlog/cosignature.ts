/*
 * Witness cosignatures (C2SP tlog-cosignature v1, Ed25519; tlog-witness): a note signature line
 * `— <witness name> base64(key ID ‖ 8-byte big-endian POSIX time ‖ 64-byte signature)` over
 * `cosignature/v1\ntime <t>\n` and the checkpoint's note text; the key ID is computed with type
 * 0x04. A witness keeps, per origin, the largest size and root it cosigned, and cosigns a new
 * checkpoint only with a valid consistency proof from exactly that size: it never signs two forks.
 */
import * as E from "fp-ts/lib/Either.js";
import { type Checkpoint, type CheckpointProblem, openCheckpoint } from "./checkpoint.js";
import { sameBytes, type Sha256Digest, verifyConsistency } from "./merkle.js";
import { base64Of, type Ed25519, keyIdBytes, type NoteProblem, type NoteSignature, parseNote, type SignerKey, type VerifierKey } from "./note.js";
import { parseConsistencyProof } from "./proofs.js";

// model

/** A witness's cosignature that verified: who, and when it says it cosigned. */
export interface Cosigned {
  readonly witness: VerifierKey;
  /** POSIX seconds. */
  readonly time: number;
}

/** Why cosignatures or a policy are refused. */
export type CosignatureProblem =
  | { readonly _tag: "BadCosignature"; readonly name: string; readonly keyId: string; readonly reason: string }
  | { readonly _tag: "QuorumNotMet"; readonly cosigned: number; readonly needed: number };

/** What a witness holds of one origin: the largest size it cosigned and that tree's root. */
export interface WitnessHeld {
  readonly size: number;
  readonly root: Uint8Array;
}

/** Why a witness refuses to cosign, with tlog-witness's HTTP status for each. */
export type WitnessRefusal =
  | { readonly _tag: "MalformedRequest"; readonly status: 400; readonly reason: string }
  | { readonly _tag: "UnknownOrigin"; readonly status: 404; readonly origin: string }
  | { readonly _tag: "BadLogSignature"; readonly status: 403; readonly reason: string }
  | { readonly _tag: "OldSizeLarger"; readonly status: 400; readonly old: number; readonly size: number }
  | { readonly _tag: "OldSizeNotHeld"; readonly status: 409; readonly held: number }
  | { readonly _tag: "ForkAtSameSize"; readonly status: 409; readonly size: number }
  | { readonly _tag: "BadConsistencyProof"; readonly status: 422; readonly reason: string };

/** What a witness cosigned: the checkpoint, its cosignature line, and the state to keep for the origin. */
export interface WitnessCosigned {
  readonly checkpoint: Checkpoint;
  readonly line: string;
  readonly held: WitnessHeld;
}

// utils

const UTF8 = new TextEncoder();
const MAX_TIME = 2n ** 63n - 1n;

const messageOf = (time: number, text: string): Uint8Array => UTF8.encode(`cosignature/v1\ntime ${time}\n${text}`);

// constructors

/** A witness's cosignature line over a checkpoint's note text at `time` (POSIX seconds). Throws a RangeError for a key that is not a cosigner's or a bad time. */
export const cosignatureLine = (ed25519: Ed25519, witness: SignerKey, text: string, time: number): string => {
  if (witness.type !== "cosignature") throw new RangeError("a cosignature is made with a cosigner key (type 0x04)");
  if (!Number.isSafeInteger(time) || time < 0) throw new RangeError(`time: expected POSIX seconds, got ${time}`);
  const signature = ed25519.sign(witness.seed, messageOf(time, text));
  const bytes = new Uint8Array(4 + 8 + 64);
  bytes.set(keyIdBytes(witness), 0);
  new DataView(bytes.buffer).setBigUint64(4, BigInt(time));
  bytes.set(signature, 12);
  return `\u2014 ${witness.name} ${base64Of(bytes)}`;
};

/** Checks one signature line as a cosignature by `witness` over `text`. */
export const verifyCosignature = (ed25519: Ed25519, witness: VerifierKey, text: string, signature: NoteSignature): E.Either<CosignatureProblem, Cosigned> => {
  const refuse = (reason: string): E.Either<CosignatureProblem, Cosigned> => E.left({ _tag: "BadCosignature", name: signature.name, keyId: signature.keyId, reason });
  if (signature.signature.length !== 72) return refuse(`a cosignature is 8 bytes of time and 64 of signature, this one ${signature.signature.length} bytes`);
  const big = new DataView(signature.signature.buffer, signature.signature.byteOffset, 8).getBigUint64(0);
  if (big > MAX_TIME || big > BigInt(Number.MAX_SAFE_INTEGER)) return refuse("its time is past 2^63 − 1");
  const time = Number(big);
  return ed25519.verify(witness.publicKey, messageOf(time, text), signature.signature.subarray(8)) ? E.right({ witness, time }) : refuse("it does not verify over this checkpoint");
};

/**
 * The witnesses among `witnesses` that cosigned the note: lines whose name and key ID are not
 * both a witness's are ignored; a known witness's line that does not verify refuses the note.
 */
export const cosignersOf = (ed25519: Ed25519, note: string, witnesses: ReadonlyArray<VerifierKey>): E.Either<CosignatureProblem | NoteProblem, ReadonlyArray<Cosigned>> => {
  const parsed = parseNote(note);
  if (E.isLeft(parsed)) return parsed;
  const found: Cosigned[] = [];
  for (const signature of parsed.right.signatures) {
    const witness = witnesses.find((w) => w.type === "cosignature" && w.name === signature.name && w.keyId === signature.keyId);
    if (witness === undefined) continue;
    const checked = verifyCosignature(ed25519, witness, parsed.right.text, signature);
    if (E.isLeft(checked)) return checked;
    if (!found.some((c) => c.witness.keyId === witness.keyId && c.witness.name === witness.name)) found.push(checked.right);
  }
  return E.right(found);
};

/** A verifier's policy: the log's key, and at least `quorum` of `witnesses` (k of n; 0 trusts the log alone). */
export interface CheckpointPolicy {
  readonly log: VerifierKey;
  readonly witnesses: ReadonlyArray<VerifierKey>;
  readonly quorum: number;
}

/** Opens a checkpoint under a policy: the log's signature, then at least `quorum` distinct witnesses' valid cosignatures. */
export const openUnderPolicy = (
  ed25519: Ed25519,
  note: string,
  policy: CheckpointPolicy,
  origin?: string,
): E.Either<CosignatureProblem | CheckpointProblem, { readonly checkpoint: Checkpoint; readonly cosigned: ReadonlyArray<Cosigned> }> => {
  if (!Number.isSafeInteger(policy.quorum) || policy.quorum < 0 || policy.quorum > policy.witnesses.length) {
    throw new RangeError(`quorum: expected 0 to ${policy.witnesses.length} (the witnesses given), got ${policy.quorum}`);
  }
  const opened = openCheckpoint(ed25519, note, policy.log, origin);
  if (E.isLeft(opened)) return opened;
  const cosigned = cosignersOf(ed25519, note, policy.witnesses);
  if (E.isLeft(cosigned)) return cosigned;
  if (cosigned.right.length < policy.quorum) return E.left({ _tag: "QuorumNotMet", cosigned: cosigned.right.length, needed: policy.quorum });
  return E.right({ checkpoint: opened.right.checkpoint, cosigned: cosigned.right });
};

/**
 * A witness's judgement of an add-checkpoint request, in tlog-witness's order: the body's form,
 * a known origin (one of `logs`' names followed by `/`), the log's signature, the old size not
 * larger than the new, the old size the one held (0 when nothing is held), an equal size's root
 * the one held, and the consistency proof from the held tree. The caller keeps `held` per origin
 * and must store the returned `held` before it answers, atomically with the check of the old.
 */
export const judgeCheckpoint = (
  platform: { readonly sha256: Sha256Digest; readonly ed25519: Ed25519 },
  request: { readonly witness: SignerKey; readonly logs: ReadonlyArray<VerifierKey>; readonly body: string; readonly time: number },
  held: (origin: string) => WitnessHeld | undefined,
): E.Either<WitnessRefusal, WitnessCosigned> => {
  const proof = parseConsistencyProof(request.body);
  if (E.isLeft(proof)) return E.left({ _tag: "MalformedRequest", status: 400, reason: "reason" in proof.left ? proof.left.reason : proof.left._tag });
  const parsedNote = parseNote(proof.right.checkpoint);
  if (E.isLeft(parsedNote)) return E.left({ _tag: "MalformedRequest", status: 400, reason: "the checkpoint is not a signed note" });
  const origin = parsedNote.right.text.split("\n")[0] ?? "";
  const log = request.logs.find((k) => origin.startsWith(`${k.name}/`));
  if (log === undefined) return E.left({ _tag: "UnknownOrigin", status: 404, origin });
  const opened = openCheckpoint(platform.ed25519, proof.right.checkpoint, log);
  if (E.isLeft(opened)) {
    const bad = opened.left._tag === "BadSignature" || opened.left._tag === "NoKnownSignature";
    return E.left(bad ? { _tag: "BadLogSignature", status: 403, reason: opened.left._tag } : { _tag: "MalformedRequest", status: 400, reason: "the checkpoint's text is not a checkpoint's" });
  }
  const next = opened.right.checkpoint;
  const old = proof.right.oldSize;
  if (old > next.size) return E.left({ _tag: "OldSizeLarger", status: 400, old, size: next.size });
  const current = held(origin);
  const heldSize = current?.size ?? 0;
  if (old !== heldSize) return E.left({ _tag: "OldSizeNotHeld", status: 409, held: heldSize });
  if (current !== undefined && current.size === next.size) {
    if (!sameBytes(current.root, next.root)) return E.left({ _tag: "ForkAtSameSize", status: 409, size: next.size });
  } else if (current !== undefined) {
    const consistent = verifyConsistency(platform.sha256, current.size, next.size, current.root, next.root, proof.right.path);
    if (E.isLeft(consistent)) return E.left({ _tag: "BadConsistencyProof", status: 422, reason: consistent.left._tag });
  } else if (proof.right.path.length > 0) {
    return E.left({ _tag: "BadConsistencyProof", status: 422, reason: "the proof from size 0 must be empty" });
  }
  return E.right({ checkpoint: next, line: cosignatureLine(platform.ed25519, request.witness, parsedNote.right.text, request.time), held: { size: next.size, root: next.root } });
};
