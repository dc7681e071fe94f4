import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Node 20 lacks Map.groupBy, which vitest's reporter uses when it prints failures.
if (typeof (Map as { groupBy?: unknown }).groupBy !== "function") {
  Object.defineProperty(Map, "groupBy", {
    value: <K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> => {
      const groups = new Map<K, V[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const group = groups.get(k);
        if (group === undefined) groups.set(k, [item]);
        else group.push(item);
      }
      return groups;
    },
  });
}

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the packages' sources, not their builds.
    alias: [
      { find: /^@tenfold\/core\/node$/, replacement: source("./packages/core/src/node/index.ts") },
      { find: /^@tenfold\/core\/adapter$/, replacement: source("./packages/core/src/adapter.ts") },
      { find: /^@tenfold\/core\/audit$/, replacement: source("./packages/core/src/audit.ts") },
      { find: /^@tenfold\/core\/codecs$/, replacement: source("./packages/core/src/codecs.ts") },
      { find: /^@tenfold\/core\/personal$/, replacement: source("./packages/core/src/personal.ts") },
      { find: /^@tenfold\/core$/, replacement: source("./packages/core/src/index.ts") },
      { find: /^@tenfold\/store-memory$/, replacement: source("./packages/store-memory/src/index.ts") },
      { find: /^@tenfold\/example-xining-2013$/, replacement: source("./examples/xining-2013/src/index.ts") },
      { find: /^@tenfold\/cli$/, replacement: source("./packages/cli/src/index.ts") },
      { find: /^@tenfold\/di$/, replacement: source("./packages/di/src/index.ts") },
      { find: /^@tenfold\/testing\/arbitraries$/, replacement: source("./packages/testing/src/arbitraries.ts") },
      { find: /^@tenfold\/testing\/personal$/, replacement: source("./packages/testing/src/personal.ts") },
      { find: /^@tenfold\/testing$/, replacement: source("./packages/testing/src/index.ts") },
      { find: /^@tenfold\/esdb-emulator$/, replacement: source("./packages/esdb-emulator/src/index.ts") },
      { find: /^@tenfold\/store-eventstoredb$/, replacement: source("./packages/store-eventstoredb/src/index.ts") },
      { find: /^@tenfold\/store-postgres\/testing$/, replacement: source("./packages/store-postgres/src/testing/index.ts") },
      { find: /^@tenfold\/store-postgres$/, replacement: source("./packages/store-postgres/src/index.ts") },
    ],
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "examples/*/src/**/*.test.ts", "benchmarks/src/**/*.test.ts", "docs/*.test.ts"],
    setupFiles: ["./vitest.setup.ts"],
    // A real PostgreSQL server for the PostgreSQL store's tests (and the CLI's and examples' that use it).
    globalSetup: ["./vitest.globalSetup.ts"],
    // CI asks for a JSON summary too, to print "N passed, N failed".
    ...(process.env["TENFOLD_TEST_JSON"] === undefined
      ? {}
      : { reporters: ["default", "json"], outputFile: { json: process.env["TENFOLD_TEST_JSON"] } }),
    testTimeout: 30_000,
  },
});
