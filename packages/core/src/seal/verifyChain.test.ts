import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { envelopeLine } from "../interchange/envelopeLine.js";
import { parseHistoryLine } from "../interchange/HistoryLine.js";
import { nodeSha256 } from "../node/index.js";
import { diary, enrolled, formed, launched } from "../testing-support/events.js";
import { exportLines, sealHistory, STREAM, verifyLines } from "../testing-support/sealedHistory.js";
import { describeChainProblem } from "./ChainProblem.js";
import { formatStreamHead, headsOf, parseStreamHead } from "./heads.js";
import { GENESIS_HASH, hashEnvelope, sealedText } from "./seal.js";
import { verifyChain } from "./verifyChain.js";

const history = [launched(), formed("g1"), formed("g2"), enrolled("a", "g1"), enrolled("b", "g2"), diary("d1", "a", null, "2013-03-05"), diary("d2", "b", null, "2013-03-06")];
const recorded = sealHistory(history);
const lines = exportLines(recorded);
const sentences = (ls: ReadonlyArray<string>, heads = headsOf(recorded)): ReadonlyArray<string> =>
  verifyLines(ls, heads).problems.map((p) => `${p.line ?? "-"}: ${p.problem === undefined ? p.kind : describeChainProblem(p.problem)}`);
const edit = (n: number, change: (o: Record<string, unknown>) => Record<string, unknown>): ReadonlyArray<string> =>
  lines.map((l, i) => (i === n - 1 ? JSON.stringify(change(JSON.parse(l) as Record<string, unknown>)) : l));
const moved = (order: ReadonlyArray<number>): ReadonlyArray<string> => order.map((n) => lines[n - 1]!);

