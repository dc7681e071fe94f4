import { describe, expect, it } from "vitest";
import { FULL } from "./config.js";
import type { TaskResult } from "./config.js";
import { buildReport } from "./report.js";
import { renderTable } from "./table.js";

const ok = (values: Record<string, number>, check = ""): TaskResult => ({ ok: true, values, check });

/** One run of S1 (every store, the sealed one with its floor), S2, S3, S4–S6 and S7 with its split. */
const collected = new Map<string, TaskResult[]>([
  ["S1/tenfold", [ok({ rate: 80_000, bytesPerEvent: 590, sealFloorUs: 2.5 }), ok({ rate: 100_000, bytesPerEvent: 580, sealFloorUs: 3.5 }), ok({ rate: 50_000, bytesPerEvent: 600, sealFloorUs: 3 })]],
  ["S1/emmett", [ok({ rate: 50_000, bytesPerEvent: 1250 })]],
  ["S1/castore", [ok({ rate: 200_000, bytesPerEvent: 400 })]],
  ["S1/baseline", [ok({ rate: 2_000_000, bytesPerEvent: 250 })]],
  ["S1/tenfold-unsealed", [ok({ rate: 320_000, bytesPerEvent: 410 })]],
  ["S1/tenfold-seal-only", [ok({ rate: 160_000, bytesPerEvent: 500 })]],
  ...(["S2", "S3"] as const).flatMap((s) => [
    [`${s}/tenfold`, [ok({ rate: 500_000 }, "same")]] as [string, TaskResult[]],
    [`${s}/emmett`, [ok({ rate: 2_500_000 }, "same")]] as [string, TaskResult[]],
    [`${s}/castore`, [ok({ rate: 400_000 }, "same")]] as [string, TaskResult[]],
    [`${s}/baseline`, [ok({ rate: 1_000_000 }, "same")]] as [string, TaskResult[]],
  ]),
  ["S4/tenfold", [ok({ rate: 900 }, "d")]],
  ["S4/limit", [ok({ rate: 1000 }, "d")]],
  ["S5/tenfold", [ok({ rate: 100 }, "n")]],
  ["S5/limit", [ok({ rate: 400 }, "n")]],
  ["S6/tenfold", [ok({ rate: 70 }, "h")]],
  ["S6/limit", [ok({ rate: 100 }, "h")]],
  ["S7/tenfold", [ok({ rate: 40_000, "decider.us": 1.5, "append.us": 18, "read.us": 2, "rest.us": 3.5 }, "r")]],
]);

describe("the report of issue 15's in-memory targets", () => {
  const report = buildReport(FULL, ["S1", "S2", "S3", "S4", "S5", "S6", "S7"], collected);
  const byName = Object.fromEntries(report.targets.map((t) => [t.target, t]));

  it("keeps the unsealed and seal-only stores' rates, the seal's floor (median of the sealed store's children) and the sealed and seal-only stores' cost above the unsealed one in extra.S1", () => {
    // Costs from the median rates: 1e6 / 80,000 − 1e6 / 320,000 = 12.5 − 3.125 µs; 1e6 / 160,000 − 3.125 µs.
    expect(report.extra["S1"]).toEqual({ "tenfold-unsealed": 320_000, "tenfold-seal-only": 160_000, "seal-floor-us": 3, "seal-cost-us": 9.375, "seal-only-cost-us": 3.125 });
    expect(report.extra["memory"]).toEqual({ "tenfold-unsealed": 410 });
    expect(report.medians["S1"]).toEqual({ tenfold: 80_000, emmett: 50_000, castore: 200_000, baseline: 2_000_000 });
  });

  it("restates the targets: S1 unsealed against Castore, the seal's cost against twice its floor, the peers' and the limits' new ratios", () => {
    expect(byName["S1 unsealed vs Castore"]).toEqual({ target: "S1 unsealed vs Castore", ratio: 1.6, needed: "≥ 1.5", met: true });
    expect(byName["S1 seal cost vs seal floor"]).toEqual({ target: "S1 seal cost vs seal floor", ratio: 3.13, needed: "≤ 2", met: false });
    expect(byName["S2 vs Castore"]).toMatchObject({ ratio: 1.25, needed: "≥ 1.2", met: true });
    expect(byName["S3 vs Castore"]).toMatchObject({ ratio: 1.25, needed: "≥ 1.5", met: false });
    expect(byName["S2 vs Emmett"]).toMatchObject({ ratio: 0.2, needed: "≥ 2", met: false });
    expect(byName["S3 vs baseline"]).toMatchObject({ ratio: 0.5, needed: "≥ 0.5", met: true });
    expect(byName["memory vs Castore"]).toMatchObject({ ratio: 1.48, needed: "≤ 1.3", met: false });
    expect(byName["S4 vs mutable fold"]).toMatchObject({ ratio: 0.9, needed: "≥ 0.9", met: true });
    expect(byName["S5 vs JSON.parse"]).toMatchObject({ ratio: 0.25, needed: "≥ 0.4", met: false });
    expect(byName["S6 vs bare SHA-256"]).toMatchObject({ ratio: 0.7, needed: "≥ 0.8", met: false });
    // The retired targets are gone.
    expect(Object.keys(byName).filter((t) => t.startsWith("S1 vs"))).toEqual([]);
    expect(report.ratios["S1 tenfold-unsealed/castore"]).toBeCloseTo(1.6, 6);
    expect(report.ratios["S1 seal-cost-us/seal-floor-us"]).toBeCloseTo(3.125, 6);
  });

  it("keeps S7's split in extra.S7 and shows it in the table", () => {
    expect(report.extra["S7"]).toEqual({ "decider-us": 1.5, "append-us": 18, "read-us": 2, "rest-us": 3.5 });
    const lines = renderTable(report);
    expect(lines.find((l) => l.startsWith("S7 commands"))).toMatch(/40\.0k \(40\.0k–40\.0k\)\s+µs\/cmd: decider 1\.50, append 18\.0, read 2\.00, rest 3\.50/);
    expect(lines.find((l) => l.startsWith("(Tenfold's store"))).toBe(
      "(Tenfold's store without the seal and the personal layer: S1 320k ev/s, 410 bytes/event; sealed store's cost above it 9.38 µs/event; the seal alone's 3.13 µs/event (160k ev/s); the seal's floor (canonical JSON + SHA-256 of the S1 events) 3.00 µs/event)",
    );
    expect(lines.find((l) => l.startsWith("S1 seal cost vs seal floor"))).toMatch(/3\.13×\s+≤ 2\s+MISSED$/);
  });

  it("leaves the targets it cannot compute unjudged when a store did not run", () => {
    const partial = buildReport(FULL, ["S1"], new Map([...collected].filter(([k]) => k !== "S1/tenfold-unsealed")));
    expect(partial.extra["S1"]).toEqual({ "tenfold-seal-only": 160_000, "seal-floor-us": 3 });
    expect(partial.targets.slice(0, 2).map((t) => [t.ratio, t.met])).toEqual([[null, null], [null, null]]);
    expect(partial.extra["S7"]).toEqual({ "decider-us": 1.5, "append-us": 18, "read-us": 2, "rest-us": 3.5 });
  });
});
