#!/usr/bin/env node
// An independent check of a Tenfold checkpoint (docs/audit.md), in plain Node: no Tenfold code.
// Usage: node scripts/verify-checkpoint.mjs export.ndjson stream.checkpoint NAME+KEYID+BASE64 — checks
// the log's signature and recomputes the root from the export; exits 1 when either does not hold.
import { createHash, createPublicKey, verify } from "node:crypto";
import { readFileSync } from "node:fs";

const [exportFile, checkpointFile, vkey] = process.argv.slice(2);
const sha256 = (...parts) => createHash("sha256").update(Buffer.concat(parts)).digest();
const canonical = (v) =>
  Array.isArray(v) ? `[${v.map(canonical).join(",")}]`
  : v !== null && typeof v === "object" ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`
  : JSON.stringify(v);
// The log's verifier key: NAME+KEYID+base64(0x01 ‖ 32-byte Ed25519 public key).
const [name, keyId] = vkey.split("+");
const material = Buffer.from(vkey.slice(name.length + keyId.length + 2), "base64");
const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), material.subarray(1)]);
const publicKey = createPublicKey({ key: spki, format: "der", type: "spki" });
// The checkpoint: its text (origin, size, base64 root), a blank line, lines "— NAME base64(key ID ‖ signature)".
const note = readFileSync(checkpointFile, "utf8");
const text = note.slice(0, note.lastIndexOf("\n\n") + 1);
const [origin, size, root] = text.trimEnd().split("\n");
const signed = note.slice(text.length + 1).split("\n").filter(Boolean).some((line) => {
  const [, who, signature] = line.split(" ");
  const bytes = Buffer.from(signature, "base64");
  return who === name && bytes.subarray(0, 4).toString("hex") === keyId && verify(null, Buffer.from(text), publicKey, bytes.subarray(4));
});
// The tree (RFC 9162): leaf = SHA-256(0x00 ‖ sealed text), node = SHA-256(0x01 ‖ left ‖ right), split at the largest power of two below n.
const streamId = origin.slice(name.length + 1);
const events = readFileSync(exportFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.streamId === streamId);
const leaves = events.slice(0, Number(size)).map(({ previousHash: _previous, hash: _hash, ...envelope }) => sha256(Buffer.from([0]), Buffer.from(canonical(envelope), "utf8")));
const treeHash = (xs) => {
  if (xs.length <= 1) return xs[0] ?? sha256();
  let k = 1;
  while (k * 2 < xs.length) k *= 2;
  return sha256(Buffer.from([1]), treeHash(xs.slice(0, k)), treeHash(xs.slice(k)));
};
const matches = leaves.length === Number(size) && treeHash(leaves).toString("base64") === root;
console.log(`${checkpointFile}: ${signed ? `signed by ${name}` : `not signed by ${name}`}; ${matches ? `the first ${size} events of ${streamId} match its root` : `the export does not match its ${size} events and root`}`);
process.exitCode = signed && matches ? 0 : 1;
