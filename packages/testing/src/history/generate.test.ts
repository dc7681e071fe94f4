import { fc, test } from "@fast-check/vitest";
import { EVENT_TYPES } from "@tenfold/core";
import { parseHistoryLine } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { checkHistory } from "./checkHistory.js";
import { generateHistory, historyToNdjson, historyToNdjsonLines } from "./generate.js";

describe("generateHistory", () => {
  it("is reproducible from the seed, and seeds differ", () => {
    const a = generateHistory({ seed: 42, groups: 8, events: 300 });
    expect(generateHistory({ seed: 42, groups: 8, events: 300 })).toEqual(a);
    expect(generateHistory({ seed: 43, groups: 8, events: 300 })).not.toEqual(a);
  });

  it("gives a Xining-sized campaign with every kind of event", () => {
    const history = generateHistory({ seed: 2013, groups: 8, events: 300 });
    expect(checkHistory(history)._tag).toBe("Right");
    expect(history.filter((e) => e.type === "GroupFormed")).toHaveLength(8);
    expect(history.length).toBeGreaterThan(250);
    expect(history.length).toBeLessThanOrEqual(300);
    const types = new Set(history.map((e) => e.type));
    // Erasures are not part of a campaign's own history: arbitraryHistoryWithErasures adds them.
    expect(EVENT_TYPES.filter((t) => t !== "CampaignClosed" && !types.has(t))).toEqual(["SubjectErased"]);
  });

  test.prop([fc.integer(), fc.nat({ max: 6 }), fc.nat({ max: 150 })])("always gives a valid history of that many groups", (seed, groups, extra) => {
    const events = groups + 1 + extra;
    const history = generateHistory({ seed, groups, events });
    expect(checkHistory(history)._tag).toBe("Right");
    expect(history.filter((e) => e.type === "GroupFormed")).toHaveLength(groups);
    expect(history.length).toBeLessThanOrEqual(events);
  });

  it("refuses options it cannot meet, with a RangeError", () => {
    expect(() => generateHistory({ seed: 1.5 })).toThrow(RangeError);
    expect(() => generateHistory({ seed: 1, groups: -1 })).toThrow(RangeError);
    expect(() => generateHistory({ seed: 1, groups: 8, events: 8 })).toThrow(RangeError);
    expect(() => generateHistory({ seed: 1, events: 200_001 })).toThrow(RangeError);
  });
});

describe("historyToNdjson", () => {
  it("writes one {type, data} line per event, each read back by parseHistoryLine", () => {
    const history = generateHistory({ seed: 7, groups: 3, events: 60 });
    const ndjson = historyToNdjson(history);
    expect(ndjson.endsWith("\n")).toBe(true);
    const lines = ndjson.slice(0, -1).split("\n");
    expect(lines).toHaveLength(history.length);
    expect(lines.map((line) => Object.keys(JSON.parse(line) as object))).toEqual(history.map(() => ["type", "data"]));
    expect(lines.map((line) => E.map((l: { event: unknown }) => l.event)(parseHistoryLine(line)))).toEqual(history.map((e) => E.right(e)));
  });

  it("writes nothing for no events", () => expect(historyToNdjson([])).toBe(""));

  it("also comes line by line, lazily", () => {
    const history = generateHistory({ seed: 8, groups: 2, events: 30 });
    expect([...historyToNdjsonLines(history)].join("")).toBe(historyToNdjson(history));
  });
});
