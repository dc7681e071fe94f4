import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINI_HISTORY, ndjson, tempDir } from "./testing-support/harness.js";

// The built binary (the repo's test command runs `tsc -b` first).
const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

const tenfold = (...argv: ReadonlyArray<string>): { status: number | null; stdout: string; stderr: string } => {
  const result = spawnSync(process.execPath, [MAIN, ...argv], { encoding: "utf8", timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

const STACK_FRAME = /^\s+at .+[(:]/m;

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await dir.remove();
});

describe("the tenfold binary", () => {
  it("is built", () => {
    expect(existsSync(MAIN), `${MAIN} is missing: run "npx tsc -b" first`).toBe(true);
  });

  it("verify on a bad file: exit 1, problems on stdout, no stack trace", async () => {
    const file = await dir.write("bad.ndjson", ndjson([MINI_HISTORY[0]!, "{oops", MINI_HISTORY[2]!.replace('"g2"', '"g 2"')]));
    const { status, stdout, stderr } = tenfold("verify", "--input", file);
    expect(status).toBe(1);
    expect(stdout).toContain(`${file}:2: (line): invalid JSON: `);
    expect(stdout).toContain(`${file}:3: data.groupId: expected an Id`);
    expect(stdout.endsWith("3 lines, 2 problems\n")).toBe(true);
    expect(stderr).toBe("");
    expect(stdout).not.toMatch(STACK_FRAME);
  });

  it("a missing file and an unknown flag: exit 2, a plain message, no stack trace", () => {
    const missing = tenfold("verify", "--input", `${dir.path}/missing.ndjson`);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`tenfold: cannot read ${dir.path}/missing.ndjson: no such file\n`);
    const unknown = tenfold("stats", "--frobnicate");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("tenfold stats: unknown flag --frobnicate");
    for (const { stdout, stderr } of [missing, unknown]) expect(stdout + stderr).not.toMatch(STACK_FRAME);
  });
});
