import { spawnSync } from "node:child_process";
import { readFile, stat, writeFile } from "node:fs/promises";
import {
  eventLeafHash,
  merkleRoot,
  openCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  sealedEnvelopeOf,
  type SealedEnvelope,
  verifierOf,
} from "@tenfold/core/audit";
import { nodeEd25519, nodeSha256Digest } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKPOINT_HELP, KEYGEN_HELP } from "./helpSignedLog.js";
import { MAIN_HELP } from "./help.js";
import { runCli, sealedFile } from "./testing-support/audit.js";
import { MINI_HISTORY, tempDir } from "./testing-support/harness.js";

const PLATFORM = { sha256: nodeSha256Digest, ed25519: nodeEd25519 };
let dir: Awaited<ReturnType<typeof tempDir>>;
let sealed: { readonly file: string; readonly lines: ReadonlyArray<string> };

beforeAll(async () => {
  dir = await tempDir();
  sealed = await sealedFile(dir, "mini", MINI_HISTORY);
});
afterAll(() => dir.remove());

const keygen = async (name: string, file: string, ...more: string[]) => runCli("keygen", "--name", name, "--out", `${dir.path}/${file}`, ...more);

describe("tenfold keygen", () => {
  it("writes the signer key to a file of mode 0600, prints only the verifier key, and the two belong together", async () => {
    const ran = await keygen("xining.example.gov.cn/tenfold", "log.key");
    expect(ran.code).toBe(0);
    expect(ran.stdout).not.toContain("PRIVATE");
    const vkey = parseVerifierKey(nodeSha256Digest, ran.stdout.trim());
    const skey = parseSignerKey(PLATFORM, (await readFile(`${dir.path}/log.key`, "utf8")).trim());
    expect(E.isRight(vkey) && E.isRight(skey) && verifierOf(skey.right)).toEqual(E.isRight(vkey) && vkey.right);
    expect(E.isRight(vkey) && vkey.right.type).toBe("ed25519");
    expect((await stat(`${dir.path}/log.key`)).mode & 0o777).toBe(0o600);
  });

  it("--witness makes a cosigner key (type 0x04)", async () => {
    const ran = await keygen("witness.example.org/w1", "w1.key", "--witness");
    const vkey = parseVerifierKey(nodeSha256Digest, ran.stdout.trim());
    expect(E.isRight(vkey) && vkey.right.type).toBe("cosignature");
  });

  it("never overwrites a key file, and refuses a bad name or a missing --out as usage errors", async () => {
    await writeFile(`${dir.path}/taken.key`, "kept\n");
    expect(await keygen("a.example/log", "taken.key")).toEqual({ code: 1, stdout: "", stderr: `${dir.path}/taken.key exists: a signer key is never overwritten; give another --out, or remove it first\n` });
    expect(await readFile(`${dir.path}/taken.key`, "utf8")).toBe("kept\n");
    const badName = await keygen("a name", "bad.key");
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('--name: the key name "a name" holds a space or a plus');
    expect((await runCli("keygen", "--name", "a.example/log")).code).toBe(2);
  });

  it("has its help, listed in tenfold --help", async () => {
    expect(await runCli("keygen", "--help")).toEqual({ code: 0, stdout: KEYGEN_HELP, stderr: "" });
    expect(await runCli("checkpoint", "--help")).toEqual({ code: 0, stdout: CHECKPOINT_HELP, stderr: "" });
    expect(MAIN_HELP).toMatch(/^ {2}keygen /m);
    expect(MAIN_HELP).toMatch(/^ {2}checkpoint /m);
  });
});

