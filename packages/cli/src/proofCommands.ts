import { formatDecodeError } from "@tenfold/core";
import {
  type CheckpointPolicy,
  describeCheckpointProblem,
  describeNoteProblem,
  describeProofRefused,
  formatInclusionProof,
  inclusionPath,
  parseInclusionProof,
  type ProofProblem,
  rangeRootsOf,
  sealedEnvelopeOf,
  verifyEventInclusion,
} from "@tenfold/core/audit";
import { nodeSha256Digest } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type ChainResult, chainOfFile, chainOfStore } from "./chains.js";
import { leavesOfOrigin, readCheckpointFile, readPolicy, readText, sameBytes, trustCheckpoint, type TrustedCheckpoint } from "./checkpointCheck.js";
import { type CliError, failure, usageError } from "./CliError.js";
import { defineCommand, required } from "./command.js";
import { PROVE_HELP, VERIFY_PROOF_HELP } from "./helpSignedLog.js";
import { parseJson } from "./history.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { deliver } from "./output.js";
import { commitmentsOfParsed } from "./personalEntries.js";
import { intact, PLATFORM } from "./signedLog.js";
import { parseSource, type Source, withStore } from "./source.js";

// model

/** Which event to prove: by its revision, or by its id. */
export type EventPick = { readonly _tag: "Revision"; readonly revision: bigint } | { readonly _tag: "EventId"; readonly eventId: string };

/** Writes the inclusion proof of one event of a file or store against a checkpoint the history matches. */
export const proveOf = (source: Source, campaign: string | undefined, pick: EventPick, checkpointFile: string, out: string | undefined, io: CliIo): TE.TaskEither<CliError, ExitCode> =>
  pipe(
    readCheckpointFile(checkpointFile),
    TE.flatMap(({ note, checkpoint }) => {
      const ids = new Map<string, bigint>();
      const stream = leavesOfOrigin(checkpoint.origin, campaign, (event) => {
        if (pick._tag === "EventId" && event.eventId !== undefined) ids.set(event.eventId, BigInt(event.streamRevision));
      });
      const prove = (where: string) => (chains: ChainResult) =>
        pipe(
          intact(where, chains),
          E.flatMap((): E.Either<CliError, string> => {
            const found = stream.found(where);
            if (E.isLeft(found)) return found;
            const { streamId, leaves: all } = found.right;
            const { size, root } = checkpoint;
            if (all.length < size) return E.left(failure(`${where}: stream ${streamId} has ${all.length} sealed events, fewer than the ${size} the checkpoint covers`));
            const ranges = rangeRootsOf(nodeSha256Digest, all.slice(0, size));
            const rootHere = size === 0 ? undefined : ranges(0, size);
            if (rootHere === undefined || !sameBytes(rootHere, root)) {
              return E.left(failure(`${where}: the first ${size} events of stream ${streamId} are not those the checkpoint covers: no proof can hold`));
            }
            const revision = pick._tag === "Revision" ? pick.revision : ids.get(pick.eventId);
            if (revision === undefined) return E.left(failure(`${where}: stream ${streamId} holds no event ${pick._tag === "EventId" ? pick.eventId : ""}`));
            if (revision >= BigInt(size)) return E.left(failure(`${where}: revision ${revision} of stream ${streamId} is not covered by the checkpoint (size ${size}): sign a newer checkpoint first`));
            const index = Number(revision);
            return E.right(formatInclusionProof({ index, path: inclusionPath(ranges, index, size), checkpoint: note }));
          }),
        );
      return source._tag === "File"
        ? pipe(chainOfFile(source.file, io, [], stream.collect, "prove"), TE.flatMapEither(prove(source.file)))
        : withStore("prove", io, source.url, ({ store, description }) => pipe(chainOfStore(store, description, io, [], stream.collect, "prove"), TE.flatMapEither(prove(description))));
    }),
    TE.flatMap((proof) => deliver(proof, out, "the inclusion proof", io)),
  );

// utils

/** What a refused proof means, placed at its file. */
const describeProofProblem = (proofFile: string, problem: ProofProblem): string => {
  switch (problem._tag) {
    case "MalformedProof":
      return `${proofFile}:${problem.line}: ${problem.reason}`;
    case "MalformedCheckpoint":
      return `${proofFile}: its checkpoint, ${describeCheckpointProblem(problem)}`;
    case "NotThisEvent":
      return `${proofFile}: ${problem.reason}`;
    case "MalformedKey":
    case "MalformedNote":
    case "TooManySignatures":
    case "BadSignature":
    case "NoKnownSignature":
      return `${proofFile}: its checkpoint: ${describeNoteProblem(problem)}`;
    case "IndexNotInTree":
    case "SizesOutOfOrder":
    case "ProofTooLong":
    case "ProofTooShort":
    case "ProofNotEmpty":
    case "ProofEmpty":
    case "RootMismatch":
      return `${proofFile}: ${describeProofRefused(problem)}`;
  }
};

