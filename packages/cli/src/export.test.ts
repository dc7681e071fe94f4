import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { readWholeLog, sequentialIds, steppingClock } from "@tenfold/core";
import { GENESIS_HASH, hashEnvelope } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import { runXiningDemo } from "@tenfold/example-xining-2013";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_FORMS } from "./storeUrl.js";
import { memoryOpener, runCli, runCliWith, sealedFile, xiningExport } from "./testing-support/audit.js";
import { MINI_HISTORY, MINI_HISTORY_WITH_ENVELOPES, ndjson, tempDir } from "./testing-support/harness.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await dir.remove();
});

const parsed = (lines: ReadonlyArray<string>): ReadonlyArray<Record<string, unknown>> => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe("tenfold export --input", () => {
  it("writes DOMAIN.md's envelope, sealed, one line an event in order", async () => {
    const { lines } = await sealedFile(dir, "mini", MINI_HISTORY_WITH_ENVELOPES);
    expect(lines).toHaveLength(19);
    const envelopes = parsed(lines);
    let previous = GENESIS_HASH;
    envelopes.forEach((e, i) => {
      expect(Object.keys(e)).toEqual(["type", "data", "schemaVersion", "eventId", "streamId", "streamRevision", "recordedAt", "metadata", "personal", "previousHash", "hash"]);
      expect(e).toMatchObject({ streamId: "tenfold-campaign-c1", streamRevision: i, schemaVersion: 2, previousHash: previous });
      expect(e["hash"]).toBe(hashEnvelope(nodeSha256, previous, e as unknown as Parameters<typeof hashEnvelope>[2]));
      previous = e["hash"] as string;
    });
    expect(envelopes[0]).toMatchObject({ eventId: "00000000-0000-4000-8000-aaaaaaaaaaa1", recordedAt: "2013-08-01T09:00:00.000Z", metadata: { actor: "auditor" } });
    // The last line has no envelope: a new id and the clock's instant.
    expect(envelopes[18]).toMatchObject({ eventId: "00000000-0000-4000-8000-000000000001", recordedAt: "2030-01-01T00:00:00.000Z" });
  });

  it("says what it wrote; exporting an export gives the same bytes", async () => {
    const { file, lines } = await sealedFile(dir, "again", MINI_HISTORY);
    const out = `${dir.path}/again-2.ndjson`;
    expect(await runCli("export", "--input", file, "--out", out)).toEqual({ code: 0, stdout: `Exported 19 events in 1 stream to ${out}\n`, stderr: "" });
    expect(await readFile(out, "utf8")).toBe(ndjson(lines));
  });

  it("writes the export's own bytes again whether a line is read as it was written or changed in form, on this thread and on workers", async () => {
    const original = await readFile(await xiningExport(dir, "form.ndjson"), "utf8");
    const lines = original.trimEnd().split("\n");
    // The same sealed events in other forms: re-spaced, keys in another order, CRLF, a byte order mark, no final newline.
    const respaced = (line: string): string => JSON.stringify(JSON.parse(line) as unknown, null, 1).replace(/\n */g, " ");
    const reordered = (line: string): string => {
      const { hash, previousHash, ...rest } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify({ hash, previousHash, ...rest });
    };
    const changed = lines.map((line, i) => (i === 0 ? `\uFEFF${line}` : i % 5 === 1 ? respaced(line) : i % 5 === 2 ? reordered(line) : i % 5 === 3 ? `${line}\r` : line));
    const file = await dir.write("form-changed.ndjson", changed.join("\n"));
    for (const threads of [0, 1]) {
      const out = `${dir.path}/form-${threads}.ndjson`;
      expect((await runCliWith({ threads }, "export", "--input", file, "--out", out)).code).toBe(0);
      expect(await readFile(out, "utf8")).toBe(original);
    }
  });

  it("upcasts old schema versions on the way", async () => {
    const visit = JSON.parse(MINI_HISTORY[8]!) as { data: Record<string, unknown> };
    const { photos: _photos, ...v0 } = visit.data;
    const old = [...MINI_HISTORY.slice(0, 8), JSON.stringify({ ...visit, data: v0, schemaVersion: 0 })];
    const { lines } = await sealedFile(dir, "v0", old);
    expect(parsed(lines)[8]).toMatchObject({ schemaVersion: 2, data: { photos: 0 } });
  });

  it("stops at the first bad line and writes nothing", async () => {
    const raw = await dir.write("bad.ndjson", ndjson([...MINI_HISTORY.slice(0, 3), "{oops", ...MINI_HISTORY.slice(3)]));
    const out = `${dir.path}/bad-out.ndjson`;
    const ran = await runCli("export", "--input", raw, "--out", out);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(new RegExp(`^${raw}:4: \\(line\\): invalid JSON: .*\\nNothing was exported: the export stops at the first bad line\\.`));
    expect(existsSync(out) || existsSync(`${out}.partial`)).toBe(false);
  });

  it("never reseals a history whose chain was tampered with", async () => {
    const { lines } = await sealedFile(dir, "to-tamper", MINI_HISTORY);
    const tampered = lines.map((l, i) => (i === 9 ? l.replace('"peopleMet":5', '"peopleMet":50') : l));
    const file = await dir.write("tampered.ndjson", ndjson(tampered));
    const out = `${dir.path}/laundered.ndjson`;
    const ran = await runCli("export", "--input", file, "--out", out);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(`${file}:10: tampered: stream "tenfold-campaign-c1" revision 9: its content does not match its hash\n`);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a command line it cannot follow, and an output it cannot write", async () => {
    const usage = (message: string): { code: number; stdout: string; stderr: string } => ({ code: 2, stdout: "", stderr: `tenfold export: ${message}\nRun "tenfold export --help" for usage.\n` });
    expect(await runCli("export", "--input", "x.ndjson")).toEqual(usage("missing --out FILE"));
    expect(await runCli("export", "--out", "x.ndjson")).toEqual(usage("missing --input FILE or --store URL"));
    expect(await runCli("export", "--store", "memory:", "--out", "x")).toEqual(
      usage(`--store "memory:" is not a store URL: an in-memory store holds nothing to read; give --input FILE, or ${STORE_FORMS}`),
    );
    expect(await runCli("export", "--store", "mysql://root:hunter2@db", "--out", "x")).toEqual(usage(`--store "mysql://root:***@db" is not a store URL: expected ${STORE_FORMS}`));
    expect((await runCli("export", "--store", "esdb://localhost:2113", "--out", "x")).stderr).toContain("--store is not available yet");
    const raw = await dir.write("ok.ndjson", ndjson(MINI_HISTORY));
    expect(await runCli("export", "--input", raw, "--out", `${dir.path}/no/such/dir/out.ndjson`)).toEqual({
      code: 2,
      stdout: "",
      stderr: `tenfold: cannot write ${dir.path}/no/such/dir/out.ndjson: no such file\n`,
    });
  });
});

