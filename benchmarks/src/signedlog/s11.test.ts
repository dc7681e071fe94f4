import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHistoryLine, sealedEnvelopeOf, verifyChain } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";
import { QUICK } from "../harness/config.js";
import { buildReport } from "../harness/report.js";
import { renderTable } from "../harness/table.js";
import { writeSealedHistory } from "./files.js";
import { SIGNED_LOG } from "./s11.js";

const dir = mkdtempSync(join(tmpdir(), "tenfold-s11-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("S11", () => {
  it("writes one campaign's sealed history, whose chain verifies, and its first lines as a second file", () => {
    const [whole, part] = [join(dir, "whole.ndjson"), join(dir, "part.ndjson")];
    writeSealedHistory(whole, 9001, part, 2250);
    const lines = readFileSync(whole, "utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(9001);
    expect(readFileSync(part, "utf8")).toBe(`${lines.slice(0, 2250).join("\n")}\n`);
    const verifier = verifyChain({ sha256: nodeSha256 });
    const problems = lines.flatMap((line, i): ReadonlyArray<unknown> => {
      const sealed = sealedEnvelopeOf(JSON.parse(line));
      return E.isRight(sealed) && sealed.right !== null && E.isRight(parseHistoryLine(line)) ? verifier.sealed(i + 1, sealed.right) : ["unreadable"];
    });
    const summary = verifier.end();
    expect({ problems, summary: summary.problems, heads: summary.heads.map((h) => [h.streamId, h.revision]) }).toEqual({ problems: [], summary: [], heads: [["tenfold-campaign-bench-2013", 9000n]] });
  });

  it("reports the checkpoint's time over the chains' alone, and peak RSS at n over n/4, as targets and in the table", () => {
    const values = (seconds: ReadonlyArray<number>, rss: ReadonlyArray<number>): Record<string, number> =>
      Object.fromEntries(SIGNED_LOG.flatMap((v, i) => [[`${v}.seconds`, seconds[i] ?? 0], [`${v}.rate`, 1000 / (seconds[i] ?? 1)], [`${v}.rss`, rss[i] ?? 0]]));
    const collected = new Map([["S11/tenfold", [{ ok: true as const, values: values([2, 2.5, 4, 5, 0.7], [100, 110, 300, 320, 100]), check: "same" }]]]);
    const report = buildReport(QUICK, ["S11"], collected);
    expect(report.targets.filter((t) => t.target.startsWith("S11"))).toEqual([
      { target: "S11 checkpoint vs chains-only (time)", ratio: 1.25, needed: "≤ 1.5", met: true },
      { target: "S11 peak RSS, n vs n/4 events", ratio: 1.1, needed: "≤ 1.2", met: true },
    ]);
    expect(report.medians["S11 seconds"]).toEqual({ chains: 2, checkpoint: 2.5, full: 4, fullCheckpoint: 5, checkpointSmall: 0.7 });
    expect(renderTable(report).find((l) => l.startsWith("S11 peak RSS"))).toMatch(/^S11 peak RSS \(MiB\)\s+100\s+110\s+300\s+320\s+100$/);
  });
});
