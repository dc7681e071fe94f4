import { writeFileSync } from "node:fs";

/*
 * Preloaded into each CLI process S11 times (`node --import rss.js main.js …`): at exit it writes
 * the process's peak resident set size (KiB, getrusage's maxrss) to the file TENFOLD_BENCH_RSS
 * names. Nothing else: the CLI runs as a user runs it.
 */
const file = process.env["TENFOLD_BENCH_RSS"];
if (file !== undefined && file !== "") process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