/** Checks one exported event against its inclusion proof, offline, under the verifier's policy. */
export const verifyProofOf = (proofFile: string, eventFile: string, policy: CheckpointPolicy, io: CliIo): TE.TaskEither<CliError, ExitCode> =>
  pipe(
    TE.Do,
    TE.apS("proof", readText(proofFile)),
    TE.apS("eventText", readText(eventFile)),
    TE.flatMapEither(({ proof, eventText }) => {
      const lines = eventText.split("\n").filter((l) => l.trim() !== "");
      if (lines.length !== 1) return E.left(failure(`${eventFile}: expected one event line, found ${lines.length}`));
      const json = parseJson(lines[0] as string);
      if (E.isLeft(json)) return E.left(failure(`${eventFile}:1: ${json.left}`));
      const sealed = sealedEnvelopeOf(json.right);
      if (E.isLeft(sealed)) return E.left(failure(`${eventFile}:1: ${formatDecodeError(sealed.left).join("; ")}`));
      if (sealed.right === null) return E.left(failure(`${eventFile}:1: the event has no seal (previousHash, hash): export it with tenfold export`));
      const event = sealed.right;
      // The seal covers commitments, not values: a value given with its salt must open its commitment.
      const commitments = commitmentsOfParsed(json.right);
      if (commitments.length > 0) return E.left(failure(`${eventFile}:1: ${commitments.join("; ")}`));
      const included = verifyEventInclusion(PLATFORM, proof, event, policy.log);
      if (E.isLeft(included)) return E.left(failure(describeProofProblem(proofFile, included.left)));
      return E.map((trusted: TrustedCheckpoint) => ({ event, trusted }))(trustCheckpoint(proofFile, proofCheckpoint(proof), policy));
    }),
    TE.flatMap(({ event, trusted }) => async () => {
      const cosigned = trusted.witnesses === 0 ? "" : `, ${trusted.cosigners} of ${trusted.witnesses} witnesses`;
      await io.stdout.write(`${eventFile}: revision ${event.streamRevision} of stream ${event.streamId} is in the log: leaf ${event.streamRevision} of the checkpoint of size ${trusted.checkpoint.size} (log signature verified${cosigned})\n`);
      return E.right(EXIT.ok);
    }),
  );

/** The checkpoint a proof text carries (after its first empty line). */
const proofCheckpoint = (proof: string): string => {
  const parsed = parseInclusionProof(proof);
  return E.isRight(parsed) ? parsed.right.checkpoint : "";
};

// constructors

const REVISION = /^(0|[1-9][0-9]*)$/;

/** `--revision N` or `--event-id UUID`, exactly one. */
const parsePick = (revision: string | undefined, eventId: string | undefined): E.Either<CliError, EventPick> => {
  if ((revision === undefined) === (eventId === undefined)) return E.left(usageError("prove", "give --revision N or --event-id UUID (one of them)"));
  if (eventId !== undefined) return E.right({ _tag: "EventId", eventId });
  return REVISION.test(revision ?? "") ? E.right({ _tag: "Revision", revision: BigInt(revision ?? "0") }) : E.left(usageError("prove", `invalid --revision "${revision ?? ""}": expected a whole number from 0`));
};

/** `tenfold prove (--input FILE | --store URL) [--campaign ID] (--revision N | --event-id UUID) --checkpoint FILE [--out FILE]`. */
export const proveCommand = defineCommand(
  "prove",
  PROVE_HELP,
  {
    input: { type: "string", short: "i" },
    store: { type: "string" },
    campaign: { type: "string" },
    revision: { type: "string" },
    "event-id": { type: "string" },
    checkpoint: { type: "string" },
    out: { type: "string", short: "o" },
  },
  (flags, io) =>
    pipe(
      E.Do,
      E.apS("source", parseSource("prove", flags.input, flags.store)),
      E.apS("pick", parsePick(flags.revision, flags["event-id"])),
      E.apS("checkpoint", required("prove", "checkpoint", flags.checkpoint, "FILE")),
      TE.fromEither,
      TE.flatMap(({ source, pick, checkpoint }) => proveOf(source, flags.campaign, pick, checkpoint, flags.out, io)),
    ),
);

/** `tenfold verify-proof --proof FILE --event FILE --vkey KEY [--witness KEY …] [--quorum K]`. */
export const verifyProofCommand = defineCommand(
  "verify-proof",
  VERIFY_PROOF_HELP,
  { proof: { type: "string" }, event: { type: "string" }, vkey: { type: "string" }, witness: { type: "string", multiple: true }, quorum: { type: "string" } },
  (flags, io) =>
    pipe(
      E.Do,
      E.apS("proof", required("verify-proof", "proof", flags.proof, "FILE")),
      E.apS("event", required("verify-proof", "event", flags.event, "FILE")),
      E.apS("vkey", required("verify-proof", "vkey", flags.vkey, "KEY")),
      TE.fromEither,
      TE.flatMap(({ proof, event, vkey }) =>
        pipe(
          readPolicy("verify-proof", vkey, flags.witness ?? [], flags.quorum),
          TE.flatMap((policy) => verifyProofOf(proof, event, policy, io)),
        ),
      ),
    ),
);

