import { type EventStore, type RecordedEvent } from "@tenfold/core";
import { type ChainProblem, type ChainSummary, type SealedEnvelope, sealedTextLeafHash, type StreamHead, verifyChain } from "@tenfold/core/audit";
import { nodeSha256, nodeSha256Digest } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, fileError } from "./CliError.js";
import type { CliIo } from "./io.js";
import type { SealedLink } from "./preparedLine.js";
import { openPreparedLines, threadsOf } from "./preparedLines.js";
import { progressBar } from "./progress.js";
import { formatChainProblem, inStore, placeLine, type Where } from "./sealCheck.js";
import { eachStoredEvent } from "./storeReading.js";

// model

/** The hash chains of a history: the summary (heads, events, whether sealed) and every problem, as `WHERE: message`. */
export interface ChainResult {
  readonly summary: ChainSummary;
  readonly problems: ReadonlyArray<string>;
}

// utils

/** A recorded event as the chain verifier reads it; null when unsealed. */
export const sealedOf = (event: RecordedEvent): SealedEnvelope | null =>
  event.previousHash === undefined || event.hash === undefined ? null : { ...event, previousHash: event.previousHash, hash: event.hash };

/** Told of each sealed event as its chain is checked: its place and id, and its Merkle leaf hash. */
export type SealedObserver = (event: SealedLink, leaf: Uint8Array) => void;

const toldOf = (onSealed: SealedObserver | undefined) =>
  onSealed === undefined ? undefined : (_line: number, event: SealedEnvelope, text: string) => onSealed(event, sealedTextLeafHash(nodeSha256Digest, text));

// constructors

/** The chains of recorded events (a store's, in the order read), numbered from 1; `observe` is told of each seal and each problem as found. */
export const chainOfRecorded = (
  events: Iterable<RecordedEvent>,
  where: Where,
  heads: ReadonlyArray<StreamHead> = [],
  observe: { readonly sealed?: (n: number, event: SealedEnvelope, sealedText: string) => void; readonly problem?: (problem: ChainProblem) => void } = {},
): ChainResult => {
  const verifier = verifyChain({ sha256: nodeSha256, heads, onSealedText: observe.sealed });
  const problems: string[] = [];
  const found = (p: ChainProblem): void => {
    observe.problem?.(p);
    problems.push(formatChainProblem(where, p));
  };
  let n = 0;
  for (const event of events) {
    const sealed = sealedOf(event);
    n++;
    for (const p of sealed === null ? verifier.unsealed(n) : verifier.sealed(n, sealed)) found(p);
  }
  const summary = verifier.end();
  summary.problems.forEach(found);
  return { summary, problems };
};

/** The chains of a file's lines, streaming (parsed and hashed on worker threads for a large file): lines that are not JSON or have a bad seal are problems too. Rules are not checked. */
export const chainOfFile = (file: string, io: CliIo, heads: ReadonlyArray<StreamHead> = [], onSealed?: SealedObserver, command = "heads"): TE.TaskEither<CliError, ChainResult> => {
  const progress = progressBar(io, `${command} ${file}`);
  return pipe(
    openPreparedLines(file, { seal: true, decode: false, commitments: false, leaves: onSealed !== undefined }, threadsOf(io)),
    TE.flatMap((chunks) => async () => {
      const verifier = verifyChain({ sha256: nodeSha256, heads });
      const problems: string[] = [];
      let count = 0;
      for await (const chunk of chunks) {
        if (chunk._tag === "ReadFailed") return E.left(fileError(file, chunk.reason));
        for (const item of chunk.lines) {
          count = item.number;
          const placed = placeLine(verifier, item, onSealed);
          if (placed._tag === "Unreadable") {
            problems.push(`${file}:${item.number}: ${placed.problem}`);
            continue;
          }
          if (placed.sealIssues.length > 0) problems.push(`${file}:${item.number}: ${placed.sealIssues.join("; ")}`);
          for (const p of placed.chain) problems.push(formatChainProblem(file, p));
        }
        progress.update(count, chunk.size > 0 ? chunk.read / chunk.size : undefined);
      }
      const summary = verifier.end();
      progress.done();
      return E.right({ summary, problems: [...problems, ...summary.problems.map((p) => formatChainProblem(file, p))] });
    }),
  );
};

/** The chains of every stream of a store, read page by page in global order. */
export const chainOfStore = (
  store: EventStore,
  description: string,
  io: CliIo,
  heads: ReadonlyArray<StreamHead> = [],
  onSealed?: SealedObserver,
  command = "heads",
): TE.TaskEither<CliError, ChainResult> => async () => {
  const progress = progressBar(io, `${command} ${description}`);
  const verifier = verifyChain({ sha256: nodeSha256, heads, onSealedText: toldOf(onSealed) });
  const where = inStore(description);
  const problems: string[] = [];
  let n = 0;
  for await (const item of eachStoredEvent(store)) {
    if (E.isLeft(item)) {
      progress.done();
      return item;
    }
    const sealed = sealedOf(item.right);
    progress.update(++n);
    for (const p of sealed === null ? verifier.unsealed(n) : verifier.sealed(n, sealed)) problems.push(formatChainProblem(where, p));
  }
  progress.done();
  const summary = verifier.end();
  return E.right({ summary, problems: [...problems, ...summary.problems.map((p) => formatChainProblem(where, p))] });
};
