import { readFile } from "node:fs/promises";
import { cosignersOf, parseSignerKey, parseVerifierKey } from "@tenfold/core/audit";
import { nodeEd25519, nodeSha256Digest } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WITNESS_HELP } from "./helpSignedLog.js";
import { runCli, sealedFile } from "./testing-support/audit.js";
import { MINI_HISTORY, tempDir } from "./testing-support/harness.js";
import { type RunningWitness, startWitnessServer } from "./witnessServer.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
let witness: RunningWitness;
let witnessVkey: string;
const bodies: Record<string, string> = {};
const at = (name: string): string => `${dir.path}/${name}`;
const must = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(JSON.stringify(e.left));
  return e.right;
};

beforeAll(async () => {
  dir = await tempDir();
  const logVkey = (await runCli("keygen", "--name", "xining.example.gov.cn/tenfold", "--out", at("log.key"))).stdout.trim();
  witnessVkey = (await runCli("keygen", "--name", "witness.example.org/w1", "--witness", "--out", at("w1.key"))).stdout.trim();
  const half = (await sealedFile(dir, "half", MINI_HISTORY.slice(0, 9))).file;
  const full = (await sealedFile(dir, "full", MINI_HISTORY)).file;
  const fork = (await sealedFile(dir, "fork", MINI_HISTORY.map((l, i) => (i === 12 ? l.replace("Leaking roof", "Leaking roofs") : l)))).file;
  for (const [file, name] of [[half, "half"], [full, "full"], [fork, "fork"]] as const) await runCli("checkpoint", "--input", file, "--key", at("log.key"), "--out", at(`${name}.checkpoint`));
  bodies["first"] = `old 0\n\n${await readFile(at("half.checkpoint"), "utf8")}`;
  bodies["full"] = (await runCli("consistency", "--input", full, "--old", at("half.checkpoint"), "--new", at("full.checkpoint"))).stdout;
  bodies["fork"] = (await runCli("consistency", "--input", fork, "--old", at("half.checkpoint"), "--new", at("fork.checkpoint"))).stdout;
  const key = must(parseSignerKey({ sha256: nodeSha256Digest, ed25519: nodeEd25519 }, (await readFile(at("w1.key"), "utf8")).trim()));
  witness = await startWitnessServer(key, must(parseVerifierKey(nodeSha256Digest, logVkey)), at("state"), { port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await witness.close();
  await dir.remove();
});

const post = async (body: string, path = "/add-checkpoint", method = "POST") => {
  const res = await fetch(`${witness.url}${path}`, { method, ...(method === "POST" ? { body } : {}) });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
};

describe("tenfold witness: POST /add-checkpoint", () => {
  it("cosigns a first checkpoint from size 0; asked again from 0 answers 409 with the size it holds", async () => {
    const first = await post(bodies["first"] ?? "");
    expect(first.status).toBe(200);
    const note = `${await readFile(at("half.checkpoint"), "utf8")}${first.text}`;
    expect(must(cosignersOf(nodeEd25519, note, [must(parseVerifierKey(nodeSha256Digest, witnessVkey))])).length).toBe(1);
    expect(await post(bodies["first"] ?? "")).toEqual({ status: 409, type: "text/x.tlog.size", text: "9\n" });
  });

  it("under 50 concurrent requests from two forks, cosigns exactly one, and keeps that one's root", async () => {
    const requests = Array.from({ length: 50 }, (_, i) => post((i % 2 === 0 ? bodies["full"] : bodies["fork"]) ?? ""));
    const answers = await Promise.all(requests);
    const cosigned = answers.flatMap((a, i) => (a.status === 200 ? [i] : []));
    expect(cosigned.length).toBe(1);
    expect(answers.filter((a) => a.status === 409).length).toBe(49);
    const winner = (cosigned[0] ?? 0) % 2 === 0 ? "full" : "fork";
    const state = JSON.parse(await readFile(`${at("state")}/${encodeURIComponent("xining.example.gov.cn/tenfold/tenfold-campaign-c1")}.json`, "utf8")) as { size: number; root: string };
    expect(state.size).toBe(MINI_HISTORY.length);
    expect((await readFile(at(`${winner}.checkpoint`), "utf8")).split("\n")[2]).toBe(state.root);
    const other = winner === "full" ? "fork" : "full";
    const fromHeld = `old ${MINI_HISTORY.length}\n\n${await readFile(at(`${other}.checkpoint`), "utf8")}`;
    expect((await post(fromHeld)).status).toBe(409); // another root at the size held: a fork
  });

  it("answers 404 for another path or origin, 405 for another method, 403 for another log, 413 for too large a body, 400 for a malformed one", async () => {
    expect((await post("", "/other")).status).toBe(404);
    expect((await post("", "/add-checkpoint", "GET")).status).toBe(405);
    expect((await post("x".repeat(70 * 1024))).status).toBe(413);
    expect((await post("old x\n\n")).status).toBe(400);
    const strangerKey = (await runCli("keygen", "--name", "xining.example.gov.cn/tenfold", "--out", at("stranger.key"))).stdout;
    expect(strangerKey).not.toBe("");
    await runCli("checkpoint", "--input", at("half.ndjson"), "--key", at("stranger.key"), "--out", at("stranger.checkpoint"));
    expect((await post(`old 0\n\n${await readFile(at("stranger.checkpoint"), "utf8")}`)).status).toBe(403);
    const elsewhere = (await readFile(at("half.checkpoint"), "utf8")).replace("xining.example.gov.cn/tenfold/", "elsewhere.example/log/");
    expect((await post(`old 0\n\n${elsewhere}`)).status).toBe(404);
  });

  it("the command checks its flags and has its help", async () => {
    expect(await runCli("witness", "--help")).toEqual({ code: 0, stdout: WITNESS_HELP, stderr: "" });
    expect((await runCli("witness", "--key", at("w1.key"), "--log-vkey", witnessVkey, "--state", at("s"), "--listen", "0")).stderr).toContain("is a witness's key; give the log's");
    expect((await runCli("witness", "--key", at("w1.key"), "--log-vkey", "x", "--state", at("s"), "--listen", "70000")).stderr).toContain("--listen: expected a port from 0 to 65535, got 70000");
  });
});
