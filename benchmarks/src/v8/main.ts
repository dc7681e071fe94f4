/*
 * `pnpm bench:v8 [--runs N] [--out FILE]`: each V8 trick Tenfold keeps, against the plain code it
 * replaced, every variant in a fresh child process (this file again, with `--child`), the median
 * of N runs (default 3); a table on stdout, the report as JSON (benchmarks/results/v8.json).
 */
import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { TRICKS, type TrickSample } from "./tricks.js";

const entry = fileURLToPath(import.meta.url);

const child = (name: string, variant: "kept" | "plain"): Promise<TrickSample> =>
  new Promise((resolve, reject) => {
    const worker = fork(entry, ["--child", name, variant], { execArgv: ["--expose-gc"] });
    let sample: TrickSample | undefined;
    worker.on("message", (m) => (sample = m as TrickSample));
    worker.on("exit", (code) => (sample === undefined ? reject(new Error(`${name}/${variant} exited with ${code}`)) : resolve(sample)));
  });

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  if (argv[0] === "--child") {
    const trick = TRICKS.find((t) => t.name === argv[1]);
    if (trick === undefined) throw new Error(`no trick ${argv[1]}`);
    const sample = trick.measure(argv[2] === "plain" ? "plain" : "kept");
    await new Promise<void>((resolve) => process.send?.(sample, () => resolve()));
    return 0;
  }
  const runsAt = argv.indexOf("--runs");
  const runs = runsAt === -1 ? 3 : Number(argv[runsAt + 1]);
  if (!Number.isSafeInteger(runs) || runs < 1) {
    process.stderr.write("--runs: expected a positive integer\n");
    return 2;
  }
  const outAt = argv.indexOf("--out");
  const out = outAt === -1 ? join(dirname(entry), "..", "..", "results", "v8.json") : (argv[outAt + 1] ?? "");
  const rows = [];
  let differs = false;
  for (const trick of TRICKS) {
    const kept: TrickSample[] = [];
    const plain: TrickSample[] = [];
    for (let r = 0; r < runs; r++) {
      kept.push(await child(trick.name, "kept"));
      plain.push(await child(trick.name, "plain"));
    }
    const checks = new Set([...kept, ...plain].map((s) => s.check));
    if (checks.size !== 1) differs = true;
    const bytes = (samples: ReadonlyArray<TrickSample>) => (samples[0]?.bytesPerItem === undefined ? null : Math.round(median(samples.map((s) => s.bytesPerItem ?? 0))));
    const row = {
      trick: trick.name,
      where: trick.where,
      kept: trick.kept,
      plain: trick.plain,
      keptRate: Math.round(median(kept.map((s) => s.rate))),
      plainRate: Math.round(median(plain.map((s) => s.rate))),
      keptBytes: bytes(kept),
      plainBytes: bytes(plain),
      check: checks.size === 1 ? "same result" : `DIFFERENT: ${[...checks].join(" | ")}`,
    };
    rows.push(row);
    const memory = row.keptBytes === null ? "" : `, ${row.keptBytes} vs ${row.plainBytes} heap bytes an item`;
    process.stdout.write(`${trick.name.padEnd(18)} ${(row.keptRate / row.plainRate).toFixed(2)}× (${row.keptRate.toLocaleString("en-US")} vs ${row.plainRate.toLocaleString("en-US")} /s${memory}); ${row.check}\n`);
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, v8: process.versions.v8, runs, rows }, null, 2)}\n`);
  process.stderr.write(`wrote ${out}\n`);
  return differs ? 1 : 0;
};

process.exitCode = await main(process.argv.slice(2));
