import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { nodeEd25519 as ed25519, nodeSha256Digest as sha256 } from "../node/index.js";
import * as ev from "../testing-support/events.js";
import { sealHistory } from "../testing-support/sealedHistory.js";
import { type Checkpoint, checkpointOrigin, signCheckpoint } from "./checkpoint.js";
import { consistencyPath, emptyRoot, eventLeafHash, inclusionPath, rangeRootsOf } from "./merkle.js";
import { signerKeyOf, verifierOf } from "./note.js";
import {
  formatConsistencyProof,
  formatInclusionProof,
  MAX_CONSISTENCY_LINES,
  parseConsistencyProof,
  parseInclusionProof,
  verifyCheckpointConsistency,
  verifyEventInclusion,
} from "./proofs.js";

const platform = { sha256, ed25519 };
const seed = (n: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (i * 13 + n) & 0xff);
const LOG = signerKeyOf(platform, "xining.example.gov.cn/tenfold", "ed25519", seed(1));
const OTHER = signerKeyOf(platform, "elsewhere.example/log", "ed25519", seed(2));

const EVENTS = sealHistory([ev.launched(), ...Array.from({ length: 9 }, (_, i) => ev.formed(`g${i}`))]);
const STREAM = EVENTS[0]?.streamId ?? "";
const ORIGIN = checkpointOrigin(LOG.name, STREAM);
const RANGES = rangeRootsOf(sha256, EVENTS.map((e) => eventLeafHash(sha256, e)));
const checkpointOf = (size: number): Checkpoint => ({ origin: ORIGIN, size, root: size === 0 ? emptyRoot(sha256) : RANGES(0, size) });
const NOTE_10 = signCheckpoint(ed25519, checkpointOf(10), LOG);

const proofOf = (revision: number, size = 10, note = NOTE_10): string => formatInclusionProof({ index: revision, path: inclusionPath(RANGES, revision, size), checkpoint: note });

describe("inclusion proofs (tlog-proof v1)", () => {
  it("proves each event of the stream, offline, against the signed checkpoint", () => {
    for (const [i, event] of EVENTS.entries()) {
      const checked = verifyEventInclusion(platform, proofOf(i), event, verifierOf(LOG));
      expect(E.isRight(checked) && checked.right.checkpoint.size, `revision ${i}`).toBe(10);
    }
  });

  it("takes the revision as an export line carries it (a number) as well as a bigint", () => {
    const event = EVENTS[6]!;
    expect(E.isRight(verifyEventInclusion(platform, proofOf(6), { ...event, streamRevision: 6 }, verifierOf(LOG)))).toBe(true);
  });

  it("writes the format's lines and reads them back", () => {
    const text = proofOf(3);
    const lines = text.split("\n");
    expect(lines.slice(0, 2)).toEqual(["c2sp.org/tlog-proof@v1", "index 3"]);
    expect(lines[2 + inclusionPath(RANGES, 3, 10).length]).toBe("");
    expect(text.endsWith(NOTE_10)).toBe(true);
    expect(parseInclusionProof(text)).toEqual(E.right({ index: 3, path: inclusionPath(RANGES, 3, 10), checkpoint: NOTE_10 }));
    const withExtra = formatInclusionProof({ index: 3, path: inclusionPath(RANGES, 3, 10), checkpoint: NOTE_10, extra: new Uint8Array([1, 2, 3]) });
    expect(withExtra.split("\n")[1]).toBe("extra AQID");
    expect(E.isRight(verifyEventInclusion(platform, withExtra, EVENTS[3] ?? EVENTS[0]!, verifierOf(LOG)))).toBe(true);
  });

  it("refuses a changed event, another event, another log's checkpoint, or a changed path", () => {
    const event = EVENTS[4]!;
    const changed = { ...event, data: { ...event.data, name: "Group changed" } } as typeof event;
    expect(verifyEventInclusion(platform, proofOf(4), changed, verifierOf(LOG))).toEqual(E.left({ _tag: "RootMismatch", which: "root" }));
    expect(verifyEventInclusion(platform, proofOf(4), EVENTS[5]!, verifierOf(LOG))).toEqual(
      E.left({ _tag: "NotThisEvent", reason: `the proof is of index 4, the event is revision 5 of ${STREAM}` }),
    );
    expect(verifyEventInclusion(platform, proofOf(4, 10, signCheckpoint(ed25519, checkpointOf(10), OTHER)), event, verifierOf(LOG))).toEqual(E.left({ _tag: "NoKnownSignature", names: [OTHER.name] }));
    const dropped = formatInclusionProof({ index: 4, path: inclusionPath(RANGES, 4, 10).slice(1), checkpoint: NOTE_10 });
    expect(verifyEventInclusion(platform, dropped, event, verifierOf(LOG))).toMatchObject(E.left({ _tag: "ProofTooShort" }));
  });

  it("refuses an event of another stream: the checkpoint's origin names the stream", () => {
    const elsewhere = { ...EVENTS[2]!, streamId: "tenfold-campaign-other" };
    expect(verifyEventInclusion(platform, proofOf(2), elsewhere, verifierOf(LOG))).toEqual(
      E.left({ _tag: "MalformedCheckpoint", line: 1, reason: `the checkpoint is of origin "${ORIGIN}", not "${LOG.name}/tenfold-campaign-other"` }),
    );
  });

  it.each([
    ["another first line", (t: string) => t.replace("c2sp.org/tlog-proof@v1", "c2sp.org/tlog-proof@v2"), 1, "the first line must be c2sp.org/tlog-proof@v1"],
    ["an index with a leading zero", (t: string) => t.replace("index 3", "index 03"), 2, "expected index N (a decimal number without leading zeros)"],
    ["no index", (t: string) => t.replace("index 3\n", ""), 2, "expected index N (a decimal number without leading zeros)"],
    ["bad extra data", (t: string) => t.replace("index 3", "extra !!\nindex 3"), 2, "the extra data is not canonical base64"],
    ["a hash line that is not a hash", (t: string) => t.replace(/\nindex 3\n[^\n]+\n/, "\nindex 3\nAQID\n"), 3, "a proof line is the base64 of one 32-byte hash"],
  ])("refuses a proof with %s, naming the line", (_, change, line, reason) => {
    expect(parseInclusionProof(change(proofOf(3)))).toEqual(E.left({ _tag: "MalformedProof", line, reason }));
  });

  it("refuses a proof without the empty line or the checkpoint", () => {
    const lines = proofOf(3).split("\n");
    const blank = lines.indexOf("");
    expect(parseInclusionProof(lines.slice(0, blank).join("\n"))).toEqual(E.left({ _tag: "MalformedProof", line: blank, reason: "no empty line before the checkpoint" }));
    expect(parseInclusionProof(`${lines.slice(0, blank + 1).join("\n")}\n`)).toEqual(E.left({ _tag: "MalformedProof", line: blank + 2, reason: "the checkpoint is missing after the empty line" }));
  });
});

