import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { validHistoryArb } from "../testing-support/history.js";
import { exportLines, sealHistory, verifyLines } from "../testing-support/sealedHistory.js";
import * as E from "fp-ts/lib/Either.js";
import { sealedEnvelopeOf } from "../interchange/envelopeLine.js";
import { nodeSha256 } from "../node/index.js";
import { headsOf } from "./heads.js";
import { hashEnvelope } from "./seal.js";
import { verifyChain } from "./verifyChain.js";

/** A sealed history in one stream, as export lines, with its published heads. */
const sealedArb = validHistoryArb.map((events) => {
  const recorded = sealHistory(events);
  return { lines: exportLines(recorded), heads: headsOf(recorded) };
});

const linesOf = (n: number): ReadonlyArray<number> => Array.from({ length: n }, (_, i) => i + 1);

describe("verifyChain, properties", () => {
  test.prop([validHistoryArb, fc.array(fc.constantFrom("a", "b", "c"), { minLength: 100, maxLength: 100 })])(
    "seal-then-verify is clean for any valid history, however its events are spread over streams",
    (events, streams) => {
      const recorded = sealHistory(events, (i) => streams[i % streams.length]!);
      const { problems, heads } = verifyLines(exportLines(recorded), headsOf(recorded));
      expect(problems).toEqual([]);
      expect(heads).toEqual(headsOf(recorded));
    },
  );

  test.prop([sealedArb, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 })])(
    "any single-byte change in data is detected on its line, and nowhere else",
    ({ lines, heads }, lineSeed, offsetSeed, byte) => {
      const k = (lineSeed % lines.length) + 1;
      const original = lines[k - 1]!;
      const bytes = Buffer.from(original);
      const start = original.indexOf('"data":') + '"data":'.length;
      const end = Buffer.byteLength(original.slice(0, original.lastIndexOf(',"schemaVersion":')));
      const at = start + (offsetSeed % (end - start));
      fc.pre(bytes[at] !== byte && byte !== 0x0a);
      bytes[at] = byte;
      let text: string;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        return; // not UTF-8: the line reader reports it at its line
      }
      const same = ((): boolean => {
        try {
          return JSON.stringify(JSON.parse(text)) === JSON.stringify(JSON.parse(original));
        } catch {
          return false;
        }
      })();
      fc.pre(!same);
      const { problems } = verifyLines(lines.map((l, i) => (i === k - 1 ? text : l)), heads);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.map((p) => p.line)).toEqual(problems.map(() => k));
    },
  );

  test.prop([sealedArb.filter(({ lines }) => lines.length >= 2), fc.nat()])(
    "any deleted line is detected on its line (at the end: against the published head)",
    ({ lines, heads }, seed) => {
      const k = (seed % lines.length) + 1;
      const { problems } = verifyLines(lines.filter((_, i) => i !== k - 1), heads);
      expect(problems.map((p) => [p.kind, p.line])).toEqual([k === lines.length ? ["Truncated", k - 1] : ["Deleted", k]]);
    },
  );

  test.prop([sealedArb, fc.nat(), fc.nat()])("any duplicated line is detected on a line holding a copy", ({ lines, heads }, seed, whereSeed) => {
    const k = seed % lines.length;
    const where = whereSeed % (lines.length + 1);
    const copied = [...lines.slice(0, where), lines[k]!, ...lines.slice(where)];
    const copies = linesOf(copied.length).filter((n) => copied[n - 1] === lines[k]);
    const { problems } = verifyLines(copied, heads);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((p) => p.line !== null && copies.includes(p.line))).toBe(true);
  });

  test.prop([sealedArb.filter(({ lines }) => lines.length >= 2), fc.nat(), fc.nat()])(
    "any two swapped lines are detected on one of them",
    ({ lines, heads }, a, b) => {
      const i = a % lines.length;
      const j = (i + 1 + (b % (lines.length - 1))) % lines.length;
      const swapped = lines.map((l, n) => (n === i ? lines[j]! : n === j ? lines[i]! : l));
      const { problems } = verifyLines(swapped, heads);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.some((p) => p.line === i + 1 || p.line === j + 1)).toBe(true);
    },
  );

  test.prop([sealedArb, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 })])(
    "hashed, given the hash recomputed elsewhere, answers exactly as sealed, line by line, for any reordering and copying",
    ({ lines, heads }, moves) => {
      const shuffled = [...lines];
      for (const [from, to] of moves) shuffled.splice(to % (shuffled.length + 1), 0, shuffled[from % shuffled.length]!);
      const bySealed = verifyChain({ sha256: nodeSha256, heads });
      const byHashed = verifyChain({ sha256: nodeSha256, heads });
      shuffled.forEach((text, i) => {
        const sealed = sealedEnvelopeOf(JSON.parse(text));
        if (E.isLeft(sealed) || sealed.right === null) throw new Error("a sealed line");
        const envelope = sealed.right;
        expect(byHashed.hashed(i + 1, envelope, hashEnvelope(nodeSha256, envelope.previousHash, envelope))).toEqual(bySealed.sealed(i + 1, envelope));
      });
      expect(byHashed.end()).toEqual(bySealed.end());
    },
  );
});
