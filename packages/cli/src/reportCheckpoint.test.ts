import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { eventLeafHash, merkleRoot, sealedEnvelopeOf, type SealedEnvelope } from "@tenfold/core/audit";
import { nodeSha256Digest } from "@tenfold/core/node";
import { runXiningDemo } from "@tenfold/example-xining-2013";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryOpener, runCli, runCliWith, sealedFile } from "./testing-support/audit.js";
import { MINI_HISTORY, ndjson, tempDir } from "./testing-support/harness.js";

const LOG = "xining.example.gov.cn/tenfold";
const ORIGIN = `${LOG}/tenfold-campaign-c1`;
let dir: Awaited<ReturnType<typeof tempDir>>;
let sealed: { readonly file: string; readonly lines: ReadonlyArray<string> };
let short: { readonly file: string; readonly lines: ReadonlyArray<string> };
let vkey: string;
let w1: string;
let w2: string;
const at = (name: string): string => `${dir.path}/${name}`;
/** A verifier key's name and key ID: `NAME+KEYID+BASE64`. */
const idOf = (key: string): { name: string; keyId: string } => ({ name: key.split("+")[0] ?? "", keyId: key.split("+")[1] ?? "" });

beforeAll(async () => {
  dir = await tempDir();
  sealed = await sealedFile(dir, "full", MINI_HISTORY);
  short = await sealedFile(dir, "short", MINI_HISTORY.slice(0, -1));
  vkey = (await runCli("keygen", "--name", LOG, "--out", at("log.key"))).stdout.trim();
  w1 = (await runCli("keygen", "--name", "witness.example.org/w1", "--witness", "--out", at("w1.key"))).stdout.trim();
  w2 = (await runCli("keygen", "--name", "witness.example.org/w2", "--witness", "--out", at("w2.key"))).stdout.trim();
  for (const [file, name] of [[sealed.file, "full.checkpoint"], [short.file, "short.checkpoint"]] as const) {
    const ran = await runCli("checkpoint", "--input", file, "--key", at("log.key"), "--out", at(name));
    if (ran.code !== 0) throw new Error(ran.stderr);
  }
  // Witness w1 cosigns the full checkpoint (it held nothing: old 0, no proof hashes).
  const body = await dir.write("add.txt", `old 0\n\n${await readFile(at("full.checkpoint"), "utf8")}`);
  const cosigned = await runCli("cosign", "--key", at("w1.key"), "--log-vkey", vkey, "--state", at("w1-state"), "--proof", body, "--out", at("full.cosigned"));
  if (cosigned.code !== 0) throw new Error(cosigned.stderr);
});
afterAll(() => dir.remove());

const report = async (name: string, input: string, ...more: ReadonlyArray<string>) => {
  const out = at(`${name}.html`);
  const ran = await runCli("report", "--input", input, ...more, "--out", out);
  return { ...ran, out, html: existsSync(out) ? await readFile(out, "utf8") : "" };
};

/** The Merkle root of sealed lines, recomputed here from core's tree functions, as base64. */
const rootOf = (lines: ReadonlyArray<string>): string => {
  const events = lines.map((l) => sealedEnvelopeOf(JSON.parse(l))).flatMap((e): SealedEnvelope[] => (E.isRight(e) && e.right !== null ? [e.right] : []));
  return Buffer.from(merkleRoot(nodeSha256Digest, events.map((e) => eventLeafHash(nodeSha256Digest, e)))).toString("base64");
};

/** The time a cosignature line carries (key ID, then 8 bytes of big-endian POSIX seconds), as an ISO instant. */
const cosignedAt = async (file: string, witness: string): Promise<string> => {
  const line = (await readFile(file, "utf8")).split("\n").find((l) => l.startsWith(`\u2014 ${witness} `)) ?? "";
  const bytes = Buffer.from(line.split(" ")[2] ?? "", "base64");
  return new Date(Number(bytes.readBigUInt64BE(4)) * 1000).toISOString();
};

