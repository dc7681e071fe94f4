import { fc, test } from "@fast-check/vitest";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { prepareBatch } from "./lineBatches.js";
import type { PrepareTask } from "./preparedLine.js";
import { decodeBatch, encodeBatch } from "./preparedWire.js";
import { xiningExport } from "./testing-support/audit.js";
import { tempDir } from "./testing-support/harness.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
let sealed: ReadonlyArray<string> = [];
beforeAll(async () => {
  dir = await tempDir();
  sealed = (await readFile(await xiningExport(dir), "utf8")).trimEnd().split("\n");
});
afterAll(() => dir.remove());

/** A line of a batch: one of the export's (in or out of order), one edited, one of another stream, unsealed, broken or blank. */
const lineArb = fc.oneof(
  fc.nat().map((i) => sealed[i % sealed.length] as string),
  fc.nat().map((i) => (sealed[i % sealed.length] as string).replace(/"hash":"[0-9a-f]/, '"hash":"f')),
  fc.nat().map((i) => (sealed[i % sealed.length] as string).replace(/"streamId":"[^"]+"/, '"streamId":"other"')),
  fc.nat().map((i) => (sealed[i % sealed.length] as string).replace(/"previousHash":"[0-9a-f]+",/, "")),
  fc.constantFrom('{"type":"GroupFormed","data":{"campaignId":"c1","groupId":"g1","name":"G","formedOn":"2013-03-02"}}', "{not json", "", "[]"),
);

const taskArb = fc.record(
  { seal: fc.boolean(), decode: fc.boolean(), commitments: fc.boolean(), leaves: fc.boolean(), exportAs: fc.constantFrom("omit" as const, "include" as const, "encrypted" as const) },
  { requiredKeys: ["seal", "decode", "commitments", "leaves"] },
);

describe("preparedWire", () => {
  test.prop([fc.array(lineArb, { maxLength: 40 }), taskArb, fc.integer({ min: 1, max: 1_000_000 })], { seed: 20130303, numRuns: 200 })(
    "decodes exactly the prepared lines it encoded, whatever the lines and the task",
    (lines, task: PrepareTask, firstLine) => {
      const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(""));
      const prepared = prepareBatch(bytes, firstLine, task);
      // An export's lines come back with their own bytes, from the batch the reading thread kept.
      expect([...decodeBatch(encodeBatch(prepared), firstLine, task.exportAs === undefined ? undefined : bytes)]).toStrictEqual(prepared);
    },
  );

  test.prop([fc.integer({ min: 10, max: 40 })], { seed: 20130304 })("writes a run of ten or more of an export's lines in under 120 characters a line (its objects take 330)", (n) => {
    const { lines, texts } = encodeBatch(prepareBatch(Buffer.from(sealed.slice(0, n).map((l) => `${l}\n`).join("")), 1, { seal: true, decode: false, commitments: false, leaves: false }));
    expect(lines.length / n).toBeLessThan(120);
    expect(texts).toBe("");
  });

  test.prop([fc.integer({ min: 1, max: 40 }), fc.boolean(), fc.boolean()], { seed: 20130307 })(
    "sends each decoded line of an export as its own text, with or without its seal and leaf",
    (n, seal, leaves) => {
      const batch = sealed.slice(0, n);
      const { lines, texts } = encodeBatch(prepareBatch(Buffer.from(batch.map((l) => `${l}\n`).join("")), 1, { seal, decode: true, commitments: true, leaves }));
      expect(texts).toBe(batch.join("\n"));
      expect(lines.split("\n").every((l) => l.startsWith("[3,"))).toBe(true);
    },
  );
});
