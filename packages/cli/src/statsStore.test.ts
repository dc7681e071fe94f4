import { randomUUID } from "node:crypto";
import { runXiningDemo } from "@tenfold/example-xining-2013";
import { createMemoryEventStore } from "@tenfold/store-memory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryOpener, runCli, runCliWith, sealedFile } from "./testing-support/audit.js";
import { MINI_HISTORY, MINI_HISTORY_WITH_ENVELOPES, ndjson, tempDir } from "./testing-support/harness.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await dir.remove();
});

describe("tenfold stats on sealed files and on stores", () => {
  it("a sealed export gives the statistics of the raw file, in every view", async () => {
    const raw = await dir.write("raw.ndjson", ndjson(MINI_HISTORY_WITH_ENVELOPES));
    const { file } = await sealedFile(dir, "sealed", MINI_HISTORY_WITH_ENVELOPES);
    for (const view of [[], ["--as-of", "2013-04-01"], ["--recorded-before", "2013-08-11T12:00:00Z"]]) {
      const [a, b] = await Promise.all([runCli("stats", "--input", raw, "--json", ...view), runCli("stats", "--input", file, "--json", ...view)]);
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
  });

  it("reads a store's campaign, as of a day, and closes the store", async () => {
    const store = createMemoryEventStore();
    await runXiningDemo(store)();
    const { openStore, closed } = memoryOpener({ office: store });
    const ran = await runCliWith({ openStore }, "stats", "--store", "esdb://office:2113?tls=false", "--as-of", "2013-06-30", "--json");
    expect(ran.stderr).toBe("");
    expect(JSON.parse(ran.stdout)).toMatchObject({ campaignId: "xining-2013", visits: { total: 37 }, diaries: 86, closedOn: null });
    expect(closed()).toBe(1);
  });

  it("asks which campaign when the store holds several, and says when it holds none", async () => {
    const store = createMemoryEventStore();
    const { openStore } = memoryOpener({ office: store, empty: createMemoryEventStore() });
    await runCliWith({ openStore }, "export", "--input", await dir.write("c1.ndjson", ndjson(MINI_HISTORY)), "--store", "esdb://office", "--out", `${dir.path}/o1`);
    const c2 = MINI_HISTORY.map((l) => l.replace('"campaignId":"c1"', '"campaignId":"c2"'));
    const ids = { eventId: () => randomUUID() };
    expect((await runCliWith({ openStore, ids }, "export", "--input", await dir.write("c2.ndjson", ndjson(c2)), "--store", "esdb://office", "--out", `${dir.path}/o2`)).code).toBe(0);
    expect(await runCliWith({ openStore }, "stats", "--store", "esdb://office")).toEqual({
      code: 1,
      stdout: "",
      stderr: "the store holds 2 campaigns (c1, c2): name one with --campaign ID\n",
    });
    expect((await runCliWith({ openStore }, "stats", "--store", "esdb://office", "--campaign", "c2", "--json")).stdout).toContain('"campaignId": "c2"');
    expect((await runCliWith({ openStore }, "stats", "--store", "esdb://office", "--campaign", "c9")).stderr).toBe('the store holds no campaign "c9"\n');
    expect((await runCliWith({ openStore }, "stats", "--store", "esdb://empty")).stderr).toBe('the store holds no campaign (no "tenfold-campaign-…" stream under tenfold-)\n');
    expect((await runCliWith({ openStore }, "stats", "--store", "esdb://elsewhere")).stderr).toBe('tenfold stats: --store: cannot connect to elsewhere\nRun "tenfold stats --help" for usage.\n');
  });

  it("with --input and --store, appends the file's history to the store, then reads it from there", async () => {
    const store = createMemoryEventStore();
    const { openStore, closed } = memoryOpener({ office: store });
    const file = await dir.write("into.ndjson", ndjson(MINI_HISTORY));
    const imported = await runCliWith({ openStore }, "stats", "--input", file, "--store", "esdb://office", "--json");
    expect(imported.code).toBe(0);
    const readBack = await runCliWith({ openStore }, "stats", "--store", "esdb://office", "--json");
    expect(readBack).toEqual({ code: 0, stdout: imported.stdout, stderr: "" });
    expect(closed()).toBe(2);
    // The same lines with the same event ids again: a retry, recorded once.
    expect((await runCliWith({ openStore }, "stats", "--input", file, "--store", "esdb://office", "--json")).stdout).toBe(imported.stdout);
    // Other event ids: a second history of a campaign the store already holds is refused.
    const again = await runCliWith({ openStore, ids: { eventId: () => randomUUID() } }, "stats", "--input", file, "--store", "esdb://office");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${file}:1-${MINI_HISTORY.length}: stream "tenfold-campaign-c1" is at revision ${MINI_HISTORY.length - 1}, expected no stream`);
  });

  it("refuses --store without a store adapter, and --campaign with a file", async () => {
    const usage = (message: string): { code: number; stdout: string; stderr: string } => ({ code: 2, stdout: "", stderr: `tenfold stats: ${message}\nRun "tenfold stats --help" for usage.\n` });
    expect(await runCli("stats", "--store", "esdb://localhost:2113")).toEqual(
      usage("--store is not available yet: this tenfold has no store adapters wired in; export the history to a file and give --input FILE"),
    );
    expect(await runCli("stats", "--input", "f.ndjson", "--campaign", "c1")).toEqual(usage("--campaign goes with --store: a file holds one campaign"));
  });
});
