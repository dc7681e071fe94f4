import { fc, test } from "@fast-check/vitest";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { nodeEd25519 as ed25519, nodeSha256Digest as sha256 } from "../node/index.js";
import { type Checkpoint, checkpointOrigin, checkpointText, signCheckpoint } from "./checkpoint.js";
import { cosignatureLine, cosignersOf, judgeCheckpoint, openUnderPolicy, type WitnessHeld } from "./cosignature.js";
import { consistencyPath, emptyRoot, leafHash, rangeRootsOf } from "./merkle.js";
import { signerKeyOf, verifierOf } from "./note.js";
import { formatConsistencyProof } from "./proofs.js";

const platform = { sha256, ed25519 };
const seed = (n: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + n) & 0xff);
const LOG = signerKeyOf(platform, "xining.example.gov.cn/tenfold", "ed25519", seed(1));
const IMPOSTOR = signerKeyOf(platform, "xining.example.gov.cn/tenfold", "ed25519", seed(2));
const W = [1, 2, 3].map((n) => signerKeyOf(platform, `witness${n}.example/w`, "cosignature", seed(10 + n)));
const WITNESS = W[0]!;
const ORIGIN = checkpointOrigin(LOG.name, "tenfold-campaign-xining-2013");
const TIME = 1_362_096_000; // 2013-03-01

/** Two histories of 40 events that agree up to event 20 and differ from there: a fork. */
const leavesOf = (fork: number): Uint8Array[] => Array.from({ length: 40 }, (_, i) => leafHash(sha256, new TextEncoder().encode(i < 20 ? `event ${i}` : `event ${i} of fork ${fork}`)));
const TREES = [rangeRootsOf(sha256, leavesOf(0)), rangeRootsOf(sha256, leavesOf(1))];
const rootOf = (fork: number, size: number): Uint8Array => (size === 0 ? emptyRoot(sha256) : TREES[fork]!(0, size));
const checkpointOf = (fork: number, size: number): Checkpoint => ({ origin: ORIGIN, size, root: rootOf(fork, size) });
const noteOf = (fork: number, size: number, signer = LOG): string => signCheckpoint(ed25519, checkpointOf(fork, size), signer);
const request = (old: number, fork: number, size: number, signer = LOG): string =>
  formatConsistencyProof({ oldSize: old, path: old === 0 || old > size ? [] : consistencyPath(TREES[fork]!, old, size), checkpoint: noteOf(fork, size, signer) });

const withCosignatures = (note: string, lines: ReadonlyArray<string>): string => `${note}${lines.map((l) => `${l}\n`).join("")}`;

describe("cosignatures (tlog-cosignature v1, Ed25519)", () => {
  it("signs cosignature/v1, the time and the checkpoint's text; the line holds key ID, big-endian time and signature", () => {
    const text = checkpointText(checkpointOf(0, 7));
    const line = cosignatureLine(ed25519, WITNESS, text, TIME);
    const bytes = Buffer.from(line.split(" ")[2] ?? "", "base64");
    expect(bytes.length).toBe(4 + 8 + 64);
    expect(bytes.subarray(0, 4).toString("hex")).toBe(WITNESS.keyId);
    expect(bytes.readBigUInt64BE(4)).toBe(BigInt(TIME));
    expect(ed25519.verify(WITNESS.publicKey, new TextEncoder().encode(`cosignature/v1\ntime ${TIME}\n${text}`), bytes.subarray(12))).toBe(true);
    const note = withCosignatures(noteOf(0, 7), [line]);
    expect(cosignersOf(ed25519, note, [verifierOf(WITNESS)])).toEqual(E.right([{ witness: verifierOf(WITNESS), time: TIME }]));
  });

  it("refuses a cosignature that is not over the same checkpoint", () => {
    const line = cosignatureLine(ed25519, WITNESS, checkpointText(checkpointOf(0, 7)), TIME);
    const moved = withCosignatures(noteOf(0, 8), [line]);
    expect(cosignersOf(ed25519, moved, [verifierOf(WITNESS)])).toEqual(E.left({ _tag: "BadCosignature", name: WITNESS.name, keyId: WITNESS.keyId, reason: "it does not verify over this checkpoint" }));
  });

  it("a policy needs the log's signature and k distinct witnesses of n; unknown cosigners are ignored", () => {
    const text = checkpointText(checkpointOf(0, 7));
    const [a, b, c] = W.map((w) => cosignatureLine(ed25519, w, text, TIME));
    const stranger = cosignatureLine(ed25519, signerKeyOf(platform, "stranger.example/w", "cosignature", seed(99)), text, TIME);
    const policy = { log: verifierOf(LOG), witnesses: W.map(verifierOf), quorum: 2 };
    expect(openUnderPolicy(ed25519, withCosignatures(noteOf(0, 7), [a!, stranger]), policy)).toEqual(E.left({ _tag: "QuorumNotMet", cosigned: 1, needed: 2 }));
    expect(openUnderPolicy(ed25519, withCosignatures(noteOf(0, 7), [a!, a!]), policy)).toEqual(E.left({ _tag: "QuorumNotMet", cosigned: 1, needed: 2 }));
    const met = openUnderPolicy(ed25519, withCosignatures(noteOf(0, 7), [a!, stranger, c!]), policy, ORIGIN);
    expect(E.isRight(met) && met.right.cosigned.map((x) => x.witness.name)).toEqual([W[0]!.name, W[2]!.name]);
    expect(E.isRight(openUnderPolicy(ed25519, withCosignatures(noteOf(0, 7), [b!]), { ...policy, quorum: 1 }))).toBe(true);
    expect(openUnderPolicy(ed25519, withCosignatures(noteOf(0, 7, IMPOSTOR), [a!, b!]), policy)).toEqual(E.left({ _tag: "NoKnownSignature", names: [LOG.name, W[0]!.name, W[1]!.name] }));
    expect(() => openUnderPolicy(ed25519, noteOf(0, 7), { ...policy, quorum: 4 })).toThrow(RangeError);
  });
});

