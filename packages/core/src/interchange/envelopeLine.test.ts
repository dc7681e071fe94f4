import { fc, test } from "@fast-check/vitest";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { formatDecodeError } from "../decoding/DecodeError.js";
import { validHistoryArb } from "../testing-support/history.js";
import { exportLines, sealHistory } from "../testing-support/sealedHistory.js";
import { enrolled, formed, launched } from "../testing-support/events.js";
import { toCampaignEvent } from "../store/RecordedEvent.js";
import { envelopeLine, sealedEnvelopeByCodecs, sealedEnvelopeOf } from "./envelopeLine.js";
import { decodeHistoryLine, decodeSealedHistoryLine, parseHistoryLine } from "./HistoryLine.js";

const [first] = sealHistory([launched(), formed("g1")]);

describe("envelopeLine", () => {
  it("writes DOMAIN.md's envelope, in its order, the revision as a number", () => {
    const keys = Object.keys(JSON.parse(envelopeLine(first!)) as object);
    expect(keys).toEqual(["type", "data", "schemaVersion", "eventId", "streamId", "streamRevision", "recordedAt", "metadata", "previousHash", "hash"]);
    expect(envelopeLine(first!)).toContain('"streamRevision":0,');
    const { previousHash: _p, hash: _h, ...unsealed } = first!;
    expect(Object.keys(JSON.parse(envelopeLine(unsealed)) as object)).not.toContain("hash");
  });

  test.prop([validHistoryArb])("reads back as the same events and envelopes", (events) => {
    const recorded = sealHistory(events);
    exportLines(recorded).forEach((text, i) => {
      const e = recorded[i]!;
      expect(parseHistoryLine(text)).toEqual(
        E.right({
          event: toCampaignEvent(e),
          envelope: { schemaVersion: 1, eventId: e.eventId, streamId: e.streamId, streamRevision: Number(e.streamRevision), recordedAt: e.recordedAt, metadata: e.metadata, previousHash: e.previousHash, hash: e.hash },
        }),
      );
    });
  });
});

describe("sealedEnvelopeOf", () => {
  const line = JSON.parse(envelopeLine(first!)) as Record<string, unknown>;

  it("is null for a line without a seal, and the envelope as written for a sealed one", () => {
    expect(sealedEnvelopeOf({ type: "GroupFormed", data: {} })).toEqual(E.right(null));
    expect(sealedEnvelopeOf(line)).toEqual(E.right({ ...line }));
  });

  it("keeps data as written, even when it is not a valid event", () => {
    const odd = { ...line, type: "Nope", data: { anything: [1, 2] } };
    expect(sealedEnvelopeOf(odd)).toEqual(E.right(odd));
  });

  it("wants the whole envelope on a sealed line", () => {
    const { metadata: _m, eventId: _e, ...partial } = line;
    const r = sealedEnvelopeOf({ ...partial, hash: "XYZ" });
    expect(E.isLeft(r) ? formatDecodeError(r.left) : []).toEqual([
      "eventId: is required on a sealed line (it carries the whole envelope)",
      "metadata: is required on a sealed line (it carries the whole envelope)",
      'hash: expected 64 lowercase hex digits, got "XYZ"',
    ]);
  });

  it("refuses numbers JSON cannot write back (1e400 parses as Infinity), naming where", () => {
    const r = sealedEnvelopeOf(JSON.parse(JSON.stringify({ ...line, data: { amountFen: 1, nested: [0, 2] } }).replace('"amountFen":1', '"amountFen":1e400').replace("[0,2]", "[0,-2e999]")));
    expect(E.isLeft(r) ? formatDecodeError(r.left) : []).toEqual([
      "data.amountFen: is a number too large to be written back as JSON",
      "data.nested[1]: is a number too large to be written back as JSON",
    ]);
  });
});

