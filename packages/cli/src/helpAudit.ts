/*
 * The usage texts of the audit commands: export, heads, diff, report. Each ends with a newline.
 */
import { EXIT_CODES, STORE_URLS } from "./help.js";
import { KEYS_DIR } from "./helpPersonal.js";

/** `tenfold export --help`. */
export const EXPORT_HELP = `Usage: tenfold export [--input FILE] [--store URL] [--personal include|omit|encrypted] [--keys DIR] --out FILE

Writes a history as DOMAIN.md's full envelopes, one a line, in global order: type, data,
schemaVersion, eventId, streamId, streamRevision, recordedAt, metadata, personal, previousHash,
hash. Every event is sealed into its stream's hash chain exactly as a Tenfold store seals it.

Personal values (schema version 2: a cadre's name, a contact's name, a diary's title, a problem's
summary and resolution, a fund's purpose when they concern a contact) are committed to, never
sealed in the clear. --personal says how they are written:
  omit       (the default) null in "data"; "personal" gives each field's subject and commitment
  include    the values in "data", with each salt in "personal": the file is then personal data
             itself (a warning says so on stderr); tenfold verify checks every commitment
  encrypted  the stored form of a history kept with --keys DIR: each value (and its salt)
             encrypted under its subject's key in DIR (created when missing), null in "data"
With --keys DIR, values an input holds encrypted are decrypted where DIR has their keys (erased
subjects' read as null). A sealed version-2 line keeps its salts and commitments, so its hash is
reproduced; the values of a line without them get new salts. A sealed version-1 line is refused:
tenfold migrate rewrites such a history.

With --input, the file is first appended through the decider, line by line (raw lines of
{"type", "data"} get their envelope then; older schema versions are upcast), and written as it
goes: the first bad line stops the export and nothing is written. A sealed input must have
intact chains: an export never reseals a history that was tampered with. A line already as the
export writes it (an export exported again) is written as read, byte for byte.
With --store, the store's events are written. With both, the file is appended to the store first.
The output appears at FILE only when the export succeeded.

Flags:
  -i, --input FILE  The NDJSON history to export
  --store URL       The event store to export (and to import --input into): see Stores
  --personal MODE   include, omit (the default) or encrypted: how personal values are written
  --keys DIR        The key directory of encrypted values: to read them (and to write with
                    --personal encrypted); for a store that keeps no keys, its key store
  -o, --out FILE    Where to write the sealed NDJSON (required)
  -h, --help        Show this help

Examples:
  tenfold export --input history.ndjson --out sealed.ndjson
  tenfold export --store esdb://localhost:2113?tls=false --out backup.ndjson
  tenfold export --store pglite:./campaign-db --out backup.ndjson
  tenfold export --input kept.ndjson --keys ./keys --personal include --out review.ndjson
  tenfold export --input history.ndjson --keys ./keys --personal encrypted --out kept.ndjson

${KEYS_DIR}

${STORE_URLS}

${EXIT_CODES}
`;

/** `tenfold heads --help`. */
export const HEADS_HELP = `Usage: tenfold heads (--input FILE | --store URL) [--out FILE]

Prints the head of every stream of a sealed history — its last revision and hash — one JSON
object a line, for an office to publish or sign:
  {"streamId":"tenfold-campaign-xining-2013","revision":704,"hash":"…"}
Later, tenfold verify --heads FILE detects a history that was cut short or rewritten since.
The chains are verified first: a history with chain problems, or without seals, has no heads.

Flags:
  -i, --input FILE  A sealed NDJSON history (what tenfold export writes)
  --store URL       An event store: see Stores
  -o, --out FILE    Write the heads to FILE instead of stdout
  -h, --help        Show this help

Examples:
  tenfold heads --input sealed.ndjson > heads-2013-12-31.ndjson
  tenfold heads --store postgres://tenfold:secret@localhost:5432/tenfold
  tenfold verify --input sealed.ndjson --heads heads-2013-12-31.ndjson

${STORE_URLS}

${EXIT_CODES}
`;

