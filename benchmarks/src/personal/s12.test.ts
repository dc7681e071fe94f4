import { campaignStreamId, expectRevision } from "@tenfold/core";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { QUICK } from "../harness/config.js";
import { buildReport } from "../harness/report.js";
import { renderTable } from "../harness/table.js";
import { makeBatches, tenfoldEnvelopes } from "../stores/workload.js";
import { PERSONAL_VALUES } from "./report.js";
import { measurePersonalData } from "./s12.js";

describe("schema-2 envelopes of the store workload (S1–S3, S8, S10)", () => {
  it("say whose each personal value is, and the store gives the values back, committed to", async () => {
    const [batch] = makeBatches({ streams: 1, appends: 1, batch: 8 });
    const store = createMemoryEventStore();
    const envelopes = tenfoldEnvelopes(batch?.events ?? [], new Date().toISOString());
    expect(envelopes.map((e) => e.personal)).toEqual([{}, { title: { subject: "cadre:c1" } }, {}, {}, {}, { title: { subject: "cadre:c0" } }, {}, {}]);
    const appended = await store.append(campaignStreamId("c0"), envelopes, expectRevision(null))();
    expect(E.isRight(appended)).toBe(true);
    const page = await store.readStream(campaignStreamId("c0"))();
    const events = E.isRight(page) ? page.right.events : [];
    expect(events.map((e) => e.data)).toEqual(batch?.events.map((e) => e.data));
    expect(events[1]?.personal?.["title"]?.commitment).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("S12", () => {
  it("appends and reads the same history through the store with and without its personal layer, and reports µs per event and per value", async () => {
    const result = await measurePersonalData(600, 10);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.check).toMatch(/^600 events, \d+ personal values read back alike \([0-9a-f]{16}\)$/);
    expect(result.values["events"]).toBe(600);
    expect(result.values["personalValues"]).toBeGreaterThan(300);
    for (const v of PERSONAL_VALUES) expect(Number.isFinite(result.values[v]), v).toBe(true);
    expect(result.values["append.perValue"]).toBeCloseTo(((result.values["append.layer"] ?? 0) * 600) / (result.values["personalValues"] ?? 1), 6);
  });

  it("goes into extra.S12 of the report and a row of the table", () => {
    const values = Object.fromEntries(PERSONAL_VALUES.map((v, i) => [v, i + 0.5]));
    const report = buildReport(QUICK, ["S12"], new Map([["S12/tenfold", [{ ok: true as const, values, check: "same" }]]]));
    expect(report.extra["S12"]).toEqual(values);
    expect(report.checks["S12"]).toBe("same result in all 1 runs: same");
    const lines = renderTable(report);
    expect(lines.find((l) => l.startsWith("S12 append"))).toMatch(/^S12 append\s+2\.50\s+3\.50\s+4\.50\s+5\.50\s+12\.5 \(commit 10\.5 \+ encrypt 11\.5\)$/);
    expect(lines.find((l) => l.startsWith("S12 read"))).toMatch(/^S12 read\s+6\.50\s+7\.50\s+8\.50\s+9\.50\s+13\.5 \(decrypt\)$/);
  });
});
