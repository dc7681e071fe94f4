import { type EventStore, campaignStreamId, describeStoreError, readStreamPages } from "@tenfold/core";
import { type StreamHead, envelopeLine, verifyChain } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { CHECKPOINT_FLAGS, checkpointFlags, readTrustedCheckpoint, type TrustedCheckpoint } from "./checkpointCheck.js";
import { followCheckpoint } from "./checkpointFollow.js";
import { type CliError, failure, fileError } from "./CliError.js";
import { defineCommand } from "./command.js";
import { readHeads } from "./headsFile.js";
import { VERIFY_HELP } from "./help.js";
import { eventIdIndex, repeatedEventId } from "./eventIdIndex.js";
import { emptyHistory, judgeDecoded } from "./history.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import type { LineItem } from "./ndjson.js";
import type { PrepareTask } from "./preparedLine.js";
import { openPreparedLines, type PreparedChunk, preparedInThread, threadsOf } from "./preparedLines.js";
import { noProgress, type Progress, progressBar } from "./progress.js";
import { formatChainProblem, placeLine } from "./sealCheck.js";
import { SOURCE_FLAGS, parseSource, withStore } from "./source.js";
import { findCampaign } from "./storeReading.js";
import { shownStoreUrl } from "./storeUrl.js";

const plural = (n: number, one: string): string => `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;

/**
 * Checks every line of `file` against the lines accepted before it, and, when the file is
 * sealed, every hash chain (against `heads` when given), printing each problem as
 * `FILE:LINE: message` on stdout as soon as it is found, then a summary. The lines come prepared
 * (parsed, hashed and decoded, on worker threads for a large file); the links and the rules are
 * checked here, in order. With `rules`, a repeated event id is a problem too (an import refuses
 * it). Memory grows with the campaign's entities and event ids, not with the events; without
 * `rules` (only the chains) it does not grow.
 */
export const verifyFile =
  (
    file: string,
    chunks: AsyncIterable<PreparedChunk>,
    io: CliIo,
    {
      heads = [],
      progress = noProgress,
      rules = true,
      empty = `${file} is empty`,
      checkpoint,
    }: { readonly heads?: ReadonlyArray<StreamHead>; readonly progress?: Progress; readonly rules?: boolean; readonly empty?: string; readonly checkpoint?: TrustedCheckpoint } = {},
  ): TE.TaskEither<CliError, ExitCode> =>
  async () => {
    const follower = checkpoint === undefined ? undefined : followCheckpoint(checkpoint);
    const verifier = verifyChain({ sha256: nodeSha256, heads });
    let history = emptyHistory();
    /** With the rules: every event id, as an import refuses a repeated one. */
    const eventIds = rules ? eventIdIndex() : undefined;
    let count = 0;
    let problems = 0;
    const report = async (text: string): Promise<void> => {
      problems++;
      await io.stdout.write(`${text}\n`);
    };
    for await (const chunk of chunks) {
      if (chunk._tag === "ReadFailed") return E.left(fileError(file, chunk.reason));
      for (const item of chunk.lines) {
        count = item.number;
        const seal = placeLine(verifier, item, follower === undefined ? undefined : (link, leaf) => follower.leaf(item.number, link, leaf));
        if (seal._tag === "Unreadable") {
          await report(`${file}:${item.number}: ${seal.problem}`);
          continue;
        }
        const { read } = seal;
        const judged = !rules ? E.right(null) : read.line === null || E.isLeft(read.line) ? E.left(read.line?.left ?? "the line was not decoded") : judgeDecoded(history, item.number, read.line.right);
        if (E.isRight(judged)) {
          history = judged.right?.accepted.history ?? history;
          const eventId = judged.right?.accepted.line.envelope.eventId;
          const earlier = eventId === undefined ? undefined : eventIds?.add(eventId, item.number);
          if (earlier !== undefined) await report(`${file}:${item.number}: ${repeatedEventId(eventId ?? "", earlier)}`);
          // Without the rules, the commitments are still opened where salts and values are given.
          const personal = judged.right === null ? read.commitments : judged.right.personalProblems;
          if (personal.length > 0) await report(`${file}:${item.number}: ${personal.join("; ")}`);
        } else await report(`${file}:${item.number}: ${judged.left}`);
        const sealIssues = seal.sealIssues.filter((issue) => E.isRight(judged) || !judged.left.includes(issue));
        if (sealIssues.length > 0) await report(`${file}:${item.number}: ${sealIssues.join("; ")}`);
        for (const problem of seal.chain) await report(formatChainProblem(file, problem));
      }
      progress.update(count, chunk.size > 0 ? chunk.read / chunk.size : undefined);
    }
    const chains = verifier.end();
    for (const problem of chains.problems) await report(formatChainProblem(file, problem));
    const compared = follower?.end(file);
    for (const problem of compared?.problems ?? []) await report(problem);
    for (const notice of compared?.notices ?? []) await io.stdout.write(`${notice}\n`);
    progress.done();
    if (count === 0) return E.left(failure(empty));
    const sealed = chains.sealed === true ? `; ${plural(chains.events, "sealed event")} in ${plural(chains.heads.length, "stream")}` : "";
    const against = heads.length === 0 ? "" : `, checked against ${plural(heads.length, "published head")}`;
    const checked = compared === undefined ? "" : `; ${compared.summary}`;
    await io.stdout.write(`${plural(count, "line")}, ${plural(problems, "problem")}${sealed}${against}${checked}\n`);
    return E.right(problems === 0 ? EXIT.ok : EXIT.problems);
  };

/** What verify prepares of each line: the event decoded for the rules, else the commitments opened; the leaves for a checkpoint. */
export const verifyTask = (rules: boolean, checkpoint: boolean): PrepareTask => ({ seal: true, decode: rules, commitments: !rules, leaves: checkpoint });

/**
 * A campaign's stream in a store as the lines of its export (`tenfold export --store`): line N is
 * revision N − 1, each the event's envelope line; page by page, never the whole stream in memory.
 */
const storedLines = async function* (store: EventStore, streamId: string, what: string): AsyncGenerator<LineItem> {
  let number = 0;
  for await (const page of readStreamPages(store, streamId, { pageSize: 1000 })) {
    if (E.isLeft(page)) {
      yield { _tag: "ReadFailed", reason: `${what}: ${describeStoreError(page.left)}` };
      return;
    }
    for (const event of page.right) yield { _tag: "Line", number: ++number, text: envelopeLine(event) };
  }
};

/** Verifies one campaign of the store at `url`, its problems placed at the lines of its export. */
const verifyStore = (
  url: string,
  campaignId: string | undefined,
  io: CliIo,
  options: { readonly heads: ReadonlyArray<StreamHead>; readonly rules: boolean; readonly checkpoint?: TrustedCheckpoint },
): TE.TaskEither<CliError, ExitCode> =>
  withStore("verify", io, url, ({ store, description }) =>
    pipe(
      findCampaign(store, campaignId),
      TE.flatMap((campaign) => {
        const streamId = campaignStreamId(campaign);
        const lines = preparedInThread(storedLines(store, streamId, `reading stream "${streamId}" of ${description}`), verifyTask(options.rules, options.checkpoint !== undefined));
        return verifyFile(shownStoreUrl(url), lines, io, { ...options, progress: progressBar(io, `verify ${description}`), empty: `the store holds no campaign "${campaign}"` });
      }),
    ),
  );

/** `tenfold verify (--input FILE | --store URL [--campaign ID]) [--heads FILE] [--checkpoint FILE --vkey KEY [--witness KEY …] [--quorum K]] [--chains-only]`. */
export const verifyCommand = defineCommand(
  "verify",
  VERIFY_HELP,
  {
    ...SOURCE_FLAGS,
    heads: { type: "string" },
    ...CHECKPOINT_FLAGS,
    "chains-only": { type: "boolean" },
  },
  (flags, io) =>
    pipe(
      TE.fromEither(parseSource("verify", flags.input, flags.store)),
      TE.bindTo("source"),
      TE.bind("heads", () => (flags.heads === undefined ? TE.right([]) : readHeads(flags.heads))),
      TE.bind("checkpoint", () =>
        pipe(
          TE.fromEither(checkpointFlags("verify", flags)),
          TE.flatMap((given) => (given === undefined ? TE.right(undefined) : readTrustedCheckpoint(given, "verify"))),
        ),
      ),
      TE.flatMap(({ source, heads, checkpoint: trusted }) => {
        const rules = flags["chains-only"] !== true;
        const checkpoint = trusted === undefined ? {} : { checkpoint: trusted };
        if (source._tag === "Store") return verifyStore(source.url, flags.campaign, io, { heads, rules, ...checkpoint });
        const file = source.file;
        return pipe(
          openPreparedLines(file, verifyTask(rules, trusted !== undefined), threadsOf(io)),
          TE.flatMap((chunks) => verifyFile(file, chunks, io, { heads, progress: progressBar(io, `verify ${file}`), rules, ...checkpoint })),
        );
      }),
    ),
);
