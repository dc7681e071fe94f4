import { test } from "@fast-check/vitest";
import { type Projection, project } from "@tenfold/core";
import { createMemoryEventStore } from "@tenfold/store-memory";
import { arbitraryHistory, assertDeterministic, assertFoldResumable, assertLiveEqualsReplay } from "@tenfold/testing";
import { describe, expect, it } from "vitest";

// The Monday of a day's ISO week: 2013-03-07 → 2013-03-04.
const monday = (day: string): string => {
  const t = Date.parse(day);
  return new Date(t - ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
};

// Diaries written per cadre per week, keyed "cadreId week" (ids hold no spaces).
const diariesPerCadrePerWeek: Projection<ReadonlyMap<string, number>> = {
  initialState: () => new Map(),
  evolve: (state, event) => {
    if (event.type !== "DiaryWritten") return state;
    const key = `${event.data.cadreId} ${monday(event.data.writtenOn)}`;
    return new Map(state).set(key, (state.get(key) ?? 0) + 1);
  },
};

describe("diaries per cadre per week", () => {
  it("is deterministic", () => assertDeterministic(diariesPerCadrePerWeek));
  it("resumes from any prefix", () => assertFoldResumable(diariesPerCadrePerWeek));
  it("runs live as by replay", () => assertLiveEqualsReplay(diariesPerCadrePerWeek, createMemoryEventStore));
  test.prop([arbitraryHistory()])("counts every diary once", (history) => {
    const total = [...project(diariesPerCadrePerWeek, history).values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(history.filter((e) => e.type === "DiaryWritten").length);
  });
});
