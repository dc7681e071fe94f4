import { readFile } from "node:fs/promises";
import { cosignersOf, openCheckpoint, parseVerifierKey } from "@tenfold/core/audit";
import { nodeEd25519, nodeSha256Digest } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COSIGN_HELP, CONSISTENCY_HELP } from "./helpSignedLog.js";
import { runCli, sealedFile } from "./testing-support/audit.js";
import { MINI_HISTORY, tempDir } from "./testing-support/harness.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
let full: string;
let half: string;
let logVkey: string;
let witnessVkey: string;
const at = (name: string): string => `${dir.path}/${name}`;
const key = (text: string) => {
  const parsed = parseVerifierKey(nodeSha256Digest, text);
  if (E.isLeft(parsed)) throw new Error("bad key");
  return parsed.right;
};

beforeAll(async () => {
  dir = await tempDir();
  full = (await sealedFile(dir, "full", MINI_HISTORY)).file;
  half = (await sealedFile(dir, "half", MINI_HISTORY.slice(0, 9))).file;
  logVkey = (await runCli("keygen", "--name", "xining.example.gov.cn/tenfold", "--out", at("log.key"))).stdout.trim();
  witnessVkey = (await runCli("keygen", "--name", "witness.example.org/w1", "--witness", "--out", at("w1.key"))).stdout.trim();
  for (const [file, name] of [[half, "half.checkpoint"], [full, "full.checkpoint"]] as const) {
    const ran = await runCli("checkpoint", "--input", file, "--key", at("log.key"), "--out", at(name));
    if (ran.code !== 0) throw new Error(ran.stderr);
  }
});
afterAll(() => dir.remove());

const cosign = (proof: string, state = "state", ...more: string[]) => runCli("cosign", "--key", at("w1.key"), "--log-vkey", logVkey, "--state", at(state), "--proof", proof, ...more);

describe("tenfold consistency and tenfold cosign", () => {
  it("a witness cosigns the first checkpoint from size 0, then the next with the proof from it; the cosignature verifies", async () => {
    const first = await runCli("consistency", "--input", half, "--old", at("half.checkpoint"), "--new", at("half.checkpoint"), "--out", at("same.txt"));
    expect(first.code).toBe(0);
    // A witness that holds nothing is asked with old 0 and no proof hashes.
    const fresh = await dir.write("fresh.txt", `old 0\n\n${await readFile(at("half.checkpoint"), "utf8")}`);
    const cosignedHalf = await cosign(fresh, "state", "--out", at("half.cosigned"));
    expect(cosignedHalf).toEqual({ code: 0, stdout: `Wrote the cosigned checkpoint to ${at("half.cosigned")}\n`, stderr: "" });

    expect((await runCli("consistency", "--input", full, "--old", at("half.checkpoint"), "--new", at("full.checkpoint"), "--out", at("grow.txt"))).code).toBe(0);
    expect((await readFile(at("grow.txt"), "utf8")).split("\n")[0]).toBe("old 9");
    const cosigned = await cosign(at("grow.txt"));
    expect(cosigned.code).toBe(0);
    expect(E.isRight(openCheckpoint(nodeEd25519, cosigned.stdout, key(logVkey)))).toBe(true);
    const witnesses = cosignersOf(nodeEd25519, cosigned.stdout, [key(witnessVkey)]);
    expect(E.isRight(witnesses) && witnesses.right.map((c) => c.witness.name)).toEqual(["witness.example.org/w1"]);
    // verify --checkpoint takes the witness into its policy.
    await dir.write("full.cosigned", cosigned.stdout);
    const verified = await runCli("verify", "--input", full, "--checkpoint", at("full.cosigned"), "--vkey", logVkey, "--witness", witnessVkey);
    expect(verified.stdout).toContain("(log signature verified, 1 of 1 witnesses)");
  });

  it("refuses a request from a size it does not hold (naming its size), and never goes back", async () => {
    const again = await cosign(at("fresh.txt"));
    expect(again).toEqual({ code: 1, stdout: "", stderr: `${at("fresh.txt")}: refused (409): the proof is from a size this witness does not hold: it holds size ${MINI_HISTORY.length} (make the proof from that checkpoint)\n` });
  });

  it("refuses a fork: another history's checkpoint at the size it holds", async () => {
    const other = (await sealedFile(dir, "other", MINI_HISTORY.map((l, i) => (i === 12 ? l.replace("Leaking roof", "Leaking roofs") : l)))).file;
    await runCli("checkpoint", "--input", other, "--key", at("log.key"), "--out", at("other.checkpoint"));
    const forkBody = await dir.write("fork.txt", `old ${MINI_HISTORY.length}\n\n${await readFile(at("other.checkpoint"), "utf8")}`);
    expect((await cosign(forkBody)).stderr).toContain(`refused (409): the checkpoint of size ${MINI_HISTORY.length} has another root than the one this witness cosigned: a fork`);
    const wrongProof = await runCli("consistency", "--input", other, "--old", at("half.checkpoint"), "--new", at("other.checkpoint"));
    expect(wrongProof.code).toBe(0); // the histories agree on the first 9 events
    const stateless = await cosign(await dir.write("fork-from-half.txt", wrongProof.stdout), "state-2");
    expect(stateless.stderr).toContain("refused (409): the proof is from a size this witness does not hold: it holds size 0");
  });

  it("refuses a log's key as the witness's, and a history that does not match a checkpoint", async () => {
    const wrong = await runCli("cosign", "--key", at("log.key"), "--log-vkey", logVkey, "--state", at("state"), "--proof", at("grow.txt"));
    expect(wrong.code).toBe(2);
    const mismatch = await runCli("consistency", "--input", half, "--old", at("half.checkpoint"), "--new", at("full.checkpoint"));
    expect(mismatch.stderr).toContain(`has 9 events of the stream, fewer than the ${MINI_HISTORY.length} of ${at("full.checkpoint")}`);
    expect((await runCli("consistency", "--input", full, "--old", at("full.checkpoint"), "--new", at("half.checkpoint"))).stderr).toContain("give the older one as --old");
  });

  it("have their help", async () => {
    expect(await runCli("consistency", "--help")).toEqual({ code: 0, stdout: CONSISTENCY_HELP, stderr: "" });
    expect(await runCli("cosign", "--help")).toEqual({ code: 0, stdout: COSIGN_HELP, stderr: "" });
  });
});
