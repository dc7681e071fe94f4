import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { withSeal } from "@tenfold/core/adapter";
import { nodeSha256 } from "@tenfold/core/node";
import { createMemoryEventStore, createUnsealedMemoryEventStore } from "@tenfold/store-memory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryOpener, runCli, runCliWith } from "./testing-support/audit.js";
import { ndjson, type Ran, tempDir } from "./testing-support/harness.js";
import { allMarkers, directoryBytes, MARKED_HISTORY, MARKERS, markersIn, sealedVersion1 } from "./testing-support/personal.js";

/*
 * Personal data through --store: a history kept with --keys appended to a store (its values
 * revealed first), exported with and without values, a subject erased through the command handler;
 * a store that keeps no key store of its own is given --keys.
 */

let dir: Awaited<ReturnType<typeof tempDir>>;

const hashes = async (file: string): Promise<ReadonlyArray<string>> =>
  (await readFile(file, "utf8")).trimEnd().split("\n").map((l) => (JSON.parse(l) as { hash: string }).hash);

/** A version-1 history with markers, migrated: the kept file and its key directory. */
const keptHistory = async (name: string): Promise<{ readonly kept: string; readonly keys: string }> => {
  const v1 = await dir.write(`${name}-v1.ndjson`, ndjson(sealedVersion1(MARKED_HISTORY)));
  const kept = join(dir.path, `${name}.ndjson`);
  const keys = join(dir.path, `${name}-keys`);
  expect((await runCli("migrate", "--input", v1, "--out", kept, "--keys", keys)).code).toBe(0);
  return { kept, keys };
};

const H1 = MARKERS["contact:h1"];

beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await dir.remove();
});

describe("personal data in a store", () => {
  it("appends a kept history with its values revealed, keeps every hash, erases through the command handler", async () => {
    const { kept } = await keptHistory("office");
    const { openStore } = memoryOpener({ office: createMemoryEventStore() });
    const tenfold = (...argv: ReadonlyArray<string>): Promise<Ran> => runCliWith({ openStore }, ...argv);
    const refused = await tenfold("stats", "--input", kept, "--store", "esdb://office");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${kept}:4: personal.name: is encrypted: give --keys DIR (the file's key store) to import the value, which would otherwise be lost to the store`);

    const other = await keptHistory("other");
    const { openStore: open2 } = memoryOpener({ office: createMemoryEventStore() });
    const included = join(dir.path, "office-included.ndjson");
    const appended = await runCliWith({ openStore: open2 }, "export", "--input", other.kept, "--keys", other.keys, "--store", "esdb://office", "--personal", "include", "--out", included);
    expect(appended.code).toBe(0);
    expect(appended.stderr).toContain("personal data itself");
    const text = await readFile(included, "utf8");
    for (const marker of allMarkers()) expect(text).toContain(marker);
    expect(await hashes(included)).toEqual(await hashes(other.kept));

    const erase = (): Promise<Ran> => runCliWith({ openStore: open2 }, "erase", "--store", "esdb://office", "--subject", "contact:h1", "--request-ref", "PIPL-9", "--on", "2014-03-01");
    const erased = await erase();
    expect(erased.stderr).toBe("");
    expect(erased.stdout).toMatch(/^Erased contact:h1 of campaign "c1" \(request PIPL-9\) on 2014-03-01: SubjectErased recorded in esdb:\/\/office \(stream tenfold-campaign-c1 revision 19, hash [0-9a-f]{64}\); its key destroyed in the store's key store.\n$/);
    const after = join(dir.path, "office-after.ndjson");
    expect((await runCliWith({ openStore: open2 }, "export", "--store", "esdb://office", "--personal", "include", "--out", after)).code).toBe(0);
    const afterText = await readFile(after, "utf8");
    expect(markersIn(Buffer.from(afterText), H1)).toEqual([]);
    for (const marker of MARKERS["cadre:k2"]) expect(afterText).toContain(marker);
    expect((await hashes(after)).slice(0, 19)).toEqual(await hashes(other.kept));
    expect(await erase()).toMatchObject({ code: 1, stderr: 'esdb://office: rule 6: subject "contact:h1" was already erased on 2014-03-01\nNothing was erased.\n' });
    // The store's stored form, written to a file kept with a key directory of its own.
    const stored = join(dir.path, "office-stored.ndjson");
    const storedKeys = join(dir.path, "office-stored-keys");
    expect((await runCliWith({ openStore: open2 }, "export", "--store", "esdb://office", "--personal", "encrypted", "--keys", storedKeys, "--out", stored)).code).toBe(0);
    expect(markersIn(await readFile(stored), allMarkers())).toEqual([]);
    expect(await hashes(stored)).toEqual(await hashes(after));
    expect((await runCli("verify", "--input", stored)).stdout).toBe("20 lines, 0 problems; 20 sealed events in 1 stream\n");
  });

  it("gives a store that keeps no key store of its own the key directory of --keys", async () => {
    const { kept, keys } = await keptHistory("bare");
    const { openStore } = memoryOpener({ bare: withSeal(createUnsealedMemoryEventStore(), nodeSha256) });
    const tenfold = (...argv: ReadonlyArray<string>): Promise<Ran> => runCliWith({ openStore }, ...argv);
    const refused = await tenfold("stats", "--input", kept, "--store", "esdb://bare");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("this store keeps no key store of its own for personal data: give --keys DIR");
    expect((await tenfold("stats", "--input", kept, "--store", "esdb://bare", "--keys", keys)).code).toBe(0);
    expect((await tenfold("erase", "--store", "esdb://bare", "--subject", "cadre:k1", "--request-ref", "R-2", "--on", "2014-01-05")).code).toBe(2);
    const erased = await tenfold("erase", "--store", "esdb://bare", "--keys", keys, "--subject", "cadre:k1", "--request-ref", "R-2", "--on", "2014-01-05");
    expect(erased.code).toBe(0);
    expect(erased.stdout).toContain(`its key destroyed in ${keys}.`);
    expect(await readFile(join(keys, "subject-keys.ndjson"), "utf8")).toContain(JSON.stringify({ campaignId: "c1", subject: "cadre:k1", erased: true }));
    const out = join(dir.path, "bare-after.ndjson");
    expect((await tenfold("export", "--store", "esdb://bare", "--keys", keys, "--personal", "include", "--out", out)).code).toBe(0);
    const text = await readFile(out, "utf8");
    expect(text).not.toContain(MARKERS["cadre:k1"][0]);
    expect(text).toContain(MARKERS["cadre:k3"][0]);
    expect(markersIn(await directoryBytes(keys), allMarkers())).toEqual([]);
  });
});
