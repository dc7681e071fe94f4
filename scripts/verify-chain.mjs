#!/usr/bin/env node
// An independent verifier of Tenfold's hash chains (docs/audit.md), in plain Node: no Tenfold code.
// Usage: node scripts/verify-chain.mjs export.ndjson — prints every line that does not verify, each
// stream's head, and a verdict; exits 1 when a line does not verify.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

const canonical = (v) =>
  Array.isArray(v) ? `[${v.map(canonical).join(",")}]`
  : v !== null && typeof v === "object" ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`
  : JSON.stringify(v);
const heads = new Map(); // streamId → [last revision, last hash]
let line = 0, bad = 0;
for await (const text of createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity })) {
  line++;
  const { previousHash, hash, ...envelope } = JSON.parse(text);
  const [revision, expected] = heads.get(envelope.streamId) ?? [-1, "0".repeat(64)];
  const recomputed = createHash("sha256").update(`${previousHash}\n${canonical(envelope)}`, "utf8").digest("hex");
  if (envelope.streamRevision !== revision + 1 || previousHash !== expected || hash !== recomputed) {
    bad++;
    console.log(`${process.argv[2]}:${line}: stream ${envelope.streamId} revision ${envelope.streamRevision} does not verify`);
  }
  heads.set(envelope.streamId, [envelope.streamRevision, hash]);
}
for (const [streamId, [revision, hash]] of heads) console.log(`head ${streamId} ${revision} ${hash}`);
console.log(bad === 0 ? `${line} lines, every chain verifies` : `${line} lines, ${bad} do not verify`);
process.exitCode = bad === 0 ? 0 : 1;
