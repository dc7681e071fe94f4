import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { nodeEd25519 as ed25519, nodeSha256Digest as sha256 } from "../node/index.js";
import { checkpointOrigin, checkpointSigner, checkpointText, openCheckpoint, parseCheckpointText, signCheckpoint } from "./checkpoint.js";
import { emptyRoot, leafHash } from "./merkle.js";
import { merkleRoot } from "./frontier.js";
import { signerKeyOf, signNote, verifierOf } from "./note.js";

const seed = (n: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (i * 17 + n) & 0xff);
const LOG = signerKeyOf({ sha256, ed25519 }, "xining.example.gov.cn/tenfold", "ed25519", seed(1));
const OTHER = signerKeyOf({ sha256, ed25519 }, "elsewhere.example/log", "ed25519", seed(2));
const ORIGIN = checkpointOrigin(LOG.name, "tenfold-campaign-xining-2013");
const ROOT = merkleRoot(sha256, [leafHash(sha256, new Uint8Array([1])), leafHash(sha256, new Uint8Array([2]))]);

describe("checkpoints (tlog-checkpoint)", () => {
  it("writes origin, size and base64 root, signed by the log, and opens back to the same checkpoint", () => {
    const checkpoint = { origin: ORIGIN, size: 2, root: ROOT };
    const note = signCheckpoint(ed25519, checkpoint, LOG);
    expect(note.startsWith(`xining.example.gov.cn/tenfold/tenfold-campaign-xining-2013\n2\n${Buffer.from(ROOT).toString("base64")}\n\n— xining.example.gov.cn/tenfold `)).toBe(true);
    const opened = openCheckpoint(ed25519, note, verifierOf(LOG), ORIGIN);
    expect(E.isRight(opened) && opened.right.checkpoint).toEqual(checkpoint);
  });

  it("a checkpoint signer signs what signCheckpoint signs under the key's origin, and refuses a witness's cosigner key", () => {
    const signer = checkpointSigner(ed25519, LOG);
    expect(signer.verifierKey).toEqual(verifierOf(LOG));
    expect(signer.sign("tenfold-campaign-xining-2013", 2, ROOT)).toBe(signCheckpoint(ed25519, { origin: ORIGIN, size: 2, root: ROOT }, LOG));
    const witness = signerKeyOf({ sha256, ed25519 }, "witness.example", "cosignature", seed(3));
    expect(() => checkpointSigner(ed25519, witness)).toThrow(/"witness.example" is a witness's cosigner key/);
  });

  it("the empty tree's checkpoint has size 0 and the root of no bytes", () => {
    expect(checkpointText({ origin: ORIGIN, size: 0, root: emptyRoot(sha256) })).toBe(`${ORIGIN}\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n`);
  });

  it.each([
    ["an empty origin", `\n2\n${Buffer.from(ROOT).toString("base64")}\n`, 1, "the origin line is empty"],
    ["a size with a leading zero", `${ORIGIN}\n02\n${Buffer.from(ROOT).toString("base64")}\n`, 2, 'the tree size must be a decimal number without leading zeros, got "02"'],
    ["a negative size", `${ORIGIN}\n-1\n${Buffer.from(ROOT).toString("base64")}\n`, 2, 'the tree size must be a decimal number without leading zeros, got "-1"'],
    ["a size past 2^53", `${ORIGIN}\n9007199254740993\n${Buffer.from(ROOT).toString("base64")}\n`, 2, "the tree size 9007199254740993 is larger than this reader takes (9007199254740991)"],
    ["a root of 31 bytes", `${ORIGIN}\n2\n${Buffer.from(ROOT.subarray(1)).toString("base64")}\n`, 3, "the root must be the base64 of 32 bytes (a SHA-256 hash)"],
    ["no root", `${ORIGIN}\n2\n`, 3, "the root must be the base64 of 32 bytes (a SHA-256 hash)"],
    ["an extension line", `${ORIGIN}\n2\n${Buffer.from(ROOT).toString("base64")}\nextra\n`, 4, "Tenfold's checkpoints have no extension lines"],
  ])("refuses a checkpoint with %s, naming its line", (_, text, line, reason) => {
    expect(parseCheckpointText(text)).toEqual(E.left({ _tag: "MalformedCheckpoint", line, reason }));
  });

  it("refuses a checkpoint not signed by the log, of another origin, or changed after signing", () => {
    const checkpoint = { origin: ORIGIN, size: 2, root: ROOT };
    expect(openCheckpoint(ed25519, signCheckpoint(ed25519, checkpoint, OTHER), verifierOf(LOG))).toEqual(E.left({ _tag: "NoKnownSignature", names: [OTHER.name] }));
    expect(openCheckpoint(ed25519, signCheckpoint(ed25519, checkpoint, LOG), verifierOf(LOG), checkpointOrigin(LOG.name, "tenfold-campaign-other"))).toEqual(
      E.left({ _tag: "MalformedCheckpoint", line: 1, reason: `the checkpoint is of origin "${ORIGIN}", not "${LOG.name}/tenfold-campaign-other"` }),
    );
    const changed = signCheckpoint(ed25519, checkpoint, LOG).replace("\n2\n", "\n3\n");
    expect(openCheckpoint(ed25519, changed, verifierOf(LOG))).toMatchObject(E.left({ _tag: "BadSignature", line: 5 }));
  });

  it("keeps other signatures (cosignatures) in the opened note, and ignores them for the log's check", () => {
    const note = signNote(ed25519, checkpointText({ origin: ORIGIN, size: 2, root: ROOT }), [LOG, OTHER]);
    const opened = openCheckpoint(ed25519, note, verifierOf(LOG));
    expect(E.isRight(opened) && opened.right.note.signatures.map((s) => s.name)).toEqual([LOG.name, OTHER.name]);
  });
});
