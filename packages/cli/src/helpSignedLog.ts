/* The usage texts of the signed-log commands. */
import { EXIT_CODES, STORE_URLS } from "./help.js";

/** `tenfold keygen --help`. */
export const KEYGEN_HELP = `Usage: tenfold keygen --name NAME --out FILE [--witness]

Makes an Ed25519 key in the signed-note formats. The signer key is written to FILE (mode 0600,
never overwritten, never printed); the verifier key, which others use to check signatures, is
printed: NAME+KEYID+BASE64. NAME is the log's (or the witness's) name, a schema-less URL such as
xining.example.gov.cn/tenfold; a checkpoint's origin is NAME/STREAMID.

Flags:
  --name NAME     The key's name: no spaces, no plus
  -o, --out FILE  Where to write the signer key (it must not exist yet)
  --witness       A cosigner key (tlog-cosignature, type 0x04) for a witness, not a log key
  -h, --help      Show this help

Examples:
  tenfold keygen --name xining.example.gov.cn/tenfold --out log.key > log.vkey
  tenfold keygen --name witness.example.org/w1 --witness --out w1.key > w1.vkey

${EXIT_CODES}
`;

/** `tenfold checkpoint --help`. */
export const CHECKPOINT_HELP = `Usage: tenfold checkpoint (--input FILE | --store URL) [--campaign ID] --key FILE [--out FILE]

Signs the current checkpoint of a campaign's stream: a tlog-checkpoint note whose origin is
KEYNAME/STREAMID, whose size is the number of the stream's events, and whose root is the root of
the RFC 9162 Merkle tree of their sealed texts. The hash chains are verified first: a history
with chain problems, or without seals, gets no checkpoint.

Flags:
  -i, --input FILE  A sealed NDJSON history (what tenfold export writes)
  --store URL       An event store: see Stores
  --campaign ID     The campaign, when the history holds several
  --key FILE        The log's signer key (tenfold keygen)
  -o, --out FILE    Write the checkpoint to FILE instead of stdout
  -h, --help        Show this help

Examples:
  tenfold checkpoint --input sealed.ndjson --key log.key --out xining-2013.checkpoint

${STORE_URLS}

${EXIT_CODES}
`;

/** `tenfold prove --help`. */
export const PROVE_HELP = `Usage: tenfold prove (--input FILE | --store URL) [--campaign ID] (--revision N | --event-id UUID)
                     --checkpoint FILE [--out FILE]

Writes an event's inclusion proof (c2sp.org/tlog-proof@v1): its index, the Merkle path from its
leaf to the checkpoint's root, and the checkpoint verbatim with its cosignatures. Anyone holding
the log's verifier key can then check that one event (tenfold verify-proof) without the rest of
the history. The history's chains are verified first, and its first SIZE events must be the ones
the checkpoint covers.

Flags:
  -i, --input FILE   A sealed NDJSON history (what tenfold export writes)
  --store URL        An event store: see Stores
  --campaign ID      The campaign, when the history holds several
  --revision N       The event's revision in its stream (from 0)
  --event-id UUID    Or the event's id
  --checkpoint FILE  A checkpoint of the stream (tenfold checkpoint) that covers the event
  -o, --out FILE     Write the proof to FILE (name it .tlog-proof) instead of stdout
  -h, --help         Show this help

Examples:
  tenfold prove --input sealed.ndjson --revision 42 --checkpoint xining-2013.checkpoint --out visit.tlog-proof

${STORE_URLS}

${EXIT_CODES}
`;

/** `tenfold verify-proof --help`. */
export const VERIFY_PROOF_HELP = `Usage: tenfold verify-proof --proof FILE --event FILE --vkey KEY [--witness KEY …] [--quorum K]

Checks one exported event (a file holding its line, as tenfold export writes it) against its
inclusion proof, offline: the checkpoint's log signature by --vkey and, with --witness keys, the
cosignatures of --quorum of them (all by default); the origin (the log's name and the event's
stream); the index (the event's revision); and the Merkle path from the event's leaf to the root.

Flags:
  --proof FILE   The inclusion proof (tenfold prove)
  --event FILE   The event: one NDJSON line with its envelope
  --vkey KEY     The log's verifier key, or a file that holds it
  --witness KEY  A witness's verifier key, or its file; one --witness per witness
  --quorum K     How many of the witnesses must have cosigned (default: all given)
  -h, --help     Show this help

Examples:
  tenfold verify-proof --proof visit.tlog-proof --event visit.ndjson --vkey log.vkey

Exit codes:
  0  the event is in the log
  1  the proof does not hold for this event, or the checkpoint is not trusted
  2  usage error, or a file cannot be read
`;

