import { createHash } from "node:crypto";
import { eventsInView, systemClock } from "@tenfold/core";
import { headsOf, type StreamHead, verifyChain } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { chainOfRecorded } from "./chains.js";
import type { CliError } from "./CliError.js";
import { defineCommand, required } from "./command.js";
import { readHeads } from "./headsFile.js";
import { REPORT_HELP } from "./helpAudit.js";
import { parseJson } from "./history.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { campaignFlag, type Loaded, loadCampaign } from "./load.js";
import type { LineItem } from "./ndjson.js";
import { writingTo } from "./output.js";
import { renderReport } from "./report/html.js";
import { type AuditReport, type ChainFindings, fundActivities, weeklyActivity } from "./report/reportData.js";
import { checkSeal, formatChainProblem, inStore } from "./sealCheck.js";
import { parseSource, type Source, SOURCE_FLAGS } from "./source.js";
import { statisticsInView } from "./stats.js";
import { describeView, historyView, parseView, type View } from "./view.js";

// model

/** What `tenfold report` was asked for. */
export interface ReportRequest {
  readonly source: Source;
  readonly campaign: string | undefined;
  readonly view: View;
  readonly heads: ReadonlyArray<StreamHead>;
  readonly out: string;
}

interface Read {
  readonly loaded: Loaded;
  readonly chain: ChainFindings;
  readonly inputSha256?: string;
}

// utils

/** Loads a file while checking its own hash chains (against published heads) and hashing its bytes. */
const readFile = (file: string, request: ReportRequest, io: CliIo): TE.TaskEither<CliError, Read> => {
  const sha = createHash("sha256");
  const verifier = verifyChain({ sha256: nodeSha256, heads: request.heads });
  const problems: string[] = [];
  const onLine = (item: LineItem): void => {
    if (item._tag !== "Line") return;
    const parsed = parseJson(item.text);
    if (E.isLeft(parsed)) return; // the import stops at this line and says why
    const { chain, sealIssues } = checkSeal(verifier, item.number, parsed.right);
    if (sealIssues.length > 0) problems.push(`${file}:${item.number}: ${sealIssues.join("; ")}`);
    problems.push(...chain.map((p) => formatChainProblem(file, p)));
  };
  return pipe(
    loadCampaign("report", request.source, request.campaign, io, { onLine, onChunk: (chunk) => sha.update(chunk) }),
    TE.map((loaded) => {
      const summary = verifier.end();
      const all = [...problems, ...summary.problems.map((p) => formatChainProblem(file, p))];
      const chain = { sealed: summary.sealed, events: summary.events, heads: summary.heads, problems: all, publishedHeads: request.heads.length };
      return { loaded, chain, inputSha256: sha.digest("hex") };
    }),
  );
};

const readStore = (request: ReportRequest, io: CliIo): TE.TaskEither<CliError, Read> =>
  pipe(
    loadCampaign("report", request.source, request.campaign, io),
    TE.map((loaded) => {
      const { summary, problems } = chainOfRecorded(loaded.events, inStore(loaded.source), request.heads);
      return { loaded, chain: { sealed: summary.sealed, events: summary.events, heads: summary.heads, problems, publishedHeads: request.heads.length } };
    }),
  );

// constructors

/** Builds the audit report of a campaign within a view, writes it as one HTML file, and says what it found. Exit 1 when the chains have problems. */
export const report = (request: ReportRequest, io: CliIo): TE.TaskEither<CliError, ExitCode> =>
  pipe(
    request.source._tag === "File" ? readFile(request.source.file, request, io) : readStore(request, io),
    TE.flatMap((read) =>
      pipe(
        TE.fromEither(statisticsInView(read.loaded, request.view)),
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
          };
        }),
        TE.flatMap((audit) =>
          pipe(
            writingTo(request.out, (output) => TE.fromTask(() => output.write(renderReport(audit, headsOf(read.loaded.events))))),
            TE.flatMap(() => async () => {
              const { chain } = audit;
              const verdict = chain.problems.length > 0 ? `${chain.problems.length} hash-chain problem${chain.problems.length === 1 ? "" : "s"} (listed in the report)` : chain.sealed === true ? "hash chains intact" : "no seals to verify";
              await io.stdout.write(`Wrote the audit report of campaign "${audit.statistics.campaignId}"${audit.view === undefined ? "" : ` ${audit.view}`} to ${request.out}: ${verdict}\n`);
              return E.right(chain.problems.length > 0 ? EXIT.problems : EXIT.ok);
            }),
          ),
        ),
      ),
    ),
  );

/** `tenfold report (--input FILE | --store URL [--campaign ID]) [--as-of DAY] [--recorded-before INSTANT] [--heads FILE] --out FILE`. */
export const reportCommand = defineCommand(
  "report",
  REPORT_HELP,
  {
    ...SOURCE_FLAGS,
    "as-of": { type: "string" },
    "recorded-before": { type: "string" },
    heads: { type: "string" },
    out: { type: "string", short: "o" },
  },
  (flags, io) =>
    pipe(
      E.Do,
      E.apS("source", parseSource("report", flags.input, flags.store)),
      E.bind("campaign", ({ source }) => campaignFlag("report", source, flags.campaign)),
      E.apS("view", parseView("report", flags["as-of"], flags["recorded-before"])),
      E.apS("out", required("report", "out", flags.out, "FILE")),
      TE.fromEither,
      TE.bind("heads", () => (flags.heads === undefined ? TE.right([]) : readHeads(flags.heads))),
      TE.flatMap((request) => report(request, io)),
    ),
);
