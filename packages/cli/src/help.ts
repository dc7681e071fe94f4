/*
 * The usage texts. Each ends with a newline; `tenfold --help` and `tenfold <command> --help`
 * print them on stdout.
 */

/** The exit codes most commands share. */
export const EXIT_CODES = `Exit codes:
  0  success
  1  problems found, or the command could not produce its result
  2  usage error, or the input file cannot be read`;

/** What `--store URL` takes, in the help of every command with --store. */
export const STORE_URLS = `Stores (--store URL):
  kurrentdb://host:2113?tls=false              KurrentDB or EventStoreDB (esdb://…, kurrentdb+discover://…
                                               too), through @kurrent/kurrentdb-client, or through
                                               @eventstore/db-client if TENFOLD_ESDB_CLIENT names it
  postgres://user:password@host:5432/database  PostgreSQL (postgresql://… too), in schema "tenfold",
                                               or ?schema=NAME; opened, and the schema created, at once
  pglite:DIR                                   PostgreSQL embedded in this process, its files in DIR
                                               (created when missing)
A store that cannot be opened is a usage error (exit 2); a URL's password is never printed.`;

/** `tenfold --help`. */
export const MAIN_HELP = `tenfold — the "ten ones" campaign: a demo, statistics, audit and verification of NDJSON histories

Usage:
  tenfold <command> [flags]
  tenfold help [command]

Commands:
  demo     Run the 2013 Xining campaign in memory and print its statistics
  stats    Print a campaign's statistics, as of a day or as recorded before an instant
  diff     Show how each statistic changed between two days or two instants
  report   Write a self-contained HTML audit report
  export   Write a history as sealed NDJSON envelopes (hash-chained), in global order
  verify   Check every line of an NDJSON history, and its hash chains, and list the problems
  erase    Erase a data subject's personal data: record SubjectErased, destroy the subject's key
  migrate  Rewrite a sealed version-1 history as version 2, its personal values encrypted
  heads    Print each stream's head (last revision and hash), to publish or sign
  keygen   Make a log's (or a witness's) Ed25519 key in the signed-note formats
  checkpoint Sign a stream's checkpoint: its size and the root of its Merkle tree
  prove    Write one event's inclusion proof against a checkpoint
  verify-proof
           Check one exported event against its inclusion proof, offline
  consistency
           Write the proof that a newer checkpoint extends an older one
  cosign   Act as a witness: cosign a checkpoint that extends the one it holds
  witness  Serve a witness over HTTP (tlog-witness's POST /add-checkpoint)
  generate Write a valid random history, reproducible from a seed
  help     Show this help, or the help of a command

Flags:
  -h, --help  Show help (also after any command: tenfold stats --help)

Environment:
  TENFOLD_THREADS=N  Worker threads that parse and hash the lines of a history file, besides
                     the main one (0 to 64; default: one fewer than the cores, at least one, for
                     files from 8 MiB, none for smaller ones)

Examples:
  tenfold demo
  tenfold stats --input history.ndjson --as-of 2013-06-30
  tenfold export --input history.ndjson --out sealed.ndjson
  tenfold migrate --input xining-v1.ndjson --out xining.ndjson --keys ./keys
  tenfold erase --input xining.ndjson --keys ./keys --subject contact:household-03 --request-ref PIPL-7 --on 2014-02-10
  tenfold heads --input sealed.ndjson > heads.ndjson
  tenfold verify --input sealed.ndjson --heads heads.ndjson
  tenfold keygen --name xining.example.gov.cn/tenfold --out log.key > log.vkey
  tenfold checkpoint --input sealed.ndjson --key log.key --out xining-2013.checkpoint
  tenfold prove --input sealed.ndjson --revision 42 --checkpoint xining-2013.checkpoint > e42.tlog-proof
  tenfold report --input sealed.ndjson --out report.html
  tenfold generate --seed 42 --groups 20 --events 10000 --out history.ndjson

An NDJSON history holds one event a line: {"type": …, "data": {…}} at least, optionally with the
envelope fields of an export (eventId, recordedAt, metadata, previousHash, hash, …). Personal
values (names, titles, summaries, resolutions, purposes) are committed to, not hashed, in schema
version 2: exports leave them out unless asked (--personal include), and a history kept with
--keys DIR holds them only encrypted. See DOMAIN.md and docs/audit.md.

${EXIT_CODES}
`;

/** `tenfold demo --help`. */
export const DEMO_HELP = `Usage: tenfold demo [--json]

Runs the 2013 Xining "ten ones" campaign, command by command, on an in-memory event store and
prints its statistics: headline numbers, contacts, visits, funds in yuan and the ten-ones
checklist of every group.

Flags:
  --json      Print the statistics as JSON (CampaignStatistics of DOMAIN.md) instead of a table
  -h, --help  Show this help

Examples:
  tenfold demo
  tenfold demo --json > xining-statistics.json

${EXIT_CODES}
`;

