import { describe, expect, it } from "vitest";
import { canaryCampaign, markerTraces, tracesIn } from "./canaryHistory.js";

describe("canary markers", () => {
  it("are unique, one for each personal field of the campaign, mixing ASCII and Chinese", () => {
    const { markers } = canaryCampaign("t1");
    expect(new Set(markers.map((m) => m.marker)).size).toBe(markers.length);
    expect(markers.every((m) => /^[\x20-\x7e]+[\u4e00-\u9fff]+$/.test(m.marker))).toBe(true);
  });

  it("are found in every encoding they are searched for (the search is not blind)", () => {
    const marker = { subject: "contact:h1", marker: "canary-t1-3-household-王小明家" };
    for (const trace of markerTraces(marker.marker)) {
      const hidden = Buffer.concat([Buffer.from("before "), trace.bytes, Buffer.from(" after")]);
      expect(tracesIn([{ where: "f", bytes: hidden }], [marker])).toEqual([`f: ${trace.encoding} of contact:h1's marker`]);
    }
    expect(tracesIn([{ where: "f", bytes: Buffer.from("nothing here") }], [marker])).toEqual([]);
  });
});
