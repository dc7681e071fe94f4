import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { noMetadata } from "@tenfold/core";
import { hashEnvelope } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, xiningExport } from "./testing-support/audit.js";
import { ndjson, tempDir } from "./testing-support/harness.js";

// docs/audit.md's verifier, written without Tenfold: it must agree with tenfold verify and tenfold heads.
const SCRIPT = fileURLToPath(new URL("../../../scripts/verify-chain.mjs", import.meta.url));
const AUDIT_MD = fileURLToPath(new URL("../../../docs/audit.md", import.meta.url));
const independent = (file: string): { status: number | null; stdout: string } => {
  const { status, stdout } = spawnSync(process.execPath, [SCRIPT, file], { encoding: "utf8", timeout: 20_000 });
  return { status, stdout };
};

let dir: Awaited<ReturnType<typeof tempDir>>;
let xining: string;
beforeAll(async () => {
  dir = await tempDir();
  xining = await xiningExport(dir);
});
afterAll(async () => {
  await dir.remove();
});

describe("scripts/verify-chain.mjs, the independent verifier of docs/audit.md", () => {
  it("verifies an export and prints the heads tenfold heads prints", async () => {
    const { status, stdout } = independent(xining);
    expect(status).toBe(0);
    const { streamId, revision, hash } = JSON.parse((await runCli("heads", "--input", xining)).stdout) as { streamId: string; revision: number; hash: string };
    expect(stdout).toBe(`head ${streamId} ${revision} ${hash}\n403 lines, every chain verifies\n`);
  });

  it("names a tampered line, as tenfold verify does", async () => {
    const lines = (await readFile(xining, "utf8")).trimEnd().split("\n");
    const at = lines.findIndex((l) => l.includes('"peopleMet":'));
    const file = await dir.write("tampered.ndjson", ndjson(lines.map((l, i) => (i === at ? l.replace(/"peopleMet":\d+/, '"peopleMet":1000') : l))));
    const { status, stdout } = independent(file);
    expect(status).toBe(1);
    expect(stdout).toContain(`${file}:${at + 1}: stream tenfold-campaign-xining-2013 revision ${at} does not verify\n`);
    expect((await runCli("verify", "--input", file)).stdout).toContain(`${file}:${at + 1}: tampered: stream "tenfold-campaign-xining-2013" revision ${at}`);
  });

  it("is the verifier docs/audit.md shows, and the page's worked example holds", async () => {
    const script = await readFile(SCRIPT, "utf8");
    const body = script.slice(script.indexOf("import { createHash }"));
    const doc = await readFile(AUDIT_MD, "utf8");
    expect(doc).toContain(body.trimEnd());
    const example = {
      type: "GroupFormed",
      data: { campaignId: "c1", groupId: "g1", name: "Group one", formedOn: "2013-03-02" },
      schemaVersion: 1,
      eventId: "00000000-0000-4000-8000-000000000002",
      streamId: "tenfold-campaign-c1",
      streamRevision: 0,
      recordedAt: "2013-03-02T08:00:00.000Z",
      metadata: noMetadata,
    };
    expect(doc).toContain(`its \`hash\` is \`${hashEnvelope(nodeSha256, "0".repeat(64), example)}\``);
  });
});