describe("tenfold checkpoint", () => {
  it("signs the stream's size and the Merkle root of its sealed events, under origin KEYNAME/STREAMID", async () => {
    const vkey = (await keygen("xining.example.gov.cn/tenfold", "cp.key")).stdout.trim();
    const ran = await runCli("checkpoint", "--input", sealed.file, "--key", `${dir.path}/cp.key`);
    expect(ran.code).toBe(0);
    const events = sealed.lines.map((l) => sealedEnvelopeOf(JSON.parse(l))).flatMap((e): SealedEnvelope[] => (E.isRight(e) && e.right !== null ? [e.right] : []));
    const streamId = events[0]?.streamId ?? "";
    const key = parseVerifierKey(nodeSha256Digest, vkey);
    if (E.isLeft(key)) throw new Error("bad vkey");
    const opened = openCheckpoint(nodeEd25519, ran.stdout, key.right, `xining.example.gov.cn/tenfold/${streamId}`);
    expect(E.isRight(opened) && opened.right.checkpoint.size).toBe(events.length);
    expect(E.isRight(opened) && Buffer.from(opened.right.checkpoint.root).toString("hex")).toBe(Buffer.from(merkleRoot(nodeSha256Digest, events.map((e) => eventLeafHash(nodeSha256Digest, e)))).toString("hex"));
  });

  it("writes it to --out, and signs nothing over a broken chain or with a witness key", async () => {
    await keygen("xining.example.gov.cn/tenfold", "cp2.key");
    const out = `${dir.path}/mini.checkpoint`;
    expect(await runCli("checkpoint", "--input", sealed.file, "--key", `${dir.path}/cp2.key`, "--out", out)).toEqual({ code: 0, stdout: `Wrote the checkpoint to ${out}\n`, stderr: "" });
    expect((await readFile(out, "utf8")).split("\n")[1]).toBe(String(sealed.lines.length));

    const tampered = await dir.write("tampered.ndjson", `${sealed.lines.map((l, i) => (i === 2 ? l.replace('"name":"', '"name":"X') : l)).join("\n")}\n`);
    const broken = await runCli("checkpoint", "--input", tampered, "--key", `${dir.path}/cp2.key`);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`${tampered}:3:`);
    expect(broken.stderr).toContain("No checkpoint: the hash chains");

    await keygen("witness.example.org/w2", "w2.key", "--witness");
    const witness = await runCli("checkpoint", "--input", sealed.file, "--key", `${dir.path}/w2.key`);
    expect(witness.code).toBe(2);
    expect(witness.stderr).toContain("is a witness's cosigner key");
  });

  it("names a malformed key file without quoting it, and an unreadable one", async () => {
    const bad = await dir.write("bad.key", "PRIVATE+KEY+a.example/log+00000000+AQIDBA==\n");
    const ran = await runCli("checkpoint", "--input", sealed.file, "--key", bad);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(`--key ${bad}: malformed key: an Ed25519 key is 32 bytes, this one 3`);
    expect(ran.stderr).not.toContain("AQIDBA");
    expect((await runCli("checkpoint", "--input", sealed.file, "--key", `${dir.path}/nope.key`)).code).toBe(2);
  });
});

describe("tenfold verify --checkpoint", () => {
  const verify = (file: string, ...more: string[]) => runCli("verify", "--input", file, ...more);
  let vkey: string;
  let checkpoint: string;

  beforeAll(async () => {
    vkey = (await keygen("xining.example.gov.cn/tenfold", "verify.key")).stdout.trim();
    checkpoint = `${dir.path}/mini-verify.checkpoint`;
    const ran = await runCli("checkpoint", "--input", sealed.file, "--key", `${dir.path}/verify.key`, "--out", checkpoint);
    if (ran.code !== 0) throw new Error(ran.stderr);
  });

  it("accepts the history the checkpoint was signed over, the log's key given as text or as its file", async () => {
    const ran = await verify(sealed.file, "--checkpoint", checkpoint, "--vkey", vkey);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(`; the history matches the checkpoint of size ${sealed.lines.length} (log signature verified)\n`);
    const vkeyFile = await dir.write("verify.vkey", `${vkey}\n`);
    expect((await verify(sealed.file, "--checkpoint", checkpoint, "--vkey", vkeyFile, "--chains-only")).code).toBe(0);
  });

  it("reports a history cut short, rewritten, or swapped; and names the events it does not cover", async () => {
    const short = await sealedFile(dir, "short", MINI_HISTORY.slice(0, -1));
    const cut = await verify(short.file, "--checkpoint", checkpoint, "--vkey", vkey);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain(`has ${MINI_HISTORY.length - 1} sealed events, fewer than the ${MINI_HISTORY.length} its checkpoint (${checkpoint}) covers: the history was cut short`);

    const other = await sealedFile(dir, "other", MINI_HISTORY.map((l, i) => (i === 2 ? l.replace("Group two", "Group 2") : l)));
    const rewritten = await verify(other.file, "--checkpoint", checkpoint, "--vkey", vkey);
    expect(rewritten.code).toBe(1);
    expect(rewritten.stdout).toContain(`the first ${MINI_HISTORY.length} events of stream tenfold-campaign-c1 are not those its checkpoint (${checkpoint}) covers (their Merkle root differs): the history was rewritten`);

    const swapped = await dir.write("swapped.ndjson", `${[sealed.lines[0], sealed.lines[2], sealed.lines[1], ...sealed.lines.slice(3)].join("\n")}\n`);
    const reordered = await verify(swapped, "--checkpoint", checkpoint, "--vkey", vkey, "--chains-only");
    expect(reordered.code).toBe(1);
    expect(reordered.stdout).toContain("the history was rewritten");

    const shortCheckpoint = `${dir.path}/short.checkpoint`;
    await runCli("checkpoint", "--input", short.file, "--key", `${dir.path}/verify.key`, "--out", shortCheckpoint);
    const grown = await verify(sealed.file, "--checkpoint", shortCheckpoint, "--vkey", vkey);
    expect(grown.code).toBe(0);
    expect(grown.stdout).toContain(`${sealed.file}:${MINI_HISTORY.length}: revision ${MINI_HISTORY.length - 1} of stream tenfold-campaign-c1 and those after it are not covered by the checkpoint (size ${MINI_HISTORY.length - 1})`);
  });

  it("applies the policy: another log's key, too few witnesses, a key of the wrong kind, flags without --checkpoint", async () => {
    const stranger = (await keygen("elsewhere.example/log", "stranger.key")).stdout.trim();
    const notLogs = await verify(sealed.file, "--checkpoint", checkpoint, "--vkey", stranger);
    expect(notLogs.code).toBe(1);
    expect(notLogs.stderr).toContain(`${checkpoint}: the checkpoint is not trusted: no signature by a known key (signed by xining.example.gov.cn/tenfold)`);

    const witness = (await keygen("witness.example.org/w9", "w9.key", "--witness")).stdout.trim();
    const lonely = await verify(sealed.file, "--checkpoint", checkpoint, "--vkey", vkey, "--witness", witness);
    expect(lonely.code).toBe(1);
    expect(lonely.stderr).toContain("the checkpoint is not trusted: 0 of the witnesses cosigned it, and the policy needs 1");
    expect((await verify(sealed.file, "--checkpoint", checkpoint, "--vkey", vkey, "--witness", witness, "--quorum", "0")).code).toBe(0);
    expect((await verify(sealed.file, "--checkpoint", checkpoint, "--vkey", vkey, "--witness", witness, "--quorum", "2")).code).toBe(2);
    expect((await verify(sealed.file, "--checkpoint", checkpoint, "--vkey", witness)).code).toBe(2);
    expect((await verify(sealed.file, "--vkey", vkey)).stderr).toContain("--vkey goes with --checkpoint FILE");
    expect((await verify(sealed.file, "--checkpoint", checkpoint)).stderr).toContain("--checkpoint needs --vkey KEY");
  });
});