/** `tenfold stats --help`. */
export const STATS_HELP = `Usage: tenfold stats (--input FILE [--store URL] | --store URL [--campaign ID]) [--keys DIR] [--as-of DAY] [--recorded-before INSTANT] [--json]

Reads an NDJSON history of one campaign, checking every line against the rules as an import
does, and prints the campaign's statistics, folded as the file streams (memory grows with the
campaign's entities, not its events). The first bad line stops it: its problem is printed as
FILE:LINE: message (use tenfold verify to list every problem). Lines without recordedAt count as
recorded now. Raw and sealed files alike; older schema versions are upcast.
With --store alone, the campaign is read from an event store instead; with --input and --store,
the file's history is appended to that store (through the same checks), then read back from it.
Statistics count no personal value: an export without them (or with some erased) gives the same.
A file kept with --keys DIR (its values encrypted) needs --keys DIR only to be appended to a
store; a store that keeps no key store of its own is given --keys DIR for its subjects' keys.

Flags:
  -i, --input FILE                 The NDJSON history to read
  --store URL                      An event store (esdb://…, postgres://…, pglite:DIR): read
                                   from it, or with --input, append the file's history to it
  --campaign ID                    With --store: the campaign (needed when it holds several)
  --keys DIR                       The key directory of the file's encrypted values (see
                                   tenfold erase --help), or of a store that keeps no keys
  --as-of DAY                      Statistics as of a business day YYYY-MM-DD: the events dated
                                   on or before it, in recorded order
  --recorded-before INSTANT        The audit view: the events recorded before an ISO-8601 UTC
                                   instant (e.g. 2013-06-01T00:00:00Z), by each line's recordedAt
  --json                           Print the statistics as JSON instead of a table
  -h, --help                       Show this help

Both --as-of and --recorded-before may be given: the events must pass both.

Examples:
  tenfold stats --input xining.ndjson
  tenfold stats --input xining.ndjson --as-of 2013-06-30 --json
  tenfold stats --input xining.ndjson --recorded-before 2013-07-01T00:00:00Z
  tenfold stats --store esdb://localhost:2113?tls=false --campaign xining-2013
  tenfold stats --input xining.ndjson --store pglite:./campaign-db
  tenfold stats --store postgres://tenfold:secret@localhost:5432/tenfold --campaign xining-2013

${STORE_URLS}

${EXIT_CODES} (1 also when no event is left to count, e.g. as of a day before the launch)
`;

/** `tenfold verify --help`. */
export const VERIFY_HELP = `Usage: tenfold verify (--input FILE | --store URL [--campaign ID]) [--heads FILE]
                      [--checkpoint FILE --vkey KEY [--witness KEY …] [--quorum K]] [--chains-only]

Checks every line of an NDJSON history: that it is JSON, that it decodes as an event, then the
rules of DOMAIN.md in order, against the lines accepted so far. A bad line is reported and
skipped; the lines after it are still checked. Each problem is printed on stdout as
FILE:LINE: message, then a summary: N lines, N problems. The file is streamed, so files of any
size can be verified; a line longer than 1 MiB is reported, not read.

A schema-2 line's personal entries are checked too: exactly the personal fields and subjects
the rules fix, and, where a salt and a value are given (an export with --personal include), that
they open the commitment (personal.FIELD.commitment: …); that is checked with --chains-only too.
The seal covers commitments, never values: a changed commitment breaks the chain, a changed
value no longer opens its commitment.

A sealed file (an export: every line has previousHash and hash) also has every hash chain
recomputed. Each tampered, deleted, inserted, duplicated or reordered event is reported at its
line, naming its stream and revision. With --heads, the chains are also checked against
published heads (what tenfold heads prints): a stream that ends early is truncated, another hash
at a head's revision means the history was rewritten. A file without seals is checked as before.

With --checkpoint, a signed checkpoint (what tenfold checkpoint writes) is checked first: the
log's signature by --vkey and, with --witness keys, the cosignatures of --quorum of them (all of
them when --quorum is not given). Then the Merkle root of its stream's first SIZE events is
recomputed as the file is read: a stream with fewer events was cut short, another root means
the history was rewritten (both are problems); events past the checkpoint's size are named as
not covered (a notice: the log has grown since). This supersedes --heads for truncation.

Flags:
  -i, --input FILE  The NDJSON history to check
  --store URL       Check a campaign where it is stored instead: its problems are placed at the
                    lines of its export (line N is revision N - 1)
  --campaign ID     With --store: the campaign (needed only when the store holds several)
  --heads FILE      Published heads to check the chains against, one JSON object a line
  --checkpoint FILE A signed checkpoint of one of the history's streams
  --vkey KEY        The log's verifier key (NAME+KEYID+BASE64), or a file that holds it
  --witness KEY     A witness's verifier key, or its file; give one --witness per witness
  --quorum K        How many of the witnesses must have cosigned (default: all given)
  --chains-only     Check JSON and the hash chains but not the rules: memory stays constant
                    however long the file (the rules remember every entity of the campaign)
  -h, --help        Show this help

Examples:
  tenfold verify --input xining.ndjson
  tenfold verify --input export.ndjson --heads heads.ndjson
  tenfold verify --input export.ndjson --checkpoint xining-2013.checkpoint --vkey log.vkey
  tenfold verify --input export.ndjson | head -20
  tenfold verify --store postgres://tenfold:secret@db:5432/tenfold --heads heads.ndjson

${STORE_URLS}

Exit codes:
  0  every line is valid
  1  problems found (or the file is empty)
  2  usage error, or the input (or heads) file cannot be read
`;
