import { bounded, target, type Target } from "../harness/targets.js";
import { AUDIT } from "./s9.js";

/* S9 in the report: its rows and its targets (issue 15). */

/** S9's rows: the report's row name and the measure (`scale:` for the history of `--scale`); the columns are the limit and the commands (`AUDIT`). */
export const AUDIT_ROWS: ReadonlyArray<readonly [string, string]> = [
  ["S9", "rate"],
  ["S9 MB/s", "mbps"],
  ["S9 vs limit", "ratio"],
  ["S9 seconds", "seconds"],
  ["S9 peak RSS (MB)", "rss"],
  ["S9 scale events/s", "scale:rate"],
  ["S9 scale vs limit", "scale:ratio"],
  ["S9 scale seconds", "scale:seconds"],
  ["S9 scale peak RSS (MB)", "scale:rss"],
  ["S9 scale time / base time", "scale:timeRatio"],
];
/** S9's targets: the commands against the single-threaded limit, peak RSS flat or bounded, and time linear in the history (`--scale`). */
export const AUDIT_TARGETS: ReadonlyArray<Target> = [
  ...(["verify --chains-only", "heads"] as const).map((c) => target(`S9 ${c} vs limit`, "S9", c, "limit", 1, "≥")),
  ...(["verify", "stats", "export"] as const).map((c) => target(`S9 ${c} vs limit`, "S9", c, "limit", 0.5, "≥")),
  ...(["verify --chains-only", "heads"] as const).map((c) => bounded(`S9 ${c} peak RSS vs 200 MB`, "S9 peak RSS (MB)", c, 200)),
  target("S9 export vs verify peak RSS", "S9 peak RSS (MB)", "export", "verify", 1, "≤"),
  ...(["verify --chains-only", "heads"] as const).map((c) => bounded(`S9 scale ${c} peak RSS vs 200 MB`, "S9 scale peak RSS (MB)", c, 200)),
  ...(["verify", "stats", "export"] as const).map((c) => bounded(`S9 scale ${c} peak RSS vs 1.5 GB`, "S9 scale peak RSS (MB)", c, 1500)),
  target("S9 scale export vs verify peak RSS", "S9 scale peak RSS (MB)", "export", "verify", 1, "≤"),
  ...AUDIT.filter((c) => c !== "limit").map((c) => bounded(`S9 scale ${c}: time vs 11× the base time`, "S9 scale time / base time", c, 11)),
];

