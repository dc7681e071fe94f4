// CI's "consumer" step: installs the packed public packages with npm in a fresh project outside
// the workspace, as a stranger would, and uses them there.
//   1. pnpm pack every public package (built already) into a temp folder;
//   2. npm init and npm install the tarballs, typescript, @types/node and fp-ts in another temp
//      folder (under the OS's temp dir, not in the workspace: nothing resolves to workspace files);
//   3. `npx tenfold demo` (the installed bin) prints the Xining statistics;
//   4. consumer.ts, using only the packages' public entries (commands as literals, statistics
//      read and kept live), compiles with tsc (NodeNext, strict) and runs, asserting real values;
//   5. typo.ts, a command literal with a misspelt field, must NOT compile.
// Usage: node scripts/consumer-test.mjs [--keep]   (--keep leaves the temp folders for inspection)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { packAll, publicPackages, root } from "./packages.mjs";

const keep = process.argv.includes("--keep");
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[consumer ${seconds()}] ${message}`);
const fail = (message, output = "") => {
  console.error(`consumer test failed: ${message}${output === "" ? "" : `\n${output}`}`);
  process.exit(1);
};

/** Runs a command in `cwd`; its status and output (stdout and stderr together). */
const run = (cwd, command, args) => {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_fund: "false", npm_config_audit: "false", npm_config_update_notifier: "false" } });
  if (result.error) fail(`${command} ${args.join(" ")}: ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};
const runOk = (cwd, command, args) => {
  const result = run(cwd, command, args);
  if (result.status !== 0) fail(`${command} ${args.join(" ")} exited ${result.status}`, result.output);
  return result.output;
};

// The consumer: only the packages' public entries, commands as plain literals.
const CONSUMER = `import {
  campaignStatistics,
  createCommandHandler,
  createStatisticsReader,
  createSubscriptionRunner,
  describeHandleError,
  statisticsOf,
  type AnyCommandInput,
  type CampaignStatistics,
  type CommandInput,
  type Handled,
} from "@tenfold/core";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import * as O from "fp-ts/lib/Option.js";

const fail = (message: string): never => {
  console.error("consumer: " + message);
  process.exit(1);
};
const check = (ok: boolean, what: string): void => {
  if (!ok) fail("expected " + what);
  console.log("  ok  " + what);
};

const store = createMemoryEventStore();
const handler = createCommandHandler({ store });
const send = async (command: AnyCommandInput): Promise<Handled> => {
  const result = await handler.handle(command)();
  return E.isLeft(result) ? fail(command.type + " was refused: " + describeHandleError(result.left)) : result.right;
};

const launch: CommandInput<"LaunchCampaign"> = {
  type: "LaunchCampaign",
  data: {
    campaignId: "xining-2013",
    name: "Ten ones: close ties with the masses",
    organizer: "Xining organisation department",
    launchedOn: "2013-03-01",
    checklist: ["village", "poor-household"],
  },
};
await send(launch);
await send({ type: "FormGroup", data: { campaignId: "xining-2013", groupId: "g1", name: "Group one", formedOn: "2013-03-02" } });

// A command the campaign refuses: a group of a campaign never launched.
const refused = await handler.handle({ type: "FormGroup", data: { campaignId: "nowhere", groupId: "g1", name: "Group one", formedOn: "2013-03-02" } })();
check(E.isLeft(refused) && describeHandleError(refused.left).length > 0, "FormGroup in a campaign never launched is refused, with a description");

// Statistics read once.
const read = await createStatisticsReader(store).statistics("xining-2013")();
if (E.isLeft(read)) fail("the statistics could not be read");
const stats: O.Option<CampaignStatistics> = E.isRight(read) ? read.right : O.none;
if (O.isNone(stats)) fail("no statistics for xining-2013");
const s = O.isSome(stats) ? stats.value : fail("unreachable");
check(s.campaignId === "xining-2013" && s.launchedOn === "2013-03-01" && s.closedOn === null, "read statistics: campaign xining-2013, launched 2013-03-01, open");
check(s.groups === 1, "read statistics: groups formed = 1 (got " + s.groups + ")");
check(s.checklist.items.length === 2 && s.checklist.groups.length === 1 && s.checklist.groups[0]?.of === 2, "read statistics: a checklist of 2 items for 1 group");

// A live projection: catches up, then follows a command sent after.
const live = createSubscriptionRunner(store).run(campaignStatistics);
const outcome = await live.caughtUp;
check(outcome._tag === "CaughtUp", "the live projection caught up (" + outcome._tag + ")");
const liveGroups = (): number => O.getOrElse(() => -1)(O.map((x: CampaignStatistics) => x.groups)(O.chain(statisticsOf)(live.state("xining-2013"))));
check(liveGroups() === 1, "live statistics: groups formed = 1 (got " + liveGroups() + ")");
const second = await send({ type: "FormGroup", data: { campaignId: "xining-2013", groupId: "g2", name: "Group two", formedOn: "2013-03-03" } });
const position = second.recorded[second.recorded.length - 1]?.position ?? fail("FormGroup recorded no event");
check(await live.waitUntil(position), "the live projection reached the new event's position");
check(liveGroups() === 2, "live statistics after one more FormGroup: groups formed = 2 (got " + liveGroups() + ")");
await live.stop();
check(live.status()._tag === "Stopped", "the live projection stopped");
`;

