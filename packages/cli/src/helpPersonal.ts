/*
 * The usage texts of the personal-data commands (DOMAIN.md, schema version 2): erase and migrate,
 * and what --keys and --personal mean wherever they are taken. Each ends with a newline.
 */
import { EXIT_CODES, STORE_URLS } from "./help.js";

/** What `--keys DIR` is, in the help of every command that takes it. */
export const KEYS_DIR = `Key directories (--keys DIR):
  A history file can be kept like a store: its lines hold each personal value only encrypted
  (AES-256-GCM, under a key per data subject: "personal" entries with "encrypted", the value
  null in "data"), and the keys live in DIR, in DIR/subject-keys.ndjson (mode 0600, the
  directory 0700; one made when missing, one open to other users refused). Erasing a subject
  destroys its key there: its values can no longer be read, while every hash, chain and
  checkpoint stays valid (the seal covers commitments, never values). Keep DIR apart from the
  history and its backups, on an encrypted disk.`;

/** `tenfold erase --help`. */
export const ERASE_HELP = `Usage: tenfold erase (--input FILE --keys DIR | --store URL [--campaign ID] [--keys DIR])
                     --subject contact:ID|cadre:ID --request-ref REF --on DAY

Erases a data subject's personal data on request (PIPL art. 47): records SubjectErased through
the decider, then destroys the subject's key, so that every personal value of that subject reads
as erased (null, and [erased] in the report) while every hash stays as it was.

With --input, FILE is a sealed version-2 history kept with --keys DIR (what tenfold migrate, or
tenfold export --personal encrypted --keys DIR, writes). It is read whole first: sealed, its
chains intact, every rule, and no personal value in the clear. The EraseSubject command is then
decided against it: a subject that was never enrolled or assigned, one already erased, a date
before the launch are refused with the rule's message (exit 1) and nothing is written. Else the
SubjectErased line is sealed onto the campaign's chain and FILE replaced with it atomically (a
copy flushed to disk and renamed over it, under FILE.lock), and then the key is destroyed in DIR.
Keys of subjects FILE records as erased before are destroyed again if DIR still holds them (a key
directory restored from a backup must not bring data back).

With --store, the command goes through the command handler to the store, which destroys the key
in its key store: PostgreSQL's and PGlite's own subject_keys table, or the directory --keys DIR
names (it then holds the store's keys instead); EventStoreDB keeps none and needs --keys DIR.

What is printed names the subject, the request reference and where the erasure was recorded,
never a personal value.

Flags:
  -i, --input FILE        A sealed version-2 history kept with --keys (rewritten in place)
  --keys DIR              The key directory of FILE (required with --input)
  --store URL             An event store: see Stores
  --campaign ID           With --store: the campaign (needed when it holds several)
  --subject SUBJECT       Who is erased: contact:<contactId> or cadre:<cadreId> (required)
  --request-ref REF       The erasure request's reference, 1-500 characters (required; never personal)
  --on DAY                The erasure's business date, YYYY-MM-DD, not before the launch (required)
  -h, --help              Show this help

Examples:
  tenfold erase --input history.ndjson --keys ./keys --subject contact:household-03 --request-ref PIPL-2014-007 --on 2014-02-10
  tenfold erase --store pglite:./campaign-db --subject cadre:cadre-12 --request-ref PIPL-2014-008 --on 2014-02-11

${KEYS_DIR}

${STORE_URLS}

${EXIT_CODES} (1 also when a rule refuses the erasure: nothing is then written)
`;

/** `tenfold migrate --help`. */
export const MIGRATE_HELP = `Usage: tenfold migrate --input FILE --out FILE --keys DIR

Rewrites a sealed history of schema version 1 (or 0), whose personal values are in the clear and
hashed with it, as a version-2 history kept with --keys DIR: every event keeps its eventId and
recordedAt, its metadata.causationId becomes the hash of the version-1 event it replaces (the old
chain stays linked to the new), each personal value is committed to with a new salt and
encrypted under its subject's key (created in DIR), and the history is sealed anew, in the stored
form (each value null in "data", encrypted in "personal").

The input is read whole first: every line sealed, its chains intact, every rule. A version-2 line
is refused (the history is already migrated); a history without seals needs no migration (tenfold
export --personal encrypted --keys DIR writes it as version 2). Nothing is written unless all of
it passes; FILE is kept (its hashes are the causation ids); OUT appears only when done.

Flags:
  -i, --input FILE  The sealed version-1 history
  -o, --out FILE    Where to write the version-2 history (required, not the input)
  --keys DIR        The key directory to create the subjects' keys in (required)
  -h, --help        Show this help

Examples:
  tenfold migrate --input xining-v1.ndjson --out xining.ndjson --keys ./keys
  tenfold export --input xining.ndjson --keys ./keys --personal include --out review.ndjson

${KEYS_DIR}

${EXIT_CODES}
`;
