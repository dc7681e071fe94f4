import { fc, test } from "@fast-check/vitest";
import { readFile } from "node:fs/promises";
import { computeStatistics, type Day, noMetadata, onOrBefore, type RecordedEvent, recordedBefore } from "@tenfold/core";
import { parseHistoryLine } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import * as O from "fp-ts/lib/Option.js";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { arbitraryHistory } from "@tenfold/testing/arbitraries";
import { runCli } from "./testing-support/audit.js";
import { ndjson, tempDir } from "./testing-support/harness.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
let n = 0;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await dir.remove();
});

/** Valid histories as raw NDJSON lines, line i recorded i minutes after 08:00 on the launch day. */
const historyArb = arbitraryHistory({ launchedOn: { min: "2013-03-01", max: "2013-03-01" } }).map((events) => events.map((e, i) => JSON.stringify({ ...e, recordedAt: new Date(Date.UTC(2013, 2, 1, 8) + i * 60_000).toISOString() })));

/** The events of raw lines as the store records them (what the views filter). */
const recordedOf = (lines: ReadonlyArray<string>): ReadonlyArray<RecordedEvent> =>
  lines.map((text, i) => {
    const line = parseHistoryLine(text);
    if (E.isLeft(line)) throw new Error(`not a valid line: ${text}`);
    const { event, envelope } = line.right;
    return { ...event, eventId: `e${i}`, schemaVersion: 1, recordedAt: envelope.recordedAt ?? "", metadata: noMetadata, streamId: "s", streamRevision: BigInt(i), position: BigInt(i) };
  });

const write = (lines: ReadonlyArray<string> | Uint8Array): Promise<string> => dir.write(`h${++n}.ndjson`, lines instanceof Uint8Array ? lines : ndjson(lines));
const exported = async (lines: ReadonlyArray<string>): Promise<string> => {
  const out = `${dir.path}/x${++n}.ndjson`;
  const ran = await runCli("export", "--input", await write(lines), "--out", out);
  expect(ran.stderr).toBe("");
  return out;
};

describe("the audit commands, properties", () => {
  test.prop([historyArb])("export then verify is clean for any valid history, and exporting the export changes no byte", async (history) => {
    const out = await exported(history);
    expect(await runCli("verify", "--input", out)).toMatchObject({ code: 0 });
    const again = `${out}.again`;
    await runCli("export", "--input", out, "--out", again);
    expect(await readFile(again, "utf8")).toBe(await readFile(out, "utf8"));
  });

  test.prop([historyArb, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 })])(
    "verify detects any single-byte change in an exported line's data on that line",
    async (history, lineSeed, offsetSeed, byte) => {
      const lines = (await readFile(await exported(history), "utf8")).trimEnd().split("\n");
      const k = lineSeed % lines.length;
      const original = lines[k]!;
      const start = original.indexOf('"data":') + '"data":'.length;
      const end = Buffer.byteLength(original.slice(0, original.lastIndexOf(',"schemaVersion":')));
      const bytes = Buffer.from(ndjson(lines));
      const at = Buffer.byteLength(ndjson(lines.slice(0, k))) + start + (offsetSeed % (end - start));
      fc.pre(bytes[at] !== byte);
      bytes[at] = byte;
      const same = ((): boolean => {
        try {
          return JSON.stringify(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes).split("\n")[k]!)) === JSON.stringify(JSON.parse(original));
        } catch {
          return false;
        }
      })();
      fc.pre(!same); // a change that spells the same JSON value (never seen in exports) changes nothing the hash covers
      const file = await write(bytes);
      const ran = await runCli("verify", "--input", file);
      expect(ran.code).toBe(1);
      expect(ran.stdout).toContain(`${file}:${k + 1}: `);
    },
  );

  test.prop([historyArb, fc.integer({ min: -5, max: 400 }), fc.integer({ min: -5, max: 120 })])(
    "stats as of a day and as recorded before an instant equal filtering the history",
    async (history, dayOffset, minutes) => {
      const recorded = recordedOf(history);
      const file = await exported(history);
      const day = new Date(Date.UTC(2013, 2, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10) as Day;
      const instant = new Date(Date.UTC(2013, 2, 1, 8) + minutes * 60_000 + 30_000).toISOString();
      const cases = [
        [["--as-of", day], computeStatistics(onOrBefore(recorded, day))],
        [["--recorded-before", instant], computeStatistics(recordedBefore(recorded, new Date(instant)))],
      ] as const;
      for (const [flags, expected] of cases) {
        const ran = await runCli("stats", "--input", file, "--json", ...flags);
        expect(ran.code).toBe(O.isSome(expected) ? 0 : 1);
        if (O.isSome(expected)) expect(JSON.parse(ran.stdout)).toEqual(expected.value);
      }
    },
  );
});
