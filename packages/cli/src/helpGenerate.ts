import { GENERATE_LIMITS } from "@tenfold/testing/arbitraries";
import { EXIT_CODES } from "./help.js";

/** `tenfold generate --help`. */
export const GENERATE_HELP = `Usage: tenfold generate --seed N [--groups G] [--events E] [--out FILE]

Writes one valid campaign history as NDJSON ({"type", "data"} a line): groups, cadres, contacts,
visits, diaries, problems, funds, inspections, with business dates that obey every rule and late
entries. The same seed and flags always give the same file: for demos, load tests and bug reports.

Flags:
  --seed N          The seed (a whole number)
  --groups G        Groups of the campaign, 0 to ${GENERATE_LIMITS.maxGroups} (default 8)
  --events E        Events in all, more than G, at most ${GENERATE_LIMITS.maxEvents} (default 200)
  -o, --out FILE    Write to FILE instead of stdout
  -h, --help        Show this help

Examples:
  tenfold generate --seed 42 > history.ndjson
  tenfold generate --seed 7 --groups 20 --events 10000 --out load.ndjson
  tenfold verify --input load.ndjson

${EXIT_CODES}
`;
