import { describe, expect, it } from "vitest";
import { parseArgs } from "./args.js";
import { QUICK } from "./config.js";

describe("pnpm bench arguments", () => {
  it("reads scenarios, runs, an output file and the quick mode", () => {
    const args = parseArgs(["--quick", "--only", "s1, S3", "--runs", "5", "--out", "x.json"]);
    expect(typeof args === "string" ? args : { only: args.only, runs: args.config.runs, mode: args.config.mode, out: args.out }).toEqual({
      only: ["S1", "S3"],
      runs: 5,
      mode: QUICK.mode,
      out: "x.json",
    });
  });

  it("--scale: S9 alone, at 10,000,000 events too, one round, written only where --out says", () => {
    const args = parseArgs(["--scale"]);
    expect(typeof args === "string" ? args : { only: args.only, runs: args.config.runs, scale: args.config.auditScaleEvents, base: args.config.auditEvents, out: args.out }).toEqual({
      only: ["S9"],
      runs: 1,
      scale: 10_000_000,
      base: 1_000_000,
      out: null,
    });
    const more = parseArgs(["--scale", "--only", "S9,S11", "--runs", "2"]);
    expect(typeof more === "string" ? more : { only: more.only, runs: more.config.runs }).toEqual({ only: ["S9", "S11"], runs: 2 });
  });

  it.each([
    [["--runs", "x"], '--runs needs a whole number of runs (1 or more), got "x"'],
    [["--runs", "0"], '--runs needs a whole number of runs (1 or more), got "0"'],
    [["--runs"], "--runs needs a value"],
    [["--only", "--quick"], "--only needs a value"],
    [["--only", "S13"], "unknown scenario S13: choose among S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11, S12"],
    [["--scale", "--quick"], "--scale and --quick do not go together"],
    [["--fast"], 'unexpected "--fast"'],
  ])("names what is wrong in %j", (argv, message) => {
    const args = parseArgs(argv);
    expect(typeof args === "string" ? args.split("\n")[0] : args).toBe(message);
  });
});
