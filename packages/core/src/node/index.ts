/**
 * @tenfold/core/node — Node defaults for the platform services core is given by injection.
 * @packageDocumentation
 */
import * as crypto from "node:crypto";
import type { Sha256 } from "../seal/seal.js";
import type { Sha256Digest } from "../signedlog/merkle.js";
import type { Ed25519 } from "../signedlog/note.js";
import type { PersonalCipher } from "../personal/PersonalCipher.js";

/*
 * `crypto.hash` (Node 20.12 and later) hashes in one call, without a Hash object: a third faster
 * on the short texts a seal covers, and the seal is on the path of every append. Older Node 20
 * releases fall back to `createHash`; both give the same digest.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;

/** SHA-256 from node:crypto. */
export const nodeSha256: Sha256 = {
  hex: typeof oneShot === "function" ? (text) => oneShot("sha256", text, "hex") : (text) => crypto.createHash("sha256").update(text, "utf8").digest("hex"),
};

const oneShotBytes = oneShot as ((algorithm: string, data: string | Uint8Array, encoding: "buffer") => Buffer) | undefined;

/** A plain Uint8Array over a digest's own bytes (a Buffer's `slice` would not copy). */
const plain = (digest: Buffer): Uint8Array => new Uint8Array(digest.buffer, digest.byteOffset, digest.length);

/** SHA-256 over bytes (and text) from node:crypto, for the Merkle tree: one call without a Hash object where Node has `crypto.hash`. */
export const nodeSha256Digest: Sha256Digest =
  typeof oneShotBytes === "function"
    ? { digest: (bytes) => plain(oneShotBytes("sha256", bytes, "buffer")), digestText: (text) => plain(oneShotBytes("sha256", text, "buffer")) }
    : { digest: (bytes) => new Uint8Array(crypto.createHash("sha256").update(bytes).digest()), digestText: (text) => new Uint8Array(crypto.createHash("sha256").update(text, "utf8").digest()) };

/* An Ed25519 key from its raw 32-byte seed or public key: the fixed DER prefixes of PKCS #8 and SPKI (RFC 8410). */
const PKCS8_ED25519 = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519 = Buffer.from("302a300506032b6570032100", "hex");
const privateKeyOf = (seed: Uint8Array): crypto.KeyObject => crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: "der", type: "pkcs8" });

/** Ed25519 from node:crypto, for signed notes. */
export const nodeEd25519: Ed25519 = {
  publicKeyOf: (seed) => new Uint8Array(Buffer.from(crypto.createPublicKey(privateKeyOf(seed)).export({ format: "jwk" }).x ?? "", "base64url")),
  sign: (seed, message) => new Uint8Array(crypto.sign(null, message, privateKeyOf(seed))),
  verify: (publicKey, message, signature) => {
    try {
      return crypto.verify(null, message, crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519, publicKey]), format: "der", type: "spki" }), signature);
    } catch {
      return false;
    }
  },
};

/** The nonce and tag lengths of AES-256-GCM, in bytes. */
const GCM_NONCE = 12;
const GCM_TAG = 16;

/** Nonces drawn 4 KiB at a time (a draw costs about as much for 12 bytes as for 4 KiB); no nonce is handed out twice. */
const NONCES = Buffer.alloc(4092);
let noncesUsed = NONCES.length;
const nextNonce = (): Buffer => {
  if (noncesUsed + GCM_NONCE > NONCES.length) {
    crypto.randomFillSync(NONCES);
    noncesUsed = 0;
  }
  const nonce = Buffer.from(NONCES.subarray(noncesUsed, noncesUsed + GCM_NONCE));
  noncesUsed += GCM_NONCE;
  return nonce;
};

/** AES-256-GCM from node:crypto, for personal values: a random 12-byte nonce per value, the 16-byte tag after the ciphertext. */
export const nodePersonalCipher: PersonalCipher = {
  algorithm: "AES-256-GCM",
  newKey: () => new Uint8Array(crypto.randomBytes(32)),
  encrypt: (key, plaintext, associatedData) => {
    const nonce = nextNonce();
    const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce, { authTagLength: GCM_TAG });
    cipher.setAAD(Buffer.from(associatedData, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return { algorithm: "AES-256-GCM", nonce: nonce.toString("base64"), ciphertext: body.toString("base64") };
  },
  decrypt: (key, value, associatedData) => {
    if ((value.algorithm as string) !== "AES-256-GCM" || key.length !== 32) return null;
    const nonce = Buffer.from(value.nonce, "base64");
    const body = Buffer.from(value.ciphertext, "base64");
    if (nonce.length !== GCM_NONCE || body.length < GCM_TAG) return null;
    try {
      const decipher = crypto.createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: GCM_TAG });
      decipher.setAAD(Buffer.from(associatedData, "utf8"));
      decipher.setAuthTag(body.subarray(body.length - GCM_TAG));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - GCM_TAG)), decipher.final()]).toString("utf8");
    } catch {
      return null;
    }
  },
};
