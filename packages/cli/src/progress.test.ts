import { describe, expect, it } from "vitest";
import type { CliIo } from "./io.js";
import { progressBar, renderProgress } from "./progress.js";
import { runCliWith } from "./testing-support/audit.js";
import { tempDir } from "./testing-support/harness.js";

const terminal = (isTerminal: boolean): { io: CliIo; written: string[] } => {
  const written: string[] = [];
  const io: CliIo = { stdout: { write: () => undefined }, stderr: { write: (t) => void written.push(t) }, stderrIsTerminal: isTerminal };
  return { io, written };
};

describe("progress", () => {
  it("renders one line: a bar, the percentage and the events read", () => {
    expect(renderProgress("verify f", 420_000, 0.42, 10)).toBe("verify f [####······]  42%  420,000 events");
    expect(renderProgress("heads esdb://x", 12, undefined)).toBe("heads esdb://x  12 events");
  });

  it("draws on a terminal only, after a few thousand events, at most every so often, and clears itself", () => {
    let t = 0;
    const { io, written } = terminal(true);
    const bar = progressBar(io, "verify", { now: () => t, width: 4 });
    bar.update(4999, 0.1);
    expect(written).toEqual([]);
    bar.update(5000, 0.5);
    t = 50;
    bar.update(6000, 0.6);
    t = 150;
    bar.update(7000, 0.7);
    bar.done();
    expect(written).toEqual(["\r\u001b[2Kverify [##··]  50%  5,000 events", "\r\u001b[2Kverify [###·]  70%  7,000 events", "\r\u001b[2K"]);
    const quiet = terminal(false);
    const none = progressBar(quiet.io, "verify", { now: () => (t += 1000) });
    none.update(1_000_000, 0.9);
    none.done();
    expect(quiet.written).toEqual([]);
  });

  it("shows while verify reads a long file on a terminal, and never reaches stdout", async () => {
    const dir = await tempDir();
    const file = await dir.write("long.ndjson", "[]\n".repeat(6000));
    const ran = await runCliWith({ stderrIsTerminal: true }, "verify", "--input", file);
    expect(ran.stderr).toMatch(/^\r\u001b\[2Kverify .*long\.ndjson \[#+·*\] +\d+%  [\d,]+ events/);
    expect(ran.stderr.endsWith("\r\u001b[2K")).toBe(true);
    expect(ran.stdout).not.toContain("\r");
    await dir.remove();
  });
});
