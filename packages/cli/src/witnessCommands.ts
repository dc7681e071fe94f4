import { mkdir } from "node:fs/promises";
import {
  type ConsistencyProof,
  consistencyPath,
  emptyRoot,
  formatConsistencyProof,
  judgeCheckpoint,
  openCheckpoint,
  parseConsistencyProof,
  rangeRootsOf,
  type SignerKey,
  type VerifierKey,
  type WitnessRefusal,
} from "@tenfold/core/audit";
import { nodeSha256Digest } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type ChainResult, chainOfFile, chainOfStore } from "./chains.js";
import { leavesOfOrigin, readCheckpointFile, readPolicy, readSignerKey, readText, sameBytes } from "./checkpointCheck.js";
import { type CliError, failure, usageError, writeError } from "./CliError.js";
import { defineCommand, required } from "./command.js";
import { CONSISTENCY_HELP, COSIGN_HELP } from "./helpSignedLog.js";
import { type CliIo, type ExitCode } from "./io.js";
import { deliver } from "./output.js";
import { intact, PLATFORM } from "./signedLog.js";
import { parseSource, type Source, withStore } from "./source.js";
import { describeStateError, keepHeld, readHeld, stateFile, withLock } from "./witnessState.js";

// utils

/** What a witness's refusal means, in a sentence. */
export const describeRefusal = (refusal: WitnessRefusal): string => {
  switch (refusal._tag) {
    case "MalformedRequest":
      return `the request is malformed: ${refusal.reason}`;
    case "UnknownOrigin":
      return `the origin "${refusal.origin}" is not of the log this witness follows`;
    case "BadLogSignature":
      return "the checkpoint has no valid signature by the log's key";
    case "OldSizeLarger":
      return `the old size ${refusal.old} is larger than the checkpoint's ${refusal.size}`;
    case "OldSizeNotHeld":
      return `the proof is from a size this witness does not hold: it holds size ${refusal.held} (make the proof from that checkpoint)`;
    case "ForkAtSameSize":
      return `the checkpoint of size ${refusal.size} has another root than the one this witness cosigned: a fork`;
    case "BadConsistencyProof":
      return `the consistency proof does not verify (${refusal.reason})`;
  }
};

// constructors

/** Writes the consistency proof from the old checkpoint to the new one, over a history that matches both. */
export const consistencyOf = (source: Source, campaign: string | undefined, oldFile: string, newFile: string, out: string | undefined, io: CliIo): TE.TaskEither<CliError, ExitCode> =>
  pipe(
    TE.Do,
    TE.apS("old", readCheckpointFile(oldFile)),
    TE.apS("next", readCheckpointFile(newFile)),
    TE.flatMap(({ old, next }) => {
      if (old.checkpoint.origin !== next.checkpoint.origin) return TE.left(failure(`${oldFile} and ${newFile} are of different origins ("${old.checkpoint.origin}", "${next.checkpoint.origin}")`));
      if (old.checkpoint.size > next.checkpoint.size) return TE.left(failure(`${oldFile} (size ${old.checkpoint.size}) is larger than ${newFile} (size ${next.checkpoint.size}): give the older one as --old`));
      const stream = leavesOfOrigin(next.checkpoint.origin, campaign);
      const prove = (where: string) => (chains: ChainResult) =>
        pipe(
          intact(where, chains),
          E.flatMap((): E.Either<CliError, string> => {
            const found = stream.found(where);
            if (E.isLeft(found)) return found;
            const all = found.right.leaves;
            if (all.length < next.checkpoint.size) return E.left(failure(`${where} has ${all.length} events of the stream, fewer than the ${next.checkpoint.size} of ${newFile}`));
            const ranges = rangeRootsOf(nodeSha256Digest, all.slice(0, next.checkpoint.size));
            for (const [file, { checkpoint }] of [[oldFile, old], [newFile, next]] as const) {
              const here = checkpoint.size === 0 ? emptyRoot(nodeSha256Digest) : ranges(0, checkpoint.size);
              if (!sameBytes(here, checkpoint.root)) return E.left(failure(`${where}: its first ${checkpoint.size} events are not those ${file} covers`));
            }
            return E.right(formatConsistencyProof({ oldSize: old.checkpoint.size, path: consistencyPath(ranges, old.checkpoint.size, next.checkpoint.size), checkpoint: next.note }));
          }),
        );
      return source._tag === "File"
        ? pipe(chainOfFile(source.file, io, [], stream.collect, "consistency"), TE.flatMapEither(prove(source.file)))
        : withStore("consistency", io, source.url, ({ store, description }) => pipe(chainOfStore(store, description, io, [], stream.collect, "consistency"), TE.flatMapEither(prove(description))));
    }),
    TE.flatMap((proof) => deliver(proof, out, "the consistency proof", io)),
  );

/** A witness's answer to one add-checkpoint body: its cosignature line, or why not (a refusal, or state it could not keep). */
export type WitnessAnswer = E.Either<WitnessRefusal | { readonly _tag: "StateNotKept"; readonly status: 500; readonly file: string; readonly reason: string }, string>;