const ENTITIES: Readonly<Record<string, string>> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
/** The page's text without its tags, its entities read. */
const textOf = (html: string): string => html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);

describe("tenfold report --checkpoint", () => {
  it("shows a matching history: origin, size, root, the log's key, each cosigner with its time, and the quorum met", async () => {
    const { code, stdout, html, out } = await report("matches", sealed.file, "--checkpoint", at("full.cosigned"), "--vkey", vkey, "--witness", w1);
    expect(stdout).toBe(`Wrote the audit report of campaign "c1" to ${out}: hash chains intact; the history matches the checkpoint of size 19 (log signature verified, 1 of 1 witnesses)\n`);
    expect(code).toBe(0);
    const text = textOf(html);
    const root = rootOf(sealed.lines);
    expect((await readFile(at("full.checkpoint"), "utf8")).split("\n").slice(0, 3)).toEqual([ORIGIN, "19", root]);
    expect(text).toContain(`Origin${ORIGIN}Size19 eventsRoot (base64)${root}`);
    expect(text).toContain(`Log key${LOG} (key ID ${idOf(vkey).keyId}): signature verified`);
    expect(text).toContain(`witness.example.org/w1${idOf(w1).keyId}${await cosignedAt(at("full.cosigned"), "witness.example.org/w1")}`);
    expect(text).toContain("Quorum1 of the 1 witnesses given required; 1 cosigned: met");
    expect(html).toContain('<p class="verdict good">Matches. The Merkle root of the first 19 events of stream <span class="mono">tenfold-campaign-c1</span>');
    expect(text).toContain(`Signed checkpoint${at("full.cosigned")}: the history matches it (size 19, 1 of 1 witnesses)`);
    expect(html).not.toContain("Not covered");
  });

  it("without witnesses, the log's signature alone; the log's key given as its file", async () => {
    const alone = await report("log-only", sealed.file, "--checkpoint", at("full.cosigned"), "--vkey", await dir.write("log.vkey", `${vkey}\n`));
    expect(alone.code).toBe(0);
    expect(textOf(alone.html)).toContain("Quorumno witnesses given: the log's signature alone");
    expect(alone.html).not.toContain("Witnesses of the policy");
  });

  it("a history cut short: the last event dropped is a problem, exit 1", async () => {
    const { code, stdout, html } = await report("cut", short.file, "--checkpoint", at("full.checkpoint"), "--vkey", vkey);
    expect(code).toBe(1);
    expect(stdout).toContain(": hash chains intact; the history does not match the checkpoint of size 19 (log signature verified)\n");
    expect(html).toContain('<p class="verdict bad">Cut short. stream <span class="mono">tenfold-campaign-c1</span> has 18 events, fewer than the 19 the checkpoint covers');
    expect(textOf(html)).toContain(`${short.file}: stream tenfold-campaign-c1 has 18 sealed events, fewer than the 19 its checkpoint (${at("full.checkpoint")}) covers: the history was cut short`);
    expect(textOf(html)).toContain(`: DOES NOT MATCH: the history was cut short`);
  });

  it("a history changed and resealed: rewritten, and the chains cannot say where", async () => {
    const other = await sealedFile(dir, "other", MINI_HISTORY.map((l, i) => (i === 2 ? l.replace("Group two", "Group 2") : l)));
    expect(rootOf(other.lines)).not.toBe(rootOf(sealed.lines));
    const { code, stdout, html } = await report("resealed", other.file, "--checkpoint", at("full.checkpoint"), "--vkey", vkey);
    expect(code).toBe(1);
    expect(stdout).toContain(": hash chains intact; the history does not match the checkpoint of size 19");
    expect(html).toContain("Rewritten. The first 19 events of stream");
    expect(html).toContain("Its hash chains do not show where (they were resealed after the change)");
    expect(textOf(html)).toContain("(their Merkle root differs): the history was rewritten");
  });

  it("a byte changed without resealing: rewritten, at the revision where the chain breaks", async () => {
    const tampered = await dir.write("tampered.ndjson", ndjson(sealed.lines.map((l, i) => (i === 2 ? l.replace("Group two", "Group twO") : l))));
    const { code, stdout, html } = await report("tampered", tampered, "--checkpoint", at("full.checkpoint"), "--vkey", vkey);
    expect(code).toBe(1);
    expect(stdout).toContain(": 1 hash-chain problem (listed in the report); the history does not match the checkpoint of size 19");
    expect(html).toContain(`Rewritten. The first 19 events of stream <span class="mono">tenfold-campaign-c1</span> have another Merkle root than the one the log signed. Its hash chain first breaks at revision 2 (${tampered}:3): look there first.`);
  });

  it("events appended since: matches, and names the events the checkpoint does not cover (a notice, exit 0)", async () => {
    const { code, stdout, html } = await report("grown", sealed.file, "--checkpoint", at("short.checkpoint"), "--vkey", vkey);
    expect(code).toBe(0);
    expect(stdout).toContain("; the history matches the checkpoint of size 18 (log signature verified)\n");
    expect(html).toContain('<p class="verdict good">Matches.');
    expect(html).toContain(`<p class="verdict warn">Not covered: revision 18 and those after it (from ${sealed.file}:19) are past the checkpoint's size.`);
    expect(textOf(html)).toContain(`Size18 eventsRoot (base64)${rootOf(sealed.lines.slice(0, -1))}`);
    expect(textOf(html)).toContain("; later events not covered");
  });

  it("another log's key: the report is written, the checkpoint shown as not trusted, exit 1", async () => {
    const stranger = (await runCli("keygen", "--name", LOG, "--out", at("stranger.key"))).stdout.trim();
    const { code, stdout, stderr, html } = await report("stranger", sealed.file, "--checkpoint", at("full.checkpoint"), "--vkey", stranger);
    expect({ code, stderr }).toEqual({ code: 1, stderr: "" });
    expect(stdout).toContain(`: hash chains intact; the checkpoint is not trusted: no signature by a known key (signed by ${LOG})\n`);
    expect(html).toContain(`<p class="verdict bad">Not trusted: no signature by a known key (signed by ${LOG}). The history was not compared with it`);
    expect(html).toContain('<dd class="failed">');
    const text = textOf(html);
    expect(text).toContain(`${at("full.checkpoint")}: NOT TRUSTED`);
    // What it states is still shown, as unverified; the key given is named, not said to verify.
    expect(text).toContain(`Origin${ORIGIN}Size19 eventsRoot (base64)${rootOf(sealed.lines)}`);
    expect(text).toContain(`Log key${LOG} (key ID ${idOf(stranger).keyId}): no valid signature by this keyQuorum`);
  });

  it("a quorum not met: the cosigner and the witness that did not cosign, exit 1", async () => {
    const { code, stdout, html } = await report("quorum", sealed.file, "--checkpoint", at("full.cosigned"), "--vkey", vkey, "--witness", w1, "--witness", w2);
    expect(code).toBe(1);
    expect(stdout).toContain("; the checkpoint is not trusted: 1 of the witnesses cosigned it, and the policy needs 2\n");
    const text = textOf(html);
    expect(text).toContain("Not trusted: 1 of the witnesses cosigned it, and the policy needs 2.");
    expect(text).toContain(`Log key${LOG} (key ID ${idOf(vkey).keyId}): signature verifiedQuorum2 of the 2 witnesses given required; 1 cosigned: not met`);
    expect(text).toContain(`witness.example.org/w1${idOf(w1).keyId}${await cosignedAt(at("full.cosigned"), "witness.example.org/w1")}`);
    expect(text).toContain(`witness.example.org/w2${idOf(w2).keyId}no valid cosignature`);
    // One witness of two is enough with --quorum 1.
    expect((await report("quorum-1", sealed.file, "--checkpoint", at("full.cosigned"), "--vkey", vkey, "--witness", w1, "--witness", w2, "--quorum", "1")).code).toBe(0);
  });

  it("reads a store's campaign against a checkpoint signed from the store", async () => {
    const store = createMemoryEventStore();
    await runXiningDemo(store)();
    const { openStore } = memoryOpener({ office: store });
    expect((await runCliWith({ openStore }, "checkpoint", "--store", "esdb://office", "--key", at("log.key"), "--out", at("xining.checkpoint"))).code).toBe(0);
    const out = at("store.html");
    const ran = await runCliWith({ openStore }, "report", "--store", "esdb://office", "--checkpoint", at("xining.checkpoint"), "--vkey", vkey, "--out", out);
    expect(ran.stdout).toContain("hash chains intact; the history matches the checkpoint of size 403 (log signature verified)");
    expect(textOf(await readFile(out, "utf8"))).toContain(`Origin${LOG}/tenfold-campaign-xining-2013Size403 events`);
  });

  it("escapes what the checkpoint and the keys say", async () => {
    const odd = 'a<b>&"c\'.example/log';
    const oddVkey = (await runCli("keygen", "--name", odd, "--out", at("odd.key"))).stdout.trim();
    expect((await runCli("checkpoint", "--input", sealed.file, "--key", at("odd.key"), "--out", at("odd.checkpoint"))).code).toBe(0);
    const { code, html } = await report("odd", sealed.file, "--checkpoint", at("odd.checkpoint"), "--vkey", oddVkey);
    expect(code).toBe(0);
    expect(html).toContain("a&lt;b&gt;&amp;&quot;c&#39;.example/log/tenfold-campaign-c1");
    expect(html).not.toContain("a<b>");
  });
});