// The same kind of literal with a misspelt field: tsc must reject it.
const TYPO = `import { createCommandHandler, type CommandInput } from "@tenfold/core";
import { createMemoryEventStore } from "@tenfold/store-memory";

const form: CommandInput<"FormGroup"> = {
  type: "FormGroup",
  data: { campaignId: "xining-2013", groupId: "g1", name: "Group one", fromedOn: "2013-03-02" },
};
await createCommandHandler({ store: createMemoryEventStore() }).handle(form)();
`;

const tarballs = mkdtempSync(join(tmpdir(), "tenfold-tarballs-"));
const project = mkdtempSync(join(tmpdir(), "tenfold-consumer-"));
if (!relative(root, project).startsWith("..")) fail(`${project} is inside the workspace`);

try {
  // 1. pack
  const packages = publicPackages();
  say(`packing ${packages.map((p) => p.name).join(", ")} into ${tarballs}`);
  const packed = packAll(packages, tarballs);

  // 2. a fresh npm project
  say(`npm init and npm install in ${project}`);
  runOk(project, "npm", ["init", "-y"]);
  const manifestPath = join(project, "package.json");
  writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, "utf8")), type: "module" }, null, 2));
  runOk(project, "npm", ["install", "--no-audit", "--no-fund", ...packed.map((p) => p.tarball), "typescript@~5.9.3", "@types/node@20", "fp-ts"]);
  say("installed");

  // 3. the installed bin
  const demo = runOk(project, "npx", ["--no-install", "tenfold", "demo"]);
  const expected = [
    /Campaign xining-2013: launched 2013-03-01, closed 2013-12-31/,
    /Groups\s+8\b/,
    /Cadres\s+43\b/,
    /Visits\s+50\s+325 people met/,
    /Problems\s+42\s+raised; 41 resolved, 1 open/,
    /Funds \(yuan\)\s+381,000\.00/,
    /Ten-ones checklist: 8 of 8 groups complete/,
  ];
  const missing = expected.filter((line) => !line.test(demo));
  if (missing.length > 0) fail(`npx tenfold demo did not print ${missing.join(", ")}`, demo);
  say(`npx tenfold demo printed the Xining statistics (${demo.split("\n").length} lines)`);

  // 4. a TypeScript consumer
  const compilerOptions = { target: "ES2022", lib: ["ES2022"], module: "NodeNext", moduleResolution: "NodeNext", strict: true, types: ["node"], outDir: "out" };
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }, null, 2));
  writeFileSync(join(project, "consumer.ts"), CONSUMER);
  runOk(project, "npx", ["--no-install", "tsc", "-p", "tsconfig.json"]);
  say("consumer.ts compiles (NodeNext, strict)");
  process.stdout.write(runOk(project, "node", ["out/consumer.js"]));
  say("consumer.js ran: statistics read and kept live");

  // 5. a misspelt field in a command literal is a compile error
  writeFileSync(join(project, "tsconfig.typo.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true }, files: ["typo.ts"] }, null, 2));
  writeFileSync(join(project, "typo.ts"), TYPO);
  const typo = run(project, "npx", ["--no-install", "tsc", "-p", "tsconfig.typo.json"]);
  if (typo.status === 0) fail("typo.ts (FormGroup with `fromedOn`) compiled: command literals are not checked");
  if (!/typo\.ts.*fromedOn/s.test(typo.output)) fail("typo.ts failed to compile, but not on the misspelt field", typo.output);
  say(`typo.ts does not compile, as it must: ${typo.output.split("\n").find((line) => line.includes("fromedOn"))?.trim()}`);

  say("passed");
} finally {
  if (keep) console.log(`kept ${tarballs} and ${project}`);
  else for (const dir of [tarballs, project]) rmSync(dir, { recursive: true, force: true });
}