/**
 * One add-checkpoint request: judged against the state held for its origin in `stateDir`, under
 * the origin's lock; on success the new size and root are stored (atomically, by rename) before
 * the cosignature line is returned.
 */
export const witnessAdd = async (witness: SignerKey, log: VerifierKey, stateDir: string, body: string, now: Date): Promise<WitnessAnswer> => {
  const request = { witness, logs: [log], body, time: Math.floor(now.getTime() / 1000) };
  // Nothing touches the disk before the log's signature is known to hold: the origin is then the log's own.
  const signed = E.flatMap((proof: ConsistencyProof) => openCheckpoint(PLATFORM.ed25519, proof.checkpoint, log))(parseConsistencyProof(body));
  if (E.isLeft(signed)) {
    const refused = judgeCheckpoint(PLATFORM, request, () => undefined);
    if (E.isRight(refused)) throw new Error("judgeCheckpoint cosigned a request whose checkpoint does not open with the log's key");
    return refused;
  }
  const file = stateFile(stateDir, signed.right.checkpoint.origin);
  try {
    await mkdir(stateDir, { recursive: true });
    return await withLock(file, async (): Promise<WitnessAnswer> => {
      const held = await readHeld(file);
      const judged = judgeCheckpoint(PLATFORM, request, () => held);
      if (E.isLeft(judged)) return judged;
      await keepHeld(file, judged.right.held);
      return E.right(judged.right.line);
    });
  } catch (error) {
    return E.left({ _tag: "StateNotKept", status: 500, file, reason: describeStateError(error) });
  }
};

/** One witness request: judge it against the state held for its origin, keep the new state, and write the cosigned checkpoint. */
export const cosignOf = (keyFile: string, log: VerifierKey, stateDir: string, proofFile: string, out: string | undefined, io: CliIo): TE.TaskEither<CliError, ExitCode> =>
  pipe(
    TE.Do,
    TE.apS("witness", readWitnessKey("cosign", keyFile)),
    TE.apS("body", readText(proofFile)),
    TE.flatMap(({ witness, body }) => async (): Promise<E.Either<CliError, string>> => {
      const answer = await witnessAdd(witness, log, stateDir, body, io.clock?.now() ?? new Date());
      if (E.isLeft(answer)) {
        const refusal = answer.left;
        return E.left(refusal._tag === "StateNotKept" ? writeError(refusal.file, refusal.reason) : failure(`${proofFile}: refused (${refusal.status}): ${describeRefusal(refusal)}`));
      }
      return E.right(`${body.slice(body.indexOf("\n\n") + 2)}${answer.right}\n`);
    }),
    TE.flatMap((cosigned) => deliver(cosigned, out, "the cosigned checkpoint", io)),
  );

/** A witness's cosigner key from its file; a log's key is a usage error. */
export const readWitnessKey = (command: string, keyFile: string): TE.TaskEither<CliError, SignerKey> =>
  pipe(
    readSignerKey(command, keyFile),
    TE.flatMap((key) => (key.type === "cosignature" ? TE.right(key) : TE.left(usageError(command, `--key ${keyFile} is a log's key; a witness cosigns with a cosigner key (tenfold keygen --witness)`)))),
  );

/** `tenfold consistency (--input FILE | --store URL) [--campaign ID] --old FILE --new FILE [--out FILE]`. */
export const consistencyCommand = defineCommand(
  "consistency",
  CONSISTENCY_HELP,
  { input: { type: "string", short: "i" }, store: { type: "string" }, campaign: { type: "string" }, old: { type: "string" }, new: { type: "string" }, out: { type: "string", short: "o" } },
  (flags, io) =>
    pipe(
      E.Do,
      E.apS("source", parseSource("consistency", flags.input, flags.store)),
      E.apS("old", required("consistency", "old", flags.old, "FILE")),
      E.apS("next", required("consistency", "new", flags.new, "FILE")),
      TE.fromEither,
      TE.flatMap(({ source, old, next }) => consistencyOf(source, flags.campaign, old, next, flags.out, io)),
    ),
);

/** `tenfold cosign --key FILE --log-vkey KEY --state DIR --proof FILE [--out FILE]`. */
export const cosignCommand = defineCommand(
  "cosign",
  COSIGN_HELP,
  { key: { type: "string" }, "log-vkey": { type: "string" }, state: { type: "string" }, proof: { type: "string" }, out: { type: "string", short: "o" } },
  (flags, io) =>
    pipe(
      E.Do,
      E.apS("key", required("cosign", "key", flags.key, "FILE")),
      E.apS("logKey", required("cosign", "log-vkey", flags["log-vkey"], "KEY")),
      E.apS("state", required("cosign", "state", flags.state, "DIR")),
      E.apS("proof", required("cosign", "proof", flags.proof, "FILE")),
      TE.fromEither,
      TE.flatMap(({ key, logKey, state, proof }) =>
        pipe(
          readPolicy("cosign", logKey, [], undefined),
          TE.flatMap((policy) => cosignOf(key, policy.log, state, proof, flags.out, io)),
        ),
      ),
    ),
);