describe("tenfold report --checkpoint: what it refuses", () => {
  const refused = async (...more: ReadonlyArray<string>) => {
    const ran = await report("refused", sealed.file, ...more);
    expect(ran.html).toBe(""); // nothing is written
    return { code: ran.code, stdout: ran.stdout, stderr: ran.stderr };
  };
  const usage = (message: string) => ({ code: 2, stdout: "", stderr: `tenfold report: ${message}\nRun "tenfold report --help" for usage.\n` });

  it("flags without --checkpoint, --checkpoint without --vkey, a quorum larger than the witnesses, a witness's key as the log's: exit 2", async () => {
    expect(await refused("--vkey", vkey)).toEqual(usage("--vkey goes with --checkpoint FILE"));
    expect(await refused("--witness", w1)).toEqual(usage("--witness goes with --checkpoint FILE"));
    expect(await refused("--checkpoint", at("full.checkpoint"))).toEqual(usage("--checkpoint needs --vkey KEY (the log's verifier key)"));
    expect(await refused("--checkpoint", at("full.cosigned"), "--vkey", vkey, "--witness", w1, "--quorum", "2")).toEqual(usage("--quorum must be a whole number from 0 to 1 (the --witness keys given), got 2"));
    expect(await refused("--checkpoint", at("full.checkpoint"), "--vkey", w1)).toEqual(usage(`--vkey ${w1} is a witness's key; give the log's`));
  });

  it("a checkpoint file that cannot be read (exit 2) or is not a checkpoint (FILE:LINE, exit 1), without a stack trace", async () => {
    expect(await refused("--checkpoint", at("missing.checkpoint"), "--vkey", vkey)).toEqual({ code: 2, stdout: "", stderr: `tenfold: cannot read ${at("missing.checkpoint")}: no such file\n` });
    const lines = (await readFile(at("full.checkpoint"), "utf8")).split("\n");
    const bad = await dir.write("bad.checkpoint", [lines[0], "nineteen", ...lines.slice(2)].join("\n"));
    const ran = await refused("--checkpoint", bad, "--vkey", vkey);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2: [^\\n]+\\n$`));
    expect(ran.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