describe("tenfold prove and verify-proof", () => {
  let vkey: string;
  let checkpoint: string;
  beforeAll(async () => {
    vkey = (await keygen("xining.example.gov.cn/tenfold", "prove.key")).stdout.trim();
    checkpoint = `${dir.path}/prove.checkpoint`;
    await runCli("checkpoint", "--input", sealed.file, "--key", `${dir.path}/prove.key`, "--out", checkpoint);
  });

  it("proves any event by revision or id, and the proof checks that one exported line offline", async () => {
    for (const revision of [0, 7, sealed.lines.length - 1]) {
      const proof = `${dir.path}/e${revision}.tlog-proof`;
      expect((await runCli("prove", "--input", sealed.file, "--revision", String(revision), "--checkpoint", checkpoint, "--out", proof)).code).toBe(0);
      expect((await readFile(proof, "utf8")).split("\n").slice(0, 2)).toEqual(["c2sp.org/tlog-proof@v1", `index ${revision}`]);
      const event = await dir.write(`e${revision}.ndjson`, `${sealed.lines[revision] ?? ""}\n`);
      const checked = await runCli("verify-proof", "--proof", proof, "--event", event, "--vkey", vkey);
      expect(checked).toEqual({ code: 0, stdout: `${event}: revision ${revision} of stream tenfold-campaign-c1 is in the log: leaf ${revision} of the checkpoint of size ${sealed.lines.length} (log signature verified)\n`, stderr: "" });
    }
    const eventId = (JSON.parse(sealed.lines[4] ?? "{}") as { eventId: string }).eventId;
    const byId = await runCli("prove", "--input", sealed.file, "--event-id", eventId, "--checkpoint", checkpoint);
    expect(byId.stdout.split("\n")[1]).toBe("index 4");
  });

  it("a proof does not hold for a changed event, another event, or under another log's key", async () => {
    const proof = `${dir.path}/p3.tlog-proof`;
    await runCli("prove", "--input", sealed.file, "--revision", "3", "--checkpoint", checkpoint, "--out", proof);
    const changed = await dir.write("changed.ndjson", `${(sealed.lines[3] ?? "").replace('"groupId":"g1"', '"groupId":"g2"')}\n`);
    const refused = await runCli("verify-proof", "--proof", proof, "--event", changed, "--vkey", vkey);
    expect(refused).toEqual({ code: 1, stdout: "", stderr: `${proof}: the proof leads to a different root\n` });
    // A personal value is outside the seal, committed to: an included value that was changed does not open its commitment.
    const included = `${dir.path}/mini-included.ndjson`;
    expect((await runCli("export", "--input", `${dir.path}/mini.raw.ndjson`, "--personal", "include", "--out", included)).code).toBe(0);
    const withValue = (await readFile(included, "utf8")).split("\n")[3] ?? "";
    expect(withValue).toContain('"name":"Leader"');
    expect((await runCli("verify-proof", "--proof", proof, "--event", await dir.write("with-value.ndjson", `${withValue}\n`), "--vkey", vkey)).code).toBe(0);
    const edited = await dir.write("edited.ndjson", `${withValue.replace('"name":"Leader"', '"name":"Someone else"')}\n`);
    expect(await runCli("verify-proof", "--proof", proof, "--event", edited, "--vkey", vkey)).toEqual({
      code: 1,
      stdout: "",
      stderr: `${edited}:1: personal.name.commitment: the salt and the value given do not open the commitment\n`,
    });
    const other = await dir.write("other.ndjson", `${sealed.lines[5] ?? ""}\n`);
    expect((await runCli("verify-proof", "--proof", proof, "--event", other, "--vkey", vkey)).stderr).toBe(`${proof}: the proof is of index 3, the event is revision 5 of tenfold-campaign-c1\n`);
    const stranger = (await keygen("xining.example.gov.cn/tenfold", "prove-stranger.key")).stdout.trim();
    expect((await runCli("verify-proof", "--proof", proof, "--event", other, "--vkey", stranger)).stderr).toContain("its checkpoint: no signature by a known key");
  });

  it("proves nothing the checkpoint does not cover, nor over a history that does not match it", async () => {
    expect((await runCli("prove", "--input", sealed.file, "--revision", String(sealed.lines.length), "--checkpoint", checkpoint)).stderr).toContain(`revision ${sealed.lines.length} of stream tenfold-campaign-c1 is not covered by the checkpoint`);
    const short = await sealedFile(dir, "prove-short", MINI_HISTORY.slice(0, -1));
    const shortCheckpoint = `${dir.path}/prove-short.checkpoint`;
    await runCli("checkpoint", "--input", short.file, "--key", `${dir.path}/prove.key`, "--out", shortCheckpoint);
    expect((await runCli("prove", "--input", sealed.file, "--revision", String(sealed.lines.length - 1), "--checkpoint", shortCheckpoint)).stderr).toContain(
      `is not covered by the checkpoint (size ${sealed.lines.length - 1}): sign a newer checkpoint first`,
    );
    const other = await sealedFile(dir, "prove-other", MINI_HISTORY.map((l, i) => (i === 2 ? l.replace("Group two", "Group 2") : l)));
    expect((await runCli("prove", "--input", other.file, "--revision", "1", "--checkpoint", checkpoint)).stderr).toContain("are not those the checkpoint covers: no proof can hold");
    expect((await runCli("prove", "--input", sealed.file, "--checkpoint", checkpoint)).code).toBe(2);
    expect((await runCli("prove", "--input", sealed.file, "--revision", "-1", "--checkpoint", checkpoint)).code).toBe(2);
  });
});