describe("tenfold export --store", () => {
  it("writes every event of the store in global order, and closes it", async () => {
    const store = createMemoryEventStore();
    await runXiningDemo(store)();
    const { openStore, closed } = memoryOpener({ office: store });
    const out = `${dir.path}/xining.ndjson`;
    const ran = await runCliWith({ openStore }, "export", "--store", "esdb://office:2113?tls=false", "--out", out);
    expect(ran).toEqual({ code: 0, stdout: `Exported 403 events in 1 stream to ${out}\n`, stderr: "" });
    expect(closed()).toBe(1);
    const log = await readWholeLog(store)();
    const lines = (await readFile(out, "utf8")).trimEnd().split("\n");
    expect(parsed(lines).map((e) => e["eventId"])).toEqual(E.isRight(log) ? log.right.map((e) => e.eventId) : []);
    expect((await runCli("verify", "--input", out)).stdout).toBe("403 lines, 0 problems; 403 sealed events in 1 stream\n");
  });

  it("with --input too, appends the file to the store through the decider first", async () => {
    const store = createMemoryEventStore();
    const { openStore } = memoryOpener({ office: store });
    const raw = await dir.write("into-store.ndjson", ndjson(MINI_HISTORY));
    const out = `${dir.path}/from-store.ndjson`;
    expect((await runCliWith({ openStore, clock: steppingClock(new Date("2030-01-01T00:00:00Z")), ids: sequentialIds() }, "export", "--input", raw, "--store", "esdb://office", "--out", out)).code).toBe(0);
    const { lines } = await sealedFile(dir, "direct", MINI_HISTORY);
    // The store commits to each personal value with salts of its own: all else is the same.
    const withoutCommitments = (text: string): ReadonlyArray<unknown> =>
      text.trimEnd().split("\n").map((l) => {
        const { personal, previousHash: _p, hash: _h, ...rest } = JSON.parse(l) as Record<string, unknown>;
        return { ...rest, subjects: Object.values(personal as Record<string, { subject: string }>).map((entry) => entry.subject) };
      });
    expect(withoutCommitments(await readFile(out, "utf8"))).toEqual(withoutCommitments(ndjson(lines)));
    expect((await runCli("verify", "--input", out)).stdout).toBe("19 lines, 0 problems; 19 sealed events in 1 stream\n");
    // The same lines with the same event ids again: the store takes them as retries and records nothing new.
    expect((await runCliWith({ openStore }, "export", "--input", raw, "--store", "esdb://office", "--out", out)).stdout).toBe(`Exported 19 events in 1 stream to ${out}\n`);
    const other = await runCliWith({ openStore, ids: { eventId: () => randomUUID() } }, "export", "--input", raw, "--store", "esdb://office", "--out", out);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(`${raw}:1-19: stream "tenfold-campaign-c1" is at revision 18, expected no stream`);
  });
});
