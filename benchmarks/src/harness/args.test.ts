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

  it.each([
    [["--runs", "x"], '--runs needs a whole number of runs (1 or more), got "x"'],
    [["--runs", "0"], '--runs needs a whole number of runs (1 or more), got "0"'],
    [["--runs"], "--runs needs a value"],
    [["--only", "--quick"], "--only needs a value"],
    [["--only", "S9"], "unknown scenario S9: choose among S1, S2, S3, S4, S5, S6, S7, S8, S10, S11, S12"],
    [["--fast"], 'unexpected "--fast"'],
  ])("names what is wrong in %j", (argv, message) => {
    const args = parseArgs(argv);
    expect(typeof args === "string" ? args.split("\n")[0] : args).toBe(message);
  });
});
