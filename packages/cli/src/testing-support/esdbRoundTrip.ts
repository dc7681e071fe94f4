import { readFile, stat } from "node:fs/promises";
import { type RunningEmulator, startEmulator } from "@tenfold/esdb-emulator";
import type { EventStoreDbClientPackage } from "@tenfold/store-eventstoredb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeOpener } from "../storeOpener.js";
import { runCliWith } from "./audit.js";
import { MINI_HISTORY, ndjson, tempDir } from "./harness.js";

/*
 * The CLI's round trip through the real KurrentDB adapter and one client package (one per test
 * file: the two packages cannot share a process), against the emulator with a small maximum
 * append size, so that the import's batches must be split.
 */

type Dir = Awaited<ReturnType<typeof tempDir>>;

/** The emulator's maximum append size in these tests: a generated history's 500-event batches are far above it. */
const SMALL_LIMIT = 16 * 1024;

/** A limit above every event of MINI_HISTORY and below one whose summary is 500 characters (its ciphertext in the metadata too). */
const TIGHT_LIMIT = 1100; // MINI_HISTORY's events take 383–836 bytes each; the one with 500 characters, 1385

/** Runs the export, stats and verify round trip, and the too-large line, through `clientPackage`. */
export const describeEsdbRoundTrip = (clientPackage: EventStoreDbClientPackage): void => {
  describe(`tenfold on KurrentDB through ${clientPackage} (the emulator, maximum append size ${SMALL_LIMIT} bytes)`, () => {
    let emulator: RunningEmulator;
    let dir: Dir;
    const openStore = storeOpener({ esdbClient: clientPackage });
    const tenfold = (...argv: ReadonlyArray<string>): ReturnType<typeof runCliWith> => runCliWith({ openStore }, ...argv);
    // The store keeps no keys of personal data: they are kept in a directory, as an operator would.
    const keys = (): string => `${dir.path}/keys`;
    beforeAll(async () => {
      emulator = await startEmulator({ clientPackage, maxAppendSize: SMALL_LIMIT });
      dir = await tempDir();
    });
    afterAll(async () => {
      await emulator.stop();
      await dir.remove();
    });

    it("imports a generated history in batches split to fit, exports it back byte for byte, and reads the same statistics", async () => {
      const raw = `${dir.path}/generated.ndjson`;
      expect((await tenfold("generate", "--seed", "7", "--events", "1000", "--out", raw)).code).toBe(0);
      // Each of the import's batches (500 events, about 170 KB here) is far over the limit: the import must split them.
      expect((await stat(raw)).size / 2).toBeGreaterThan(4 * SMALL_LIMIT);
      const url = `kurrentdb://127.0.0.1:${emulator.port}?tls=false`;
      const first = `${dir.path}/first.ndjson`;
      const imported = await tenfold("export", "--input", raw, "--store", url, "--keys", keys(), "--out", first);
      expect(imported).toMatchObject({ code: 0, stderr: "" });
      expect(imported.stdout).toMatch(/^Exported 1,000 events in 1 stream to /);
      const second = `${dir.path}/second.ndjson`;
      expect((await tenfold("export", "--store", url, "--keys", keys(), "--out", second)).code).toBe(0);
      expect(await readFile(second, "utf8")).toBe(await readFile(first, "utf8"));
      const fromStore = await tenfold("stats", "--store", url, "--keys", keys(), "--json");
      const fromFile = await tenfold("stats", "--input", second, "--json");
      expect(fromStore.code).toBe(0);
      expect(fromStore.stdout).toBe(fromFile.stdout);
      expect((await tenfold("verify", "--input", second)).code).toBe(0);
    }, 120_000);

    it("stops at the line whose event alone is over the server's maximum append size, after importing the lines before it", async () => {
      // A server whose limit is under one event with a 500-character summary (the most the catalog allows), above the others.
      const tight = await startEmulator({ clientPackage, maxAppendSize: TIGHT_LIMIT, port: 0 });
      try {
        const lines = MINI_HISTORY.map((text, i) => (i === 12 ? text.replace('"Leaking roof"', JSON.stringify("x".repeat(500))) : text));
        const raw = await dir.write("too-large.ndjson", ndjson(lines));
        const url = `kurrentdb://127.0.0.1:${tight.port}?tls=false`;
        const ran = await tenfold("export", "--input", raw, "--store", url, "--keys", `${dir.path}/tight-keys`, "--out", `${dir.path}/never.ndjson`);
        expect(ran.stdout).toBe("");
        expect(ran.stderr).toMatch(new RegExp(`^${raw}:13: the event is larger than the event store's maximum append size \\(${TIGHT_LIMIT} bytes\\): it takes \\d+ bytes; the store cannot hold it\\n`));
        expect(ran.stderr).toContain(`The lines before ${raw}:13 were imported (12 events); the store holds them.`);
        expect(ran.code).toBe(1);
        expect(tight.data.stream("tenfold-campaign-c1")).toHaveLength(12);
      } finally {
        await tight.stop();
      }
    });
  });
};
