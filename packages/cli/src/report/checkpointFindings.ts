import { type ChainProblem, type Checkpoint, type CheckpointPolicy, type Cosigned, type SealedEnvelope } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import type { WeighedCheckpoint } from "../checkpointCheck.js";
import { type CheckpointOutcome, describeComparison, followCheckpoint } from "../checkpointFollow.js";
import type { Where } from "../sealCheck.js";

// model

/** A witness of the verifier's policy, and whether it cosigned: when (an ISO-8601 UTC instant), not at all, or not checked (the log's signature failed first). */
export interface WitnessRow {
  readonly name: string;
  readonly keyId: string;
  readonly cosigned: { readonly _tag: "At"; readonly instant: string } | { readonly _tag: "Missing" } | { readonly _tag: "Unchecked" };
}

/** The first problem the hash chains found in the checkpoint's stream among the events it covers: its revision, and where it was read. */
export interface ChainBreak {
  readonly revision: number;
  readonly where: string;
}

/** What the history made of the checkpoint: not trusted (the history was not compared), or compared, with verify's words for it. */
export type CheckpointVerdict =
  | { readonly _tag: "Untrusted"; readonly reason: string }
  | {
      readonly _tag: "Compared";
      readonly streamId: string;
      readonly outcome: CheckpointOutcome;
      /** When rewritten: where the stream's hash chain first breaks, if it does. */
      readonly firstBreak: ChainBreak | undefined;
      /** The first event past the checkpoint's size, as `WHERE:LINE` and its revision. */
      readonly uncovered: { readonly where: string; readonly revision: number } | undefined;
      readonly problems: ReadonlyArray<string>;
      readonly notices: ReadonlyArray<string>;
      readonly summary: string;
    };

/** What checking the history against a signed checkpoint found, as the report shows it. */
export interface CheckpointFindings {
  readonly file: string;
  /** As the checkpoint states them (verified only when the verdict is Compared). */
  readonly origin: string;
  readonly size: number;
  readonly rootBase64: string;
  /** The log's key given (--vkey), and whether its signature on the checkpoint verified. */
  readonly log: { readonly name: string; readonly keyId: string; readonly verified: boolean };
  readonly witnesses: ReadonlyArray<WitnessRow>;
  readonly quorum: number;
  readonly cosigners: number;
  readonly verdict: CheckpointVerdict;
}

/** Follows a history against a weighed checkpoint as it is read (its seals, its chain problems), then says what was found. */
export interface CheckpointObserver {
  readonly sealed: (line: number, event: SealedEnvelope, sealedText: string) => void;
  readonly chainProblem: (problem: ChainProblem, where: Where) => void;
  /** `history`: the file or store read, as problems name it. */
  readonly findings: (history: string) => CheckpointFindings;
}

// utils

/** The revision a chain problem is at, and its stream; null for problems of no one revision. */
const revisionOf = (problem: ChainProblem): { readonly streamId: string; readonly revision: bigint } | null => {
  switch (problem._tag) {
    case "Tampered":
    case "Inserted":
    case "Duplicated":
    case "Reordered":
      return { streamId: problem.streamId, revision: problem.revision };
    case "Deleted":
      return { streamId: problem.streamId, revision: problem.from };
    case "Truncated":
    case "Unsealed":
    case "StraySeal":
      return null;
  }
};

/** POSIX seconds as an ISO-8601 UTC instant (a time past what a Date holds said in seconds). */
export const instantOf = (seconds: number): string => (seconds * 1000 <= 8.64e15 ? new Date(seconds * 1000).toISOString() : `${seconds} seconds after 1970-01-01T00:00:00Z`);

const witnessRows = (witnesses: ReadonlyArray<{ readonly name: string; readonly keyId: string }>, cosigned: ReadonlyArray<Cosigned> | null): ReadonlyArray<WitnessRow> =>
  witnesses.map(({ name, keyId }) => {
    const found = cosigned?.find((c) => c.witness.name === name && c.witness.keyId === keyId);
    return { name, keyId, cosigned: cosigned === null ? { _tag: "Unchecked" } : found === undefined ? { _tag: "Missing" } : { _tag: "At", instant: instantOf(found.time) } };
  });

const shown = (file: string, checkpoint: Checkpoint, policy: CheckpointPolicy, verified: boolean) => ({
  file,
  origin: checkpoint.origin,
  size: checkpoint.size,
  rootBase64: Buffer.from(checkpoint.root).toString("base64"),
  log: { name: policy.log.name, keyId: policy.log.keyId, verified },
  quorum: policy.quorum,
});

// constructors

/** An observer of the history for the report: the checkpoint is compared when trusted, only shown when not. */
export const observeCheckpoint = (file: string, weighed: WeighedCheckpoint): CheckpointObserver => {
  if (E.isLeft(weighed)) {
    const untrusted = weighed.left;
    const findings: CheckpointFindings = {
      ...shown(file, untrusted.checkpoint, untrusted.policy, untrusted.logVerified),
      witnesses: witnessRows(untrusted.policy.witnesses, untrusted.cosigned),
      cosigners: untrusted.cosigned?.length ?? 0,
      verdict: { _tag: "Untrusted", reason: untrusted.reason },
    };
    return { sealed: () => undefined, chainProblem: () => undefined, findings: () => findings };
  }
  const trusted = weighed.right;
  const follower = followCheckpoint(trusted);
  let firstBreak: ChainBreak | undefined;
  return {
    sealed: follower.sealed,
    chainProblem: (problem, where) => {
      const at = revisionOf(problem);
      if (firstBreak !== undefined || at === null || at.streamId !== trusted.streamId || at.revision >= BigInt(trusted.checkpoint.size)) return;
      firstBreak = { revision: Number(at.revision), where: where(problem.line) };
    },
    findings: (history) => {
      const comparison = follower.compare();
      const { uncovered, outcome } = comparison;
      return {
        ...shown(file, trusted.checkpoint, trusted.policy, true),
        witnesses: witnessRows(trusted.policy.witnesses, trusted.cosigned),
        cosigners: trusted.cosigners,
        verdict: {
          _tag: "Compared",
          streamId: trusted.streamId,
          outcome,
          firstBreak: outcome._tag === "Rewritten" ? firstBreak : undefined,
          uncovered: uncovered === undefined ? undefined : { where: `${history}:${uncovered.line}`, revision: Number(uncovered.revision) },
          ...describeComparison(trusted, history, comparison),
        },
      };
    },
  };
};
