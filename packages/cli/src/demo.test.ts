import { runXiningDemo } from "@tenfold/example-xining-2013";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { runCli } from "./testing-support/harness.js";

describe("tenfold demo", () => {
  it("--json prints the Xining statistics, as the example computes them", async () => {
    const ran = await runCli("demo", "--json");
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe("");
    const expected = await runXiningDemo(createMemoryEventStore())();
    expect(E.isRight(expected)).toBe(true);
    if (E.isRight(expected)) expect(ran.stdout).toBe(`${JSON.stringify(expected.right, null, 2)}\n`);
    const stats = JSON.parse(ran.stdout) as { groups: number; cadres: { enrolled: number }; diaries: number; funds: { totalFen: number } };
    expect(stats.groups).toBe(8);
    expect(stats.cadres.enrolled).toBe(43);
    expect(stats.diaries).toBe(120);
    expect(stats.funds.totalFen).toBe(38_100_000);
  });

  it("prints a readable table: headline numbers, funds in yuan, the checklist of the eight groups", async () => {
    const ran = await runCli("demo");
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe("");
    expect(ran.stdout).toContain("Campaign xining-2013: launched 2013-03-01, closed 2013-12-31\n");
    expect(ran.stdout).toMatch(/^ {2}Groups +8$/m);
    expect(ran.stdout).toMatch(/^ {2}Cadres +43 {2}enrolled;/m);
    expect(ran.stdout).toMatch(/^ {2}Diaries +120$/m);
    expect(ran.stdout).toMatch(/^ {2}special-relief +360,000\.00 +1$/m);
    expect(ran.stdout).toMatch(/^ {2}condolence +21,000\.00 +2$/m);
    expect(ran.stdout).toContain("Ten-ones checklist: 8 of 8 groups complete\n");
    expect(ran.stdout.match(/^ {2}group-\d .* 10\/10$/gm)).toHaveLength(8);
  });
});
