import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as arbitraries from "../arbitraries.js";
import * as everything from "../index.js";

const read = (relative: string): string => readFileSync(new URL(relative, import.meta.url), "utf8");

/** The modules `entry` imports, transitively, within this package; and the packages they import. */
const importsOf = (entry: string): { readonly modules: ReadonlySet<string>; readonly packages: ReadonlySet<string> } => {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (url: URL): void => {
    if (modules.has(url.href)) return;
    modules.add(url.href);
    for (const [, spec] of readFileSync(url, "utf8").matchAll(/(?:from|import)\s+"([^"]+)"/g)) {
      if (spec === undefined) continue;
      if (spec.startsWith(".")) visit(new URL(spec.replace(/\.js$/, ".ts"), url));
      else packages.add(spec);
    }
  };
  visit(new URL(entry, import.meta.url));
  return { modules, packages };
};

describe("docs/testing.md", () => {
  it("shows exactly the code of diariesPerWeek.test.ts, which runs with this suite", () => {
    const doc = read("../../../../docs/testing.md");
    const snippet = /```ts\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(snippet).toBe(read("./diariesPerWeek.test.ts"));
  });

  it("keeps the walkthrough under 30 lines of code", () => {
    const code = read("./diariesPerWeek.test.ts").split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("//"));
    expect(code.length).toBeLessThan(30);
  });
});

describe("entry points", () => {
  it("@tenfold/testing/arbitraries never imports vitest, directly or not", () => {
    const { packages } = importsOf("../arbitraries.ts");
    expect([...packages].sort()).toEqual(["@tenfold/core", "@tenfold/core/audit", "@tenfold/core/personal", "fast-check", "fp-ts/lib/Either.js"]);
  });

  it("@tenfold/testing exports everything of @tenfold/testing/arbitraries, and the laws and contract", () => {
    expect(Object.keys(everything)).toEqual(expect.arrayContaining(Object.keys(arbitraries)));
    expect(Object.keys(everything)).toEqual(
      expect.arrayContaining(["assertDeterministic", "assertFoldResumable", "assertLiveEqualsReplay", "assertAsOfDayEqualsPrefix", "assertCampaignStatisticsLaws", "describeEventStoreContract"]),
    );
  });

  it("the package's exports map names every entry point, types first", () => {
    const manifest = JSON.parse(read("../../package.json")) as { exports: Record<string, unknown> };
    expect(manifest.exports).toEqual({
      ".": { types: "./dist/index.d.ts", import: "./dist/index.js" },
      "./arbitraries": { types: "./dist/arbitraries.d.ts", import: "./dist/arbitraries.js" },
      "./personal": { types: "./dist/personal.d.ts", import: "./dist/personal.js" },
      "./package.json": "./package.json",
    });
    expect(Object.keys(manifest.exports["."] as object)[0]).toBe("types");
  });
});
