import { test } from "@fast-check/vitest";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { formatDecodeError } from "../decoding/DecodeError.js";
import { validHistoryArb } from "../testing-support/history.js";
import { exportLines, sealHistory } from "../testing-support/sealedHistory.js";
import { formed, launched } from "../testing-support/events.js";
import { toCampaignEvent } from "../store/RecordedEvent.js";
import { envelopeLine, sealedEnvelopeOf } from "./envelopeLine.js";
import { parseHistoryLine } from "./HistoryLine.js";

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
