/**
 * @tenfold/core/node — Node defaults for the platform services core is given by injection.
 * @packageDocumentation
 */
import * as crypto from "node:crypto";
import type { Sha256 } from "../seal/seal.js";
import type { Sha256Digest } from "../signedlog/merkle.js";

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

/** SHA-256 over bytes from node:crypto, for the Merkle tree. */
export const nodeSha256Digest: Sha256Digest = {
  digest: (bytes) => new Uint8Array(crypto.createHash("sha256").update(bytes).digest()),
};
