/*
 * `pnpm bench [--quick | --scale] [--only S1,S10] [--runs N] [--out FILE] [--profile]`: every scenario × implementation in
 * a fresh child process (this file again, with `--child`), a table on stdout, and the report as
 * JSON (`benchmarks/results/latest.json` after a full run of every scenario). S10 runs against one
 * throwaway PostgreSQL server that this process starts first and removes at the end; S9 and S11 read
 * sealed histories, a key and checkpoints that this process makes first in temporary directories
 * and removes at the end. `--scale` runs S9 at 10,000,000 events too.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { prepareAudit, removeAudit } from "./audit/files.js";
import { childMain } from "./harness/child.js";
import { parseArgs } from "./harness/args.js";
import { runAll } from "./harness/orchestrate.js";
import { buildReport } from "./harness/report.js";
import { renderTable } from "./harness/table.js";
import { startBenchServer } from "./postgres/server.js";
import { prepareSignedLog, removeSignedLog } from "./signedlog/files.js";

const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  if (argv[0] === "--child") {
    await childMain(argv[1] ?? "{}");
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(`${args}\n`);
    return 2;
  }
  const entry = fileURLToPath(import.meta.url);
  const started = Date.now();
  // S10's one throwaway PostgreSQL server, shared by its children; when it cannot start, S10 says why.
  const server = args.only.includes("S10") ? await startBenchServer() : null;
  const context = server === null ? {} : typeof server === "string" ? { postgresUnavailable: server } : { postgresUrl: server.url };
  const running = server === null || typeof server === "string" ? null : server;
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  // S11's files, made once for all its children; when they cannot be made, S11 says why.
  const signedLog = args.only.includes("S11") ? await prepareSignedLog(args.config.signedLogEvents, log).catch((e: unknown) => `S11's files could not be made: ${String(e)}`) : null;
  const files = signedLog === null ? {} : typeof signedLog === "string" ? { signedLogUnavailable: signedLog } : { signedLog };
  // S9's histories (and the larger one of --scale), made once for all its children.
  const sizes = [args.config.auditEvents, ...(args.config.auditScaleEvents === null ? [] : [args.config.auditScaleEvents])];
  const audit = args.only.includes("S9") ? await prepareAudit(sizes, log).catch((e: unknown) => `S9's files could not be made: ${String(e)}`) : null;
  const auditFiles = audit === null ? {} : typeof audit === "string" ? { auditUnavailable: audit } : { audit };
  const collected = await runAll(entry, args.config, args.only, log, args.profileDir, { ...context, ...files, ...auditFiles }).finally(async () => {
    await running?.destroy();
    if (signedLog !== null && typeof signedLog !== "string") await removeSignedLog(signedLog.dir);
    if (audit !== null && typeof audit !== "string") await removeAudit(audit.dir);
  });
  const report = buildReport(args.config, args.only, collected, running?.settings ?? null);
  process.stdout.write(`${renderTable(report).join("\n")}\n`);
  if (args.out !== null) {
    mkdirSync(dirname(args.out), { recursive: true });
    writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(`wrote ${args.out}\n`);
  }
  process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  const differs = Object.values(report.checks).some((c) => c.startsWith("DIFFERENT"));
  return differs || Object.keys(report.failures).length > 0 ? 1 : 0;
};

process.exitCode = await main(process.argv.slice(2));