describe("verifyChain", () => {
  it("refuses a window that is not a positive integer, naming it", () => {
    for (const window of [0, -1, 1.5]) expect(() => verifyChain({ sha256: nodeSha256, window })).toThrow(`window must be a positive integer, got ${window}`);
  });

  it("tells an observer each sealed line's sealed text, the one its hash covers", () => {
    const told: Array<readonly [number, string, string]> = [];
    const verifier = verifyChain({ sha256: nodeSha256, onSealedText: (line, envelope, text) => told.push([line, envelope.eventId, text]) });
    recorded.forEach((event, i) => verifier.sealed(i + 1, { ...event, previousHash: event.previousHash!, hash: event.hash! }));
    expect(told).toEqual(recorded.map((event, i) => [i + 1, event.eventId, sealedText(event)]));
    for (const [i, [, , text]] of told.entries()) expect(nodeSha256.hex(`${recorded[i]!.previousHash}\n${text}`)).toBe(recorded[i]!.hash);
  });

  it("finds nothing wrong with a sealed history, and gives its heads", () => {
    const { problems, heads } = verifyLines(lines, headsOf(recorded));
    expect(problems).toEqual([]);
    expect(heads).toEqual([{ streamId: STREAM, revision: 6n, hash: recorded[6]!.hash }]);
  });

  it("tampered: a changed field, a changed hash, a resealed event", () => {
    expect(sentences(edit(4, (o) => ({ ...o, data: { ...(o["data"] as object), name: "Group x" } })))).toEqual([
      `4: tampered: stream "${STREAM}" revision 3: its content does not match its hash`,
    ]);
    expect(sentences(edit(2, (o) => ({ ...o, hash: "f".repeat(64) })))).toEqual([`2: tampered: stream "${STREAM}" revision 1: its content does not match its hash`]);
    const resealed = edit(3, (o) => {
      const changed = { ...o, recordedAt: "2013-03-09T00:00:00.000Z" } as Record<string, unknown> & Parameters<typeof hashEnvelope>[2];
      return { ...changed, hash: hashEnvelope(nodeSha256, o["previousHash"] as string, changed) };
    });
    expect(sentences(resealed)).toEqual([
      `4: tampered: stream "${STREAM}" revision 3: its previousHash is not the hash of revision 2 (line 3); one of them was altered and resealed`,
    ]);
  });

  it("deleted: a gap in the revisions, reported at the line after it", () => {
    expect(sentences(moved([1, 2, 5, 6, 7]))).toEqual([`3: deleted: stream "${STREAM}" revisions 2–3 are missing before this line`]);
    expect(sentences(moved([2, 3, 4, 5, 6, 7]))).toEqual([`1: deleted: stream "${STREAM}" revision 0 is missing before this line`]);
  });

  it("truncated: only the published heads show that the end is missing", () => {
    expect(sentences(moved([1, 2, 3, 4, 5]), [])).toEqual([]);
    expect(sentences(moved([1, 2, 3, 4, 5]))).toEqual([
      `5: truncated: stream "${STREAM}" ends at revision 4, but its published head is revision 6: 2 events are missing at its end`,
    ]);
    expect(sentences(lines, [{ streamId: "other", revision: 0n, hash: "0".repeat(64) }])).toEqual([
      '-: truncated: stream "other" has no sealed event, though its head (revision 0) was published',
    ]);
    expect(sentences(lines, [{ ...headsOf(recorded)[0]!, hash: "a".repeat(64) }])).toEqual([
      `7: tampered: stream "${STREAM}" revision 6: its hash is not the published head's; the history was rewritten`,
    ]);
  });

  it("duplicated and reordered lines", () => {
    expect(sentences(moved([1, 2, 3, 3, 4, 5, 6, 7]))).toEqual([`4: duplicated: stream "${STREAM}" revision 2 again, a copy of line 3`]);
    expect(sentences(moved([1, 2, 3, 4, 5, 6, 7, 2]))).toEqual([`8: duplicated: stream "${STREAM}" revision 1 again, a copy of line 2`]);
    expect(sentences(moved([1, 2, 4, 3, 5, 6, 7]))).toEqual([`4: reordered: stream "${STREAM}" revision 2 comes after revision 3 (line 3)`]);
    expect(sentences(moved([1, 6, 3, 4, 5, 2, 7]))).toEqual([`6: reordered: stream "${STREAM}" revision 1 comes after revision 5 (line 2)`]);
  });

  it("inserted: a forged event, properly chained, claiming a revision the chain goes on without", () => {
    const forged = sealHistory([...history.slice(0, 3), formed("g9")]).at(-1)!;
    const withForgery = [...lines.slice(0, 3), envelopeLine(forged), ...lines.slice(3)];
    expect(sentences(withForgery)).toEqual([`4: inserted: stream "${STREAM}" revision 3 is claimed again, by an event that is not in its chain (the chain goes on from line 5)`]);
    const after = [...lines.slice(0, 4), envelopeLine(forged), ...lines.slice(4)];
    expect(sentences(after)).toEqual([`5: inserted: stream "${STREAM}" revision 3 is claimed again, by an event that is not in its chain (the chain goes on from line 4)`]);
  });

  it("unsealed lines in a sealed history, and the other way round", () => {
    const raw = JSON.stringify({ type: "GroupFormed", data: (JSON.parse(lines[1]!) as { data: unknown }).data });
    expect(sentences([...lines.slice(0, 3), raw, ...lines.slice(3)])).toEqual([
      "4: inserted: the line has no seal (previousHash, hash), though the history is sealed (line 1)",
    ]);
    expect(sentences([raw, ...lines.slice(1)], [])).toEqual([
      "2: tampered: the line is sealed, though line 1 is not: a history is sealed on every line or on none (seals not checked)",
    ]);
    // a line whose seal was stripped is reported once, not again as a gap
    const stripped = edit(3, ({ previousHash: _p, hash: _h, ...rest }) => rest);
    expect(sentences(stripped)).toEqual(["3: inserted: the line has no seal (previousHash, hash), though the history is sealed (line 1)"]);
  });

  it("hashes a line of an older schema version as it was written, not as it is upcast", () => {
    const [launch] = recorded;
    const v0 = {
      type: "VisitConducted",
      data: { campaignId: "xining-2013", visitId: "v1", groupId: "g1", cadreIds: ["a"], contactIds: [], setting: "village", purposes: ["talk"], peopleMet: 3, occurredOn: "2013-03-05" },
      schemaVersion: 0,
      eventId: "00000000-0000-4000-8000-000000000099",
      streamId: STREAM,
      streamRevision: 1,
      recordedAt: "2013-03-05T08:00:00.000Z",
      metadata: { actor: null, correlationId: null, causationId: null },
      previousHash: launch!.hash!,
    };
    const line = JSON.stringify({ ...v0, hash: hashEnvelope(nodeSha256, v0.previousHash, v0) });
    expect(verifyLines([lines[0]!, line]).problems).toEqual([]);
    const read = parseHistoryLine(line);
    expect(E.isRight(read) && read.right.event.type === "VisitConducted" ? read.right.event.data.photos : undefined).toBe(0);
  });

  it("recognises a duplicate by the last `window` events placed in any stream, first in, first out", () => {
    const h = (stream: string, revision: number, other = ""): string => `${stream}${other}${revision}`.padStart(64, "0");
    const link = (streamId: string, revision: number, other = "") => ({ streamId, streamRevision: BigInt(revision), previousHash: revision === 0 ? GENESIS_HASH : h(streamId, revision - 1), hash: h(streamId, revision, other) });
    const verifier = verifyChain({ sha256: nodeSha256, window: 3 });
    const feed = (line: number, l: ReturnType<typeof link>) => verifier.hashed(line, l, l.hash);
    // A0, B0, A1, B1 placed: the last three (B0, A1, B1) are remembered, A0 forgotten.
    for (const [line, l] of [link("A", 0), link("B", 0), link("A", 1), link("B", 1)].entries()) expect(feed(line + 1, l)).toEqual([]);
    expect(feed(5, link("A", 1))).toEqual([{ _tag: "Duplicated", line: 5, streamId: "A", revision: 1n, firstLine: 3 }]);
    expect(feed(6, link("B", 0))).toEqual([{ _tag: "Duplicated", line: 6, streamId: "B", revision: 0n, firstLine: 2 }]);
    expect(feed(7, link("A", 0))).toEqual([{ _tag: "Duplicated", line: 7, streamId: "A", revision: 0n, firstLine: null }]);
    // Placing A2 forgets B0; a stream whose revisions are the same as another's is told apart by its id.
    expect(feed(8, link("A", 2))).toEqual([]);
    expect(feed(9, link("B", 0))).toEqual([{ _tag: "Duplicated", line: 9, streamId: "B", revision: 0n, firstLine: null }]);
    expect(feed(10, link("B", 1))).toEqual([{ _tag: "Duplicated", line: 10, streamId: "B", revision: 1n, firstLine: 4 }]);
    // Another event at a remembered revision is held as a contender, and judged inserted at the end.
    expect(feed(11, link("A", 1, "x"))).toEqual([]);
    expect(verifier.end().problems).toEqual([{ _tag: "Inserted", line: 11, streamId: "A", revision: 1n, otherLine: 8 }]);
  });

  it("keeps each stream's chain apart", () => {
    const two = sealHistory(history, (i) => (i % 2 === 0 ? "a" : "b"));
    const { problems, heads } = verifyLines(exportLines(two));
    expect(problems).toEqual([]);
    expect(heads.map((h) => [h.streamId, h.revision])).toEqual([["a", 3n], ["b", 2n]]);
  });
});

describe("heads", () => {
  it("formats and parses a head as one line of JSON", () => {
    const [head] = headsOf(recorded);
    expect(parseStreamHead(formatStreamHead(head!))).toEqual(E.right(head));
    expect(formatStreamHead(head!)).toBe(`{"streamId":"${STREAM}","revision":6,"hash":"${head!.hash}"}`);
    expect(E.isLeft(parseStreamHead('{"streamId":"s","revision":-1,"hash":"x"}'))).toBe(true);
    expect(E.isLeft(parseStreamHead("{"))).toBe(true);
  });
});
