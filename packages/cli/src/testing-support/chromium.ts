/* Test support: headless Chromium (Debian's chromium package), for rendering the audit report. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const CHROMIUM = process.env["CHROMIUM"] ?? "/usr/bin/chromium";

/** Chromium runs the rendering tests; without it they are skipped, except in CI, where they must run. */
export const skipWithoutChromium = !existsSync(CHROMIUM) && process.env["CI"] === undefined;

/** Runs headless Chromium on a local file with the given extra flags, from a fresh profile, with no network use. */
export const chromium = (file: string, ...flags: ReadonlyArray<string>): { readonly status: number | null; readonly stdout: string; readonly stderr: string } => {
  const profile = mkdtempSync(join(tmpdir(), "tenfold-chromium-"));
  try {
    const result = spawnSync(
      CHROMIUM,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        `--user-data-dir=${profile}`,
        ...flags,
        pathToFileURL(file).href,
      ],
      { encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
};