/** `tenfold diff --help`. */
export const DIFF_HELP = `Usage: tenfold diff (--input FILE | --store URL [--campaign ID]) --from A --to B [--json]

Shows how each statistic of a campaign changed between two business days (as-of views) or two
instants (recorded-before views: what the system knew then): every statistic with its two
values and the change, then the checklist items each group got done in between.

Flags:
  -i, --input FILE   The NDJSON history to read
  --store URL        Read from an event store: see Stores
  --campaign ID      With --store: the campaign (needed when it holds several)
  --from A, --to B   Two days (YYYY-MM-DD) or two ISO-8601 UTC instants (…T…Z) (required)
  --json             Print the changes as JSON instead of a table
  -h, --help         Show this help

Examples:
  tenfold diff --input xining.ndjson --from 2013-06-30 --to 2013-12-31
  tenfold diff --input xining.ndjson --from 2013-07-01T00:00:00Z --to 2014-01-01T00:00:00Z --json
  tenfold diff --store pglite:./campaign-db --from 2013-06-30 --to 2013-12-31

${STORE_URLS}

${EXIT_CODES} (1 also when nothing is recorded by B)
`;

/** `tenfold report --help`. */
export const REPORT_HELP = `Usage: tenfold report (--input FILE | --store URL [--campaign ID]) [--as-of DAY] [--recorded-before INSTANT] [--heads FILE]
                      [--checkpoint FILE --vkey KEY [--witness KEY …] [--quorum K]] --out FILE

Writes one self-contained HTML file (no network, no external assets) that an auditor can open or
print: headline statistics, the ten-ones checklist of every group, a chart of visits and diaries
per week, funds by kind and activity, and the verification of the hash chains with each
stream's head (and the SHA-256 of the input file). A fund's purpose that is personal data and
absent from the history (an export without personal values) or erased shows as [erased].

With --checkpoint, the report also checks the history against a signed checkpoint, as tenfold
verify --checkpoint does, and shows it: its origin, size and root, the log's key, each witness
with the time of its cosignature, the quorum required and met, and whether the Merkle root of the
stream's first SIZE events matches, the history was cut short or rewritten, or events past the
size are not covered. A checkpoint not trusted (a wrong --vkey, a quorum not met) is shown as
such in the report, and the history is not compared with it.

Flags:
  -i, --input FILE           The NDJSON history to report on
  --store URL                Read from an event store: see Stores
  --campaign ID              With --store: the campaign (needed when it holds several)
  --as-of DAY                Report as of a business day YYYY-MM-DD
  --recorded-before INSTANT  Report what was recorded before an ISO-8601 UTC instant
  --heads FILE               Published heads to check the chains against
  --checkpoint FILE          A signed checkpoint of the campaign's stream
  --vkey KEY                 The log's verifier key (NAME+KEYID+BASE64), or a file that holds it
  --witness KEY              A witness's verifier key, or its file; give one --witness per witness
  --quorum K                 How many of the witnesses must have cosigned (default: all given)
  -o, --out FILE             Where to write the HTML (required)
  -h, --help                 Show this help

Examples:
  tenfold report --input sealed.ndjson --out report.html
  tenfold report --input sealed.ndjson --as-of 2013-06-30 --heads heads.ndjson --out mid-year.html
  tenfold report --store postgres://tenfold:secret@localhost:5432/tenfold --out report.html
  tenfold report --input sealed.ndjson --checkpoint xining-2013.cosigned.checkpoint --vkey log.vkey --witness w1.vkey --out report.html

${STORE_URLS}

Exit codes:
  0  the report was written, the chains (if sealed) are intact, and the checkpoint (if given) is
     trusted and matches (events past its size are only named)
  1  the report was written but the chains have problems, or the checkpoint is not trusted, or the
     history was cut short or rewritten since it; or no report could be made
  2  usage error, or a file cannot be read or written
`;