describe("scripts/verify-checkpoint.mjs, the independent check of a checkpoint", () => {
  const SCRIPT = new URL("../../../scripts/verify-checkpoint.mjs", import.meta.url).pathname;
  const independent = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8", timeout: 20_000 });

  it("agrees with tenfold checkpoint, and refuses a rewritten export or another log's key", async () => {
    const vkey = (await keygen("xining.example.gov.cn/tenfold", "independent.key")).stdout.trim();
    const checkpoint = `${dir.path}/independent.checkpoint`;
    await runCli("checkpoint", "--input", sealed.file, "--key", `${dir.path}/independent.key`, "--out", checkpoint);
    const ok = independent(sealed.file, checkpoint, vkey);
    expect({ status: ok.status, stdout: ok.stdout }).toEqual({ status: 0, stdout: `${checkpoint}: signed by xining.example.gov.cn/tenfold; the first ${sealed.lines.length} events of tenfold-campaign-c1 match its root\n` });
    const other = await sealedFile(dir, "independent-other", MINI_HISTORY.map((l, i) => (i === 2 ? l.replace("Group two", "Group 2") : l)));
    expect(independent(other.file, checkpoint, vkey).status).toBe(1);
    const stranger = (await keygen("xining.example.gov.cn/tenfold", "independent-stranger.key")).stdout.trim();
    expect(independent(sealed.file, checkpoint, stranger).stdout).toContain("not signed by");
  });
});
