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
