import { createHash } from "node:crypto";
import { eventsInView, systemClock } from "@tenfold/core";
import { headsOf, type StreamHead, verifyChain } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { chainOfRecorded } from "./chains.js";
import { CHECKPOINT_FLAGS, checkpointFlags, readWeighedCheckpoint, type WeighedCheckpoint } from "./checkpointCheck.js";
import type { CliError } from "./CliError.js";
import { defineCommand, required } from "./command.js";
import { readHeads } from "./headsFile.js";
import { REPORT_HELP } from "./helpAudit.js";
import { parseJson } from "./history.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { campaignFlag, type Loaded, loadCampaign } from "./load.js";
import type { LineItem } from "./ndjson.js";
import { writingTo } from "./output.js";
import { type CheckpointFindings, type CheckpointObserver, observeCheckpoint } from "./report/checkpointFindings.js";
import { checkpointFailed } from "./report/checkpointSection.js";
import { renderReport } from "./report/html.js";
import { type AuditReport, type ChainFindings, fundActivities, weeklyActivity } from "./report/reportData.js";
import { checkSeal, formatChainProblem, inFile, inStore } from "./sealCheck.js";
import { parseSource, type Source, SOURCE_FLAGS } from "./source.js";
import { loadedStatistics } from "./stats.js";
import { describeView, historyView, parseView, type View } from "./view.js";

// model

/** What `tenfold report` was asked for. */
export interface ReportRequest {
  readonly source: Source;
  readonly campaign: string | undefined;
  readonly view: View;
  readonly heads: ReadonlyArray<StreamHead>;
  readonly out: string;
  /** A checkpoint to check the history against (--checkpoint), weighed under the policy given with it. */
  readonly checkpoint?: { readonly file: string; readonly weighed: WeighedCheckpoint } | undefined;
}

interface Read {
  readonly loaded: Loaded;
  readonly chain: ChainFindings;
  readonly inputSha256?: string;
  readonly checkpoint?: CheckpointFindings;
}

// utils

const noCheckpoint: Omit<CheckpointObserver, "findings"> = { sealed: () => undefined, chainProblem: () => undefined };

/** The observer of the checkpoint asked for, and what it found once the history is read (nothing when none was asked for). */
const observerOf = (request: ReportRequest): { readonly observer: Omit<CheckpointObserver, "findings">; readonly found: (history: string) => { readonly checkpoint?: CheckpointFindings } } => {
  if (request.checkpoint === undefined) return { observer: noCheckpoint, found: () => ({}) };
  const observer = observeCheckpoint(request.checkpoint.file, request.checkpoint.weighed);
  return { observer, found: (history) => ({ checkpoint: observer.findings(history) }) };
};

/** Loads a file while checking its own hash chains (against published heads) and hashing its bytes. */
const readFile = (file: string, request: ReportRequest, io: CliIo): TE.TaskEither<CliError, Read> => {
  const sha = createHash("sha256");
  const { observer, found } = observerOf(request);
  const verifier = verifyChain({ sha256: nodeSha256, heads: request.heads, onSealedText: observer.sealed });
  const problems: string[] = [];
  const onLine = (item: LineItem): void => {
    if (item._tag !== "Line") return;
    const parsed = parseJson(item.text);
    if (E.isLeft(parsed)) return; // the import stops at this line and says why
    const { chain, sealIssues } = checkSeal(verifier, item.number, parsed.right);
    if (sealIssues.length > 0) problems.push(`${file}:${item.number}: ${sealIssues.join("; ")}`);
    for (const p of chain) observer.chainProblem(p, inFile(file));
    problems.push(...chain.map((p) => formatChainProblem(file, p)));
  };
  return pipe(
    loadCampaign("report", request.source, request.campaign, io, { onLine, onChunk: (chunk) => sha.update(chunk) }),
    TE.map((loaded) => {
      const summary = verifier.end();
      for (const p of summary.problems) observer.chainProblem(p, inFile(file));
      const all = [...problems, ...summary.problems.map((p) => formatChainProblem(file, p))];
      const chain = { sealed: summary.sealed, events: summary.events, heads: summary.heads, problems: all, publishedHeads: request.heads.length };
      return { loaded, chain, inputSha256: sha.digest("hex"), ...found(file) };
    }),
  );
};

