#!/usr/bin/env node
// Renders the Xining demo's audit report in headless Chromium and saves a PNG of it, for people to
// look at. Run after a build: `pnpm run build && pnpm report:screenshot [OUT_DIR]`. Needs Chromium
// (Debian's chromium package; another binary with CHROMIUM=/path/to/chrome).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const dist = (path) => new URL(`../${path}/dist/index.js`, import.meta.url);
if (!existsSync(dist("packages/cli"))) {
  console.error("report:screenshot: build first (pnpm run build)");
  process.exit(2);
}
const { runXiningDemo } = await import(dist("examples/xining-2013"));
const { createMemoryEventStore } = await import(dist("packages/store-memory"));
const { exportStore, run } = await import(dist("packages/cli"));

const out = resolve(process.argv[2] ?? join(tmpdir(), "tenfold-report"));
mkdirSync(out, { recursive: true });
const [history, heads, html, png] = ["xining-2013.ndjson", "heads.ndjson", "xining-2013-report.html", "xining-2013-report.png"].map((f) => join(out, f));

const store = createMemoryEventStore();
await runXiningDemo(store)();
const lines = [];
await exportStore(store, { write: async (text) => void lines.push(text) })();
writeFileSync(history, lines.join(""));
const io = { stdout: process.stdout, stderr: process.stderr };
for (const argv of [["heads", "--input", history, "--out", heads], ["report", "--input", history, "--heads", heads, "--out", html]]) {
  const code = await run(argv, { stdout: { write: (t) => void io.stdout.write(t) }, stderr: { write: (t) => void io.stderr.write(t) } });
  if (code !== 0) process.exit(code);
}

const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
const profile = mkdtempSync(join(tmpdir(), "tenfold-chromium-"));
const shot = spawnSync(
  chromium,
  ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    `--user-data-dir=${profile}`, "--hide-scrollbars", "--window-size=1100,2450", `--screenshot=${png}`, pathToFileURL(html).href],
  { encoding: "utf8", timeout: 60_000 },
);
rmSync(profile, { recursive: true, force: true });
if (shot.status !== 0 || !existsSync(png)) {
  console.error(`report:screenshot: ${chromium} failed${shot.error ? `: ${shot.error.message}` : ""}\n${shot.stderr ?? ""}`);
  process.exit(1);
}
console.log(`${png}\n(from ${html})`);
