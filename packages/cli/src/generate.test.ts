import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./testing-support/harness.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.remove();
});

describe("tenfold generate", () => {
  it("writes a valid history that verify accepts, the same for the same seed", async () => {
    const out = join(dir.path, "h.ndjson");
    const first = await runCli("generate", "--seed", "42", "--groups", "3", "--events", "400", "--out", out);
    expect(first).toMatchObject({ code: 0, stderr: `Wrote 400 events (seed 42) to ${out}\n` });
    const text = await readFile(out, "utf8");
    expect(text.trimEnd().split("\n")).toHaveLength(400);
    expect(text.split("\n")[0]).toMatch(/^\{"type":"CampaignLaunched","data":\{/);
    expect(await runCli("verify", "--input", out)).toEqual({ code: 0, stdout: "400 lines, 0 problems\n", stderr: "" });
    expect((await runCli("generate", "--seed", "42", "--groups", "3", "--events", "400")).stdout).toBe(text);
    expect((await runCli("generate", "--seed", "43", "--groups", "3", "--events", "400")).stdout).not.toBe(text);
  });

  it("checks its flags", async () => {
    expect(await runCli("generate")).toMatchObject({ code: 2, stderr: expect.stringContaining("missing --seed N") as unknown });
    expect(await runCli("generate", "--seed", "1.5")).toMatchObject({ code: 2, stderr: expect.stringContaining('--seed takes a whole number') as unknown });
    expect(await runCli("generate", "--seed", "1", "--groups", "5", "--events", "5")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--events takes a whole number from 6 to') as unknown,
    });
    expect(await runCli("generate", "--seed", "1", "--out", join(dir.path, "missing", "h.ndjson"))).toMatchObject({ code: 2 });
  });

  it("has help", async () => {
    const help = await runCli("generate", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: tenfold generate --seed N");
  });
});
