import { nodeSha256 } from "@tenfold/core/node";
import { type SealedEnvelope, type StreamHead, verifyChain } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, failure, fileError } from "./CliError.js";
import { type Accepted, emptyHistory, type History, judgeParsed, parseJson } from "./history.js";
import type { LineItem } from "./ndjson.js";
import { checkSeal, formatChainProblem } from "./sealCheck.js";

/*
 * A sealed history read whole before a command rewrites it or adds to it (tenfold migrate, tenfold
 * erase): every line JSON, sealed onto an intact chain, and accepted by the decider, in one pass.
 */

// model

/** A line of a sealed history that passed: its text, its seal as written and what the decider made of it. */
export interface SealedLine {
  readonly number: number;
  readonly text: string;
  readonly sealed: SealedEnvelope;
  readonly accepted: Accepted;
}

/** A sealed history read to its end: the decider's state, how many lines, and its campaign stream's head. */
export interface SealedEnd {
  readonly history: History;
  readonly lines: number;
  readonly head: StreamHead;
}

/** What a command asks of each line beyond the chain and the rules, and what to tell of a line that is not sealed. */
export interface SealedRules {
  /** A problem of the line (`message`, no `FILE:LINE`), or undefined. */
  readonly check?: (line: SealedLine) => string | undefined;
  /** Why a line without a seal cannot be used, after "the line is not sealed (previousHash, hash): ". */
  readonly unsealed: string;
  /** What did not happen, for the last line of a failure: `Nothing was migrated`. */
  readonly nothing: string;
}

// constructors

/**
 * Reads a sealed history line by line, each line's seal checked on its stream's chain, then judged
 * by the decider against the lines before it, then by `rules.check`, then given to `onLine`. The
 * first problem stops the reading with `FILE:LINE: message` and what did not happen; so do chain
 * problems found at the end. Memory grows with the campaign's entities, not with the file.
 */
export const foldSealedHistory =
  (file: string, lines: AsyncIterable<LineItem>, rules: SealedRules, onLine: (line: SealedLine) => Promise<E.Either<string, void>> = () => Promise.resolve(E.right(undefined))): TE.TaskEither<CliError, SealedEnd> =>
  async () => {
    const stopped = (...problems: ReadonlyArray<string>): E.Either<CliError, never> =>
      E.left(failure(...problems, `${rules.nothing}: the whole history must be sealed, with intact chains, and pass the rules. "tenfold verify --input ${file}" lists every problem.`));
    const verifier = verifyChain({ sha256: nodeSha256 });
    let history = emptyHistory();
    let count = 0;
    for await (const item of lines) {
      if (item._tag === "ReadFailed") return E.left(fileError(file, item.reason));
      count = item.number;
      const at = `${file}:${item.number}`;
      const parsed = item._tag === "BadLine" ? E.left(item.message) : item.text.trim() === "" ? E.left("empty line") : parseJson(item.text);
      if (E.isLeft(parsed)) return stopped(`${at}: ${parsed.left}`);
      const seal = checkSeal(verifier, item.number, parsed.right);
      if (seal.chain.length > 0) return stopped(...seal.chain.map((p) => formatChainProblem(file, p)));
      if (seal.sealIssues.length > 0) return stopped(`${at}: ${seal.sealIssues.join("; ")}`);
      if (seal.sealed === null) return stopped(`${at}: the line is not sealed (previousHash, hash): ${rules.unsealed}`);
      const judged = judgeParsed(history, item.number, parsed.right);
      if (E.isLeft(judged)) return stopped(`${at}: ${judged.left}`);
      const line: SealedLine = { number: item.number, text: item._tag === "Line" ? item.text : "", sealed: seal.sealed, accepted: judged.right };
      const problem = rules.check?.(line);
      if (problem !== undefined) return stopped(`${at}: ${problem}`);
      const done = await onLine(line);
      if (E.isLeft(done)) return stopped(`${at}: ${done.left}`);
      history = judged.right.history;
    }
    const end = verifier.end();
    if (end.problems.length > 0) return stopped(...end.problems.map((p) => formatChainProblem(file, p)));
    const [head] = end.heads;
    if (count === 0 || head === undefined) return E.left(failure(`${file} is empty`));
    return E.right({ history, lines: count, head });
  };