/** `tenfold consistency --help`. */
export const CONSISTENCY_HELP = `Usage: tenfold consistency (--input FILE | --store URL) [--campaign ID] --old FILE --new FILE [--out FILE]

Writes the consistency proof from an older checkpoint of a stream to a newer one, as the body of a
tlog-witness add-checkpoint request: old SIZE, the RFC 9162 consistency path, an empty line, the
new checkpoint. Whoever holds the old checkpoint can then check that the new tree extends it,
without the events (a witness does: tenfold cosign). The history must match both checkpoints.

Flags:
  -i, --input FILE  A sealed NDJSON history (what tenfold export writes)
  --store URL       An event store: see Stores
  --campaign ID     The campaign, when the history holds several
  --old FILE        The older checkpoint
  --new FILE        The newer checkpoint, of the same origin
  -o, --out FILE    Write the proof to FILE instead of stdout
  -h, --help        Show this help

Examples:
  tenfold consistency --input sealed.ndjson --old 2013-06.checkpoint --new 2013-12.checkpoint --out add.txt

${STORE_URLS}

${EXIT_CODES}
`;

/** `tenfold cosign --help`. */
export const COSIGN_HELP = `Usage: tenfold cosign --key FILE --log-vkey KEY --state DIR --proof FILE [--out FILE]

Acts as a witness (tlog-witness) for one request: it checks the new checkpoint's log signature and
the consistency proof from exactly the size it holds for that origin (0 when it holds nothing, with
an empty proof), then keeps the new size and root in DIR and writes the checkpoint with its
cosignature line (tlog-cosignature v1) added. It never cosigns two checkpoints of one size with
different roots, nor a smaller size. The state is written atomically, under a lock, before the
cosignature is given.

Flags:
  --key FILE      The witness's cosigner key (tenfold keygen --witness)
  --log-vkey KEY  The log's verifier key, or a file that holds it
  --state DIR     Where the witness keeps, per origin, the size and root it last cosigned
  --proof FILE    The request: what tenfold consistency writes
  -o, --out FILE  Write the cosigned checkpoint to FILE instead of stdout
  -h, --help      Show this help

Examples:
  tenfold cosign --key w1.key --log-vkey log.vkey --state w1-state --proof add.txt --out 2013-12.cosigned.checkpoint

Exit codes:
  0  cosigned
  1  refused: unknown origin, bad log signature, an old size that is not the one held (the size
     held is named), a fork at the size held, or a consistency proof that does not verify
  2  usage error, or a file cannot be read
`;

/** `tenfold witness --help`. */
export const WITNESS_HELP = `Usage: tenfold witness --key FILE --log-vkey KEY --state DIR --listen PORT [--host HOST]

Serves a witness over HTTP (tlog-witness): POST /add-checkpoint with an add-checkpoint body (what
tenfold consistency writes) answers 200 with the cosignature line, or refuses: 404 unknown origin,
403 no valid log signature, 400 malformed or an old size larger than the new, 409 an old size it
does not hold (its size in the body, as text/x.tlog.size) or another root at the size it holds,
422 a bad consistency proof. The state per origin is kept in DIR as tenfold cosign keeps it: the
check and the update under one lock, the new state stored before the answer. Runs until
interrupted (Ctrl-C, SIGTERM).

Flags:
  --key FILE      The witness's cosigner key (tenfold keygen --witness)
  --log-vkey KEY  The log's verifier key, or a file that holds it
  --state DIR     Where the witness keeps, per origin, the size and root it last cosigned
  --listen PORT   The port (0: any free one, printed)
  --host HOST     The address to listen on (default 127.0.0.1)
  -h, --help      Show this help

Examples:
  tenfold witness --key w1.key --log-vkey log.vkey --state w1-state --listen 8080

${EXIT_CODES}
`;