describe("a witness (tlog-witness add-checkpoint)", () => {
  const judge = (body: string, held: WitnessHeld | undefined) => judgeCheckpoint(platform, { witness: WITNESS, logs: [verifierOf(LOG)], body, time: TIME }, () => held);

  it("cosigns a first checkpoint from size 0, then one that extends it, and its line verifies as a cosignature", () => {
    const first = judge(request(0, 0, 10), undefined);
    if (E.isLeft(first)) throw new Error(first.left._tag);
    expect(first.right.held).toEqual({ size: 10, root: rootOf(0, 10) });
    const second = judge(request(10, 0, 25), first.right.held);
    if (E.isLeft(second)) throw new Error(second.left._tag);
    expect(second.right.held.size).toBe(25);
    const cosigned = cosignersOf(ed25519, withCosignatures(noteOf(0, 25), [second.right.line]), [verifierOf(WITNESS)]);
    expect(E.isRight(cosigned) && cosigned.right.length).toBe(1);
  });

  it("refuses with tlog-witness's distinctions and statuses", () => {
    const held = { size: 10, root: rootOf(0, 10) };
    const stranger = signerKeyOf(platform, "elsewhere.example/log", "ed25519", seed(5));
    expect(judge("old x\n\nnothing", held)).toMatchObject(E.left({ _tag: "MalformedRequest", status: 400 }));
    expect(judge(request(0, 0, 10, stranger).replace(ORIGIN, checkpointOrigin(stranger.name, "s")), undefined)).toMatchObject(E.left({ _tag: "UnknownOrigin", status: 404 }));
    expect(judge(request(10, 0, 25, IMPOSTOR), held)).toMatchObject(E.left({ _tag: "BadLogSignature", status: 403 }));
    expect(judge(request(30, 0, 25), held)).toEqual(E.left({ _tag: "OldSizeLarger", status: 400, old: 30, size: 25 }));
    expect(judge(request(0, 0, 25), held)).toEqual(E.left({ _tag: "OldSizeNotHeld", status: 409, held: 10 }));
    expect(judge(request(5, 0, 25), undefined)).toEqual(E.left({ _tag: "OldSizeNotHeld", status: 409, held: 0 }));
    const forkHeld = { size: 25, root: rootOf(1, 25) };
    expect(judge(request(25, 0, 25), forkHeld)).toEqual(E.left({ _tag: "ForkAtSameSize", status: 409, size: 25 }));
    expect(judge(request(25, 0, 30), forkHeld)).toMatchObject(E.left({ _tag: "BadConsistencyProof", status: 422 }));
    const padded = formatConsistencyProof({ oldSize: 0, path: [rootOf(0, 2)], checkpoint: noteOf(0, 10) });
    expect(judge(padded, undefined)).toEqual(E.left({ _tag: "BadConsistencyProof", status: 422, reason: "the proof from size 0 must be empty" }));
  });

  const requestArb = fc.record({ fork: fc.integer({ min: 0, max: 1 }), size: fc.integer({ min: 0, max: 40 }), old: fc.integer({ min: 0, max: 40 }), honestOld: fc.boolean() });
  test.prop([fc.array(requestArb, { minLength: 1, maxLength: 30 })], { numRuns: 100 })(
    "never cosigns two checkpoints of one size with different roots, nor a smaller size, nor both forks, whatever the order of requests",
    (requests) => {
      let held: WitnessHeld | undefined;
      const cosigned: Array<{ fork: number; size: number; root: Uint8Array }> = [];
      for (const r of requests) {
        const old = r.honestOld ? Math.min(held?.size ?? 0, r.size) : r.old;
        const judged = judge(request(old, r.fork, r.size), held);
        if (E.isRight(judged)) {
          held = judged.right.held;
          cosigned.push({ fork: r.fork, size: r.size, root: judged.right.checkpoint.root });
        }
      }
      for (let i = 1; i < cosigned.length; i++) expect(cosigned[i]!.size).toBeGreaterThanOrEqual(cosigned[i - 1]!.size);
      for (const a of cosigned) {
        for (const b of cosigned) {
          if (a.size === b.size) expect(Buffer.from(a.root).equals(Buffer.from(b.root))).toBe(true);
          // Past the fork point (20), only one fork's checkpoints are ever cosigned.
          if (a.size > 20 && b.size > 20) expect(a.fork).toBe(b.fork);
        }
      }
    },
  );
});