/** Sealed lines as parsed: schema 1, and schema 2 with a personal entry. */
const sealedObjects = (): ReadonlyArray<Record<string, unknown>> => {
  const lines = exportLines(sealHistory([launched(), formed("g1"), enrolled("a", "g1")])).map((l) => JSON.parse(l) as Record<string, unknown>);
  const cadre = lines[2] as Record<string, unknown>;
  return [...lines, { ...cadre, schemaVersion: 2, data: { ...(cadre["data"] as object), name: null }, personal: { name: { subject: "cadre:a", commitment: "c".repeat(64) } } }];
};

/** Values a field may be given: well formed for some field, or not for any. */
const oddValue = fc.oneof(
  fc.constantFrom<unknown>(null, 0, -1, 1.5, 2 ** 53, "", "x", [], {}, true, "A".repeat(64), "a".repeat(64), "a".repeat(63), "00000000-0000-4000-8000-00000000000A", "2013-02-30T00:00:00Z", "2013-13-01T00:00:00Z", "2013-03-01T08:00:00.000Z", "2013-03-01", 1e400),
  fc.record({ actor: fc.constantFrom<unknown>(null, "x", 1), correlationId: fc.constantFrom<unknown>(null, "y"), causationId: fc.constantFrom<unknown>(null, "z", undefined) }, { requiredKeys: [] }),
  fc.record({ name: fc.record({ subject: fc.constantFrom<unknown>("cadre:a", "nobody", 1), commitment: fc.constantFrom<unknown>("c".repeat(64), "C".repeat(64), null), salt: fc.constantFrom<unknown>("a".repeat(32), 5) }, { requiredKeys: [] }) }, { requiredKeys: [] }),
  fc.jsonValue(),
);

const FIELDS = ["type", "data", "schemaVersion", "eventId", "streamId", "streamRevision", "recordedAt", "metadata", "previousHash", "hash", "personal", "extra"];

/** Changes of a few fields: each given an odd value, or left out (undefined). */
const changesArb = fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.option(oddValue, { nil: undefined })), { maxLength: 3 });

/** One of the sealed objects with `changes` made; a field changed to undefined is a field left out, as JSON would have it. */
const changedLine = (which: number, changes: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> => {
  const objects = sealedObjects();
  const changed: Record<string, unknown> = { ...objects[which % objects.length] };
  for (const [field, value] of changes) changed[field] = value;
  return Object.fromEntries(Object.entries(changed).filter(([, value]) => value !== undefined));
};

describe("sealedEnvelopeOf, its checks without the codecs", () => {
  test.prop([fc.nat(), changesArb], { seed: 20130305, numRuns: 2000 })(
    "answers exactly as the codecs do, for well-formed lines and for lines with any field changed or missing",
    (which, changes) => {
      const line = changedLine(which, changes);
      if (!("previousHash" in line || "hash" in line)) return;
      const byCodecs = sealedEnvelopeByCodecs(line);
      expect(sealedEnvelopeOf(line)).toStrictEqual(byCodecs);
    },
  );
});

describe("decodeSealedHistoryLine", () => {
  test.prop([fc.nat(), changesArb], { seed: 20130306, numRuns: 2000 })(
    "decodes a line whose seal was read exactly as decodeHistoryLine does, its envelope's keys in the same order",
    (which, changes) => {
      const line = changedLine(which, changes);
      const sealed = sealedEnvelopeOf(line);
      if (E.isLeft(sealed) || sealed.right === null) return;
      const decoded = decodeHistoryLine(line);
      const given = decodeSealedHistoryLine(line, sealed.right);
      expect(given).toStrictEqual(decoded);
      if (E.isRight(given) && E.isRight(decoded)) expect(JSON.stringify(given.right)).toBe(JSON.stringify(decoded.right));
    },
  );

  test.prop([validHistoryArb])("decodes every line of a sealed history as decodeHistoryLine does", (events) => {
    for (const text of exportLines(sealHistory(events))) {
      const line = JSON.parse(text) as unknown;
      const sealed = sealedEnvelopeOf(line);
      if (E.isLeft(sealed) || sealed.right === null) throw new Error("an exported line has a seal");
      expect(decodeSealedHistoryLine(line, sealed.right)).toStrictEqual(decodeHistoryLine(line));
    }
  });
});