describe("consistency proofs (add-checkpoint bodies)", () => {
  const held = checkpointOf(4);
  const body = (old: number, size: number, note = signCheckpoint(ed25519, checkpointOf(size), LOG)): string =>
    formatConsistencyProof({ oldSize: old, path: consistencyPath(RANGES, old, size), checkpoint: note });

  it("shows that a later checkpoint extends the one held, for every pair of sizes", () => {
    for (let m = 0; m <= 10; m++) {
      for (let n = m; n <= 10; n++) {
        const checked = verifyCheckpointConsistency(platform, checkpointOf(m), body(m, n), verifierOf(LOG));
        expect(E.isRight(checked) && checked.right.checkpoint.size, `${m} → ${n}`).toBe(n);
      }
    }
    expect(body(4, 10).split("\n")[0]).toBe("old 4");
    expect(parseConsistencyProof(body(4, 10))).toMatchObject(E.right({ oldSize: 4, path: consistencyPath(RANGES, 4, 10) }));
  });

  it("refuses a fork: a checkpoint of the same size with another root, or one that rewrote an old event", () => {
    const forked = { ...checkpointOf(10), root: RANGES(0, 9) };
    const forkNote = signCheckpoint(ed25519, forked, LOG);
    expect(verifyCheckpointConsistency(platform, checkpointOf(10), formatConsistencyProof({ oldSize: 10, path: [], checkpoint: forkNote }), verifierOf(LOG))).toEqual(
      E.left({ _tag: "RootMismatch", which: "second" }),
    );
    const rewritten = { ...held, root: RANGES(1, 5) }; // what an auditor held, had event 0 been other
    expect(E.isLeft(verifyCheckpointConsistency(platform, rewritten, body(4, 10), verifierOf(LOG)))).toBe(true);
  });

  it("refuses a proof from another size than the one held, or another origin", () => {
    expect(verifyCheckpointConsistency(platform, held, body(5, 10), verifierOf(LOG))).toEqual(
      E.left({ _tag: "MalformedProof", line: 1, reason: "the proof is from size 5, the checkpoint held is of size 4" }),
    );
    const otherOrigin = signCheckpoint(ed25519, { ...checkpointOf(10), origin: checkpointOrigin(LOG.name, "tenfold-campaign-other") }, LOG);
    expect(verifyCheckpointConsistency(platform, held, body(4, 10, otherOrigin), verifierOf(LOG))).toMatchObject(E.left({ _tag: "MalformedCheckpoint", line: 1 }));
  });

  it(`refuses a body with a bad old line or more than ${MAX_CONSISTENCY_LINES} hash lines`, () => {
    expect(parseConsistencyProof(body(4, 10).replace("old 4", "old four"))).toEqual(E.left({ _tag: "MalformedProof", line: 1, reason: "expected old N (a decimal number without leading zeros)" }));
    const hash = Buffer.from(RANGES(0, 2)).toString("base64");
    const long = `old 4\n${`${hash}\n`.repeat(MAX_CONSISTENCY_LINES + 1)}\n${NOTE_10}`;
    expect(parseConsistencyProof(long)).toEqual(E.left({ _tag: "MalformedProof", line: MAX_CONSISTENCY_LINES + 2, reason: `a proof has at most ${MAX_CONSISTENCY_LINES} hash lines` }));
  });
});