const readStore = (request: ReportRequest, io: CliIo): TE.TaskEither<CliError, Read> =>
  pipe(
    loadCampaign("report", request.source, request.campaign, io),
    TE.map((loaded) => {
      const { observer, found } = observerOf(request);
      const where = inStore(loaded.source);
      const { summary, problems } = chainOfRecorded(loaded.events, where, request.heads, { sealed: observer.sealed, problem: (p) => observer.chainProblem(p, where) });
      return { loaded, chain: { sealed: summary.sealed, events: summary.events, heads: summary.heads, problems, publishedHeads: request.heads.length }, ...found(loaded.source) };
    }),
  );

// constructors

/** Builds the audit report of a campaign within a view, writes it as one HTML file, and says what it found. Exit 1 when the chains have problems, or the checkpoint is not trusted or not matched. */
export const report = (request: ReportRequest, io: CliIo): TE.TaskEither<CliError, ExitCode> =>
  pipe(
    request.source._tag === "File" ? readFile(request.source.file, request, io) : readStore(request, io),
    TE.flatMap((read) =>
      pipe(
        TE.fromEither(loadedStatistics(read.loaded, request.view)),
        TE.map((statistics): AuditReport => {
          const inView = [...eventsInView(read.loaded.events, historyView(request.view))];
          const launch = read.loaded.events[0];
          return {
            statistics,
            organizer: launch?.type === "CampaignLaunched" ? launch.data.organizer : "",
            view: describeView(request.view),
            source: read.loaded.source,
            sourceKind: request.source._tag === "File" ? "file" : "store",
            ...(read.inputSha256 === undefined ? {} : { inputSha256: read.inputSha256 }),
            generatedAt: (io.clock ?? systemClock).now().toISOString(),
            eventsInView: inView.length,
            eventsTotal: read.loaded.events.length,
            weeks: weeklyActivity(inView, statistics.launchedOn, request.view.asOf ?? statistics.closedOn ?? undefined),
            funds: fundActivities(inView),
            chain: read.chain,
            ...(read.checkpoint === undefined ? {} : { checkpoint: read.checkpoint }),
          };
        }),
        TE.flatMap((audit) =>
          pipe(
            writingTo(request.out, (output) => TE.fromTask(() => output.write(renderReport(audit, headsOf(read.loaded.events))))),
            TE.flatMap(() => async () => {
              const { chain, checkpoint } = audit;
              const verdict = chain.problems.length > 0 ? `${chain.problems.length} hash-chain problem${chain.problems.length === 1 ? "" : "s"} (listed in the report)` : chain.sealed === true ? "hash chains intact" : "no seals to verify";
              const checked = checkpoint === undefined ? "" : `; ${checkpoint.verdict._tag === "Untrusted" ? `the checkpoint is not trusted: ${checkpoint.verdict.reason}` : checkpoint.verdict.summary}`;
              await io.stdout.write(`Wrote the audit report of campaign "${audit.statistics.campaignId}"${audit.view === undefined ? "" : ` ${audit.view}`} to ${request.out}: ${verdict}${checked}\n`);
              return E.right(chain.problems.length > 0 || (checkpoint !== undefined && checkpointFailed(checkpoint)) ? EXIT.problems : EXIT.ok);
            }),
          ),
        ),
      ),
    ),
  );

/** `tenfold report (--input FILE | --store URL [--campaign ID]) [--as-of DAY] [--recorded-before INSTANT] [--heads FILE] [--checkpoint FILE --vkey KEY [--witness KEY …] [--quorum K]] --out FILE`. */
export const reportCommand = defineCommand(
  "report",
  REPORT_HELP,
  {
    ...SOURCE_FLAGS,
    "as-of": { type: "string" },
    "recorded-before": { type: "string" },
    heads: { type: "string" },
    ...CHECKPOINT_FLAGS,
    out: { type: "string", short: "o" },
  },
  (flags, io) =>
    pipe(
      E.Do,
      E.apS("source", parseSource("report", flags.input, flags.store)),
      E.bind("campaign", ({ source }) => campaignFlag("report", source, flags.campaign)),
      E.apS("view", parseView("report", flags["as-of"], flags["recorded-before"])),
      E.apS("out", required("report", "out", flags.out, "FILE")),
      E.apS("given", checkpointFlags("report", flags)),
      TE.fromEither,
      TE.bind("heads", () => (flags.heads === undefined ? TE.right([]) : readHeads(flags.heads))),
      TE.bind("checkpoint", ({ given }) => (given === undefined ? TE.right(undefined) : pipe(readWeighedCheckpoint(given, "report"), TE.map((weighed) => ({ file: given.file, weighed }))))),
      TE.flatMap((request) => report(request, io)),
    ),
);
