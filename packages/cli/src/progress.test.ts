import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { CliIo } from "./io.js";
import { formatDuration, progressBar, renderProgress } from "./progress.js";
import { createMemoryEventStore } from "@tenfold/store-memory";
import { memoryOpener, runCliWith } from "./testing-support/audit.js";
import { sealedVersion1 } from "./testing-support/personal.js";
import { tempDir } from "./testing-support/harness.js";

const terminal = (isTerminal: boolean): { io: CliIo; written: string[] } => {
  const written: string[] = [];
  const io: CliIo = { stdout: { write: () => undefined }, stderr: { write: (t) => void written.push(t) }, stderrIsTerminal: isTerminal };
  return { io, written };
};

/** A temporary directory holding a generated raw history of 6,000 events, long enough for the bar. */
const longHistory = async (): Promise<{ readonly dir: Awaited<ReturnType<typeof tempDir>>; readonly raw: string }> => {
  const dir = await tempDir();
  const raw = `${dir.path}/raw.ndjson`;
  expect((await runCliWith({}, "generate", "--seed", "7", "--events", "6000", "--out", raw)).code).toBe(0);
  return { dir, raw };
};

describe("progress", () => {
  it("renders one line: a bar, the percentage of the input, the events read, their speed and the time left", () => {
    expect(renderProgress("verify f", 420_000, 0.42, 10)).toBe("verify f [####······]  42%  420,000 events");
    expect(renderProgress("verify f", 420_000, 0.42, 10, 7)).toBe("verify f [####······]  42%  420,000 events  60,000 events/s  ETA 0:10");
    expect(renderProgress("heads esdb://x", 12, undefined)).toBe("heads esdb://x  12 events");
    expect(renderProgress("heads esdb://x", 12_000, undefined, 10, 2)).toBe("heads esdb://x  12,000 events  6,000 events/s");
    expect(renderProgress("export f", 1, 0, 4, 3)).toBe("export f [····]   0%  1 event  0 events/s");
  });

  it("writes durations as m:ss, and h:mm:ss from an hour", () => {
    expect([0, 9.6, 61, 3599, 3600, 3 * 3600 + 62].map(formatDuration)).toEqual(["0:00", "0:10", "1:01", "59:59", "1:00:00", "3:01:02"]);
  });

  it("draws on a terminal only, after a few thousand events, at most every so often, and clears itself", () => {
    let t = 0;
    const { io, written } = terminal(true);
    const bar = progressBar(io, "verify", { now: () => t, width: 4 });
    bar.update(4999, 0.1);
    expect(written).toEqual([]);
    t = 1000;
    bar.update(5000, 0.5);
    t = 1050;
    bar.update(6000, 0.6);
    t = 1400;
    bar.update(7000, 0.7);
    bar.done();
    expect(written).toEqual([
      "\r\u001b[2Kverify [##··]  50%  5,000 events  5,000 events/s  ETA 0:01",
      "\r\u001b[2Kverify [###·]  70%  7,000 events  5,000 events/s  ETA 0:01",
      "\r\u001b[2K",
    ]);
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

  it("shows while stats, export, heads and verify --chains-only read a long history on a terminal, each under its own name", async () => {
    const { dir, raw } = await longHistory();
    const sealed = `${dir.path}/sealed.ndjson`;
    expect((await runCliWith({}, "export", "--input", raw, "--out", sealed)).code).toBe(0);
    for (const [command, ...rest] of [["stats"], ["export", "--out", `${dir.path}/again.ndjson`], ["heads"], ["verify", "--chains-only"]] as const) {
      const ran = await runCliWith({ stderrIsTerminal: true }, command, "--input", sealed, ...rest);
      expect(ran.code).toBe(0);
      expect(ran.stderr).toMatch(new RegExp(`^\\r\\u001b\\[2K${command} .*sealed\\.ndjson \\[#+·*\\] +\\d+%  [\\d,]+ events`));
      expect(ran.stderr.endsWith("\r\u001b[2K")).toBe(true);
    }
    await dir.remove();
  });

  it("shows while export --store appends a long file to the store, then while it exports the store", async () => {
    const { dir, raw } = await longHistory();
    const { openStore } = memoryOpener({ office: createMemoryEventStore() });
    const ran = await runCliWith({ stderrIsTerminal: true, openStore }, "export", "--store", "esdb://office", "--input", raw, "--out", `${dir.path}/out.ndjson`);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toMatch(/^\r\u001b\[2Kexport .*raw\.ndjson \[#+·*\] +\d+%  [\d,]+ events/);
    // A store's size is not known ahead: a count, without a bar.
    expect(ran.stderr).toMatch(/\r\u001b\[2Kexport esdb:\/\/office  [\d,]+ events/);
    expect(ran.stderr.endsWith("\r\u001b[2K")).toBe(true);
    await dir.remove();
  });

  it("shows while erase and migrate read a long history, each pass of migrate under its own name", async () => {
    const { dir, raw } = await longHistory();
    const kept = `${dir.path}/kept.ndjson`;
    expect((await runCliWith({}, "export", "--input", raw, "--personal", "encrypted", "--keys", `${dir.path}/keys`, "--out", kept)).code).toBe(0);
    const text = await readFile(raw, "utf8");
    const contact = /"contactId":"([^"]+)"/.exec(text)?.[1] ?? "";
    const erased = await runCliWith({ stderrIsTerminal: true }, "erase", "--input", kept, "--keys", `${dir.path}/keys`, "--subject", `contact:${contact}`, "--request-ref", "R-1", "--on", "2030-01-01");
    expect(erased.code).toBe(0);
    expect(erased.stderr).toMatch(/^\r\u001b\[2Kerase .*kept\.ndjson \[#+·*\] +\d+%  [\d,]+ events/);
    expect(erased.stderr.endsWith("\r\u001b[2K")).toBe(true);
    // A version-1 history of as many events, an instant a second apart.
    const campaignId = /"campaignId":"([^"]+)"/.exec(text)?.[1] ?? "";
    const v1 = await dir.write("v1.ndjson", `${sealedVersion1(text.trimEnd().split("\n"), campaignId, () => 1, (i) => new Date(Date.UTC(2013, 2, 1) + i * 1000).toISOString()).join("\n")}\n`);
    const migrated = await runCliWith({ stderrIsTerminal: true }, "migrate", "--input", v1, "--out", `${dir.path}/v2.ndjson`, "--keys", `${dir.path}/keys-v2`);
    expect(migrated.code).toBe(0);
    expect(migrated.stderr).toMatch(/^\r\u001b\[2Kmigrate .*v1\.ndjson \(1\/2\) \[#+·*\] +\d+%  [\d,]+ events/);
    expect(migrated.stderr).toMatch(/\r\u001b\[2Kmigrate .*v1\.ndjson \(2\/2\) \[#+·*\] +\d+%  [\d,]+ events/);
    expect(migrated.stderr.endsWith("\r\u001b[2K")).toBe(true);
    await dir.remove();
  });
});
