import { campaignStreamId, type Clock, type IdGenerator } from "@tenfold/core";
import { envelopeLine, GENESIS_HASH, sealEvents, type Sha256, toNewEvent, verifyChain } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, failure, fileError } from "./CliError.js";
import { emptyHistory, judgeParsed, parseJson } from "./history.js";
import type { LineItem } from "./ndjson.js";
import type { Output } from "./output.js";
import { noProgress, type Progress } from "./progress.js";
import { checkSeal, formatChainProblem } from "./sealCheck.js";

// model

/** What an export of a file needs: how to stamp lines without an envelope, and how to hash. */
export interface ExportDeps {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly sha256: Sha256;
  readonly progress?: Progress;
}

/** What an export wrote. */
export interface Exported {
  readonly campaignId: string;
  readonly streamId: string;
  readonly events: number;
}

// utils

const stopped = (file: string, ...problems: ReadonlyArray<string>): E.Either<CliError, never> =>
  E.left(
    failure(
      ...problems,
      `Nothing was exported: the export stops at the first bad line. "tenfold verify --input ${file}" lists every problem.`,
    ),
  );

// constructors

/**
 * Exports an NDJSON history of one campaign as DOMAIN.md's sealed envelopes, streaming: each line
 * is judged by the decider against the lines before it, gets its envelope (its own eventId,
 * recordedAt and metadata where it has them), is sealed onto its stream's chain exactly as a
 * Tenfold store seals an append, and is written. A sealed input must have intact chains: an
 * export never reseals a history that was tampered with. The first problem stops the export.
 */
export const exportFile =
  (file: string, lines: AsyncIterable<LineItem>, output: Output, deps: ExportDeps): TE.TaskEither<CliError, Exported> =>
  async () => {
    const progress = deps.progress ?? noProgress;
    const verifier = verifyChain({ sha256: deps.sha256 });
    const heads = new Map<string, { readonly revision: bigint | null; readonly hash: string }>();
    const eventIds = new Map<string, number>();
    let history = emptyHistory();
    let count = 0;
    for await (const item of lines) {
      if (item._tag === "ReadFailed") return E.left(fileError(file, item.reason));
      count = item.number;
      progress.update(count);
      const parsed = item._tag === "BadLine" ? E.left(item.message) : item.text.trim() === "" ? E.left("empty line") : parseJson(item.text);
      if (E.isLeft(parsed)) return stopped(file, `${file}:${item.number}: ${parsed.left}`);
      const seal = checkSeal(verifier, item.number, parsed.right);
      if (seal.chain.length > 0) return stopped(file, ...seal.chain.map((p) => formatChainProblem(file, p)));
      const judged = judgeParsed(history, item.number, parsed.right);
      if (E.isLeft(judged)) return stopped(file, `${file}:${item.number}: ${judged.left}`);
      if (seal.sealIssues.length > 0) return stopped(file, `${file}:${item.number}: ${seal.sealIssues.join("; ")}`);
      const { line } = judged.right;
      const event = toNewEvent(line, deps);
      if (line.envelope.eventId !== undefined) {
        const earlier = eventIds.get(event.eventId);
        if (earlier !== undefined) return stopped(file, `${file}:${item.number}: eventId: "${event.eventId}" is already the id of line ${earlier}`);
        eventIds.set(event.eventId, item.number);
      }
      const streamId = campaignStreamId(line.event.data.campaignId);
      const head = heads.get(streamId) ?? { revision: null, hash: GENESIS_HASH };
      const sealed = sealEvents(deps.sha256, streamId, head, [event])[0];
      const revision = head.revision === null ? 0n : head.revision + 1n;
      if (sealed?.hash === undefined) return E.left(failure(`tenfold export: line ${item.number} could not be sealed`));
      await output.write(`${envelopeLine({ ...sealed, streamId, streamRevision: revision, position: BigInt(item.number - 1) })}\n`);
      heads.set(streamId, { revision, hash: sealed.hash });
      history = judged.right.history;
    }
    const end = verifier.end();
    progress.done();
    if (end.problems.length > 0) return stopped(file, ...end.problems.map((p) => formatChainProblem(file, p)));
    const first = history.first;
    if (count === 0 || first === null) return E.left(failure(`${file} is empty`));
    return E.right({ campaignId: first.campaignId, streamId: campaignStreamId(first.campaignId), events: count });
  };
