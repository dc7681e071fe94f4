#!/usr/bin/env node
// Tenfold's signed log checked by Go's golang.org/x/mod/sumdb/note and sumdb/tlog (main.go): a
// sealed history, two checkpoints, a witness's cosignature, inclusion proofs and a consistency
// proof, all made with the CLI, then checked by Go; a proof with one byte changed must fail.
// Needs Go and the Debian package golang-golang-x-mod-dev (.ci/run installs both).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, "../../packages/cli/dist/main.js");
const dir = mkdtempSync(join(tmpdir(), "tenfold-interop-go-"));
const at = (name) => join(dir, name);
const tenfold = (...args) => execFileSync(process.execPath, [cli, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const canonical = (v) =>
  Array.isArray(v) ? `[${v.map(canonical).join(",")}]`
  : v !== null && typeof v === "object" ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`
  : JSON.stringify(v);
const go = (...args) =>
  spawnSync("go", ["run", join(here, "main.go"), ...args], {
    encoding: "utf8",
    env: { ...process.env, GO111MODULE: "off", GOPATH: process.env.TENFOLD_GOPATH ?? "/usr/share/gocode", GOFLAGS: "" },
  });

try {
  tenfold("generate", "--seed", "13", "--events", "300", "--out", at("history.ndjson"));
  tenfold("export", "--input", at("history.ndjson"), "--out", at("sealed.ndjson"));
  const lines = readFileSync(at("sealed.ndjson"), "utf8").split("\n").filter(Boolean);
  writeFileSync(at("old.ndjson"), `${lines.slice(0, 123).join("\n")}\n`);
  const vkey = tenfold("keygen", "--name", "xining.example.gov.cn/tenfold", "--out", at("log.key")).trim();
  tenfold("keygen", "--name", "witness.example.org/w1", "--witness", "--out", at("w1.key")).trim();
  tenfold("checkpoint", "--input", at("old.ndjson"), "--key", at("log.key"), "--out", at("old.checkpoint"));
  tenfold("checkpoint", "--input", at("sealed.ndjson"), "--key", at("log.key"), "--out", at("new.checkpoint"));
  tenfold("consistency", "--input", at("sealed.ndjson"), "--old", at("old.checkpoint"), "--new", at("new.checkpoint"), "--out", at("grow.txt"));
  writeFileSync(at("first.txt"), `old 0\n\n${readFileSync(at("old.checkpoint"), "utf8")}`);
  tenfold("cosign", "--key", at("w1.key"), "--log-vkey", vkey, "--state", at("w1"), "--proof", at("first.txt"), "--out", at("old.cosigned"));
  tenfold("cosign", "--key", at("w1.key"), "--log-vkey", vkey, "--state", at("w1"), "--proof", at("grow.txt"), "--out", at("new.cosigned"));
  const proofs = [0, 1, 122, 255, lines.length - 1].map((revision) => {
    tenfold("prove", "--input", at("sealed.ndjson"), "--revision", String(revision), "--checkpoint", at("new.cosigned"), "--out", at(`e${revision}.tlog-proof`));
    return at(`e${revision}.tlog-proof`);
  });
  // The leaves: each event's sealed text (DOMAIN.md: canonical JSON of the envelope without hash and previousHash).
  writeFileSync(at("leaves.txt"), lines.map((line) => { const { hash: _h, previousHash: _p, ...envelope } = JSON.parse(line); return `${canonical(envelope)}\n`; }).join(""));

  const checked = go("-vkey", vkey, "-skey", at("log.key"), "-leaves", at("leaves.txt"), "-checkpoint", at("new.checkpoint"), "-old", at("old.cosigned"), "-consistency", at("grow.txt"), ...proofs);
  process.stdout.write(checked.stdout);
  if (checked.status !== 0) throw new Error(`Go refused Tenfold's files:\n${checked.stderr}`);

  // And a check that can fail: one proof hash changed.
  const text = readFileSync(proofs[2], "utf8").split("\n");
  text[2] = `${text[2][0] === "A" ? "B" : "A"}${text[2].slice(1)}`;
  writeFileSync(at("tampered.tlog-proof"), text.join("\n"));
  const tampered = go("-vkey", vkey, "-leaves", at("leaves.txt"), "-checkpoint", at("new.checkpoint"), at("tampered.tlog-proof"));
  if (tampered.status === 0 || !tampered.stderr.includes("tlog.CheckRecord")) throw new Error(`Go accepted a tampered proof:\n${tampered.stdout}${tampered.stderr}`);
  console.log("ok  a proof with one hash changed is refused by tlog.CheckRecord");
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
