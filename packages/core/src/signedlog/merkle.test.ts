import * as E from "fp-ts/lib/Either.js";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { nodeSha256, nodeSha256Digest as sha256 } from "../node/index.js";
import { sealedText } from "../seal/seal.js";
import * as ev from "../testing-support/events.js";
import { sealHistory } from "../testing-support/sealedHistory.js";
import { consistencyPath, describeProofRefused, emptyRoot, eventLeafHash, inclusionPath, leafHash, nodeHash, rangeRootsOf, sealedTextLeafHash, verifyConsistency, verifyInclusion } from "./merkle.js";
import { merkleFrontier, merkleRoot } from "./frontier.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "hex"));

/* The reference tree of RFC 6962's test data (Certificate Transparency): eight leaves and the root of each prefix. */
const CT_LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map((h) => leafHash(sha256, fromHex(h)));
const CT_ROOTS = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

/** RFC 9162 §2.1.1's definition, recursion and all: the oracle for the frontier and the range roots. */
const definitionRoot = (leaves: ReadonlyArray<Uint8Array>): Uint8Array => {
  if (leaves.length === 0) return emptyRoot(sha256);
  if (leaves.length === 1) return leaves[0] as Uint8Array;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(sha256, definitionRoot(leaves.slice(0, k)), definitionRoot(leaves.slice(k)));
};

const MAX = 300;
const LEAVES = Array.from({ length: MAX }, (_, i) => leafHash(sha256, new TextEncoder().encode(`event ${i}`)));
const RANGE_ROOT = rangeRootsOf(sha256, LEAVES);
const ROOTS = [emptyRoot(sha256), ...Array.from({ length: MAX }, (_, n) => RANGE_ROOT(0, n + 1))];
const root = (n: number): Uint8Array => ROOTS[n] as Uint8Array;

const flipBit = (hashes: ReadonlyArray<Uint8Array>, which: number, bit: number): Uint8Array[] =>
  hashes.map((h, i) => {
    if (i !== which) return h;
    const copy = new Uint8Array(h);
    copy[bit >> 3] = (copy[bit >> 3] ?? 0) ^ (1 << (bit & 7));
    return copy;
  });

describe("the Merkle tree (RFC 9162 §2.1)", () => {
  it("hashes a sealed text's leaf as SHA-256(0x00 ‖ UTF-8), whether the platform hashes text itself or not", () => {
    const bytesOnly = { digest: sha256.digest };
    for (const text of ["", "{\"type\":\"GroupFormed\"}", "第二组 · Group two", "emoji 🧧 and \u0000 inside"]) {
      const expected = leafHash(sha256, new TextEncoder().encode(text));
      expect(hex(sealedTextLeafHash(sha256, text)), text).toBe(hex(expected));
      expect(hex(sealedTextLeafHash(bytesOnly, text)), text).toBe(hex(expected));
    }
  });

  it("matches RFC 6962's reference roots for every size 0 to 8, and the empty tree's known root", () => {
    for (let n = 0; n <= 8; n++) expect(hex(merkleRoot(sha256, CT_LEAVES.slice(0, n))), `size ${n}`).toBe(CT_ROOTS[n]);
    expect(Buffer.from(emptyRoot(sha256)).toString("base64")).toBe("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  });

  it("gives RFC 6962's reference inclusion and consistency paths", () => {
    const ct = rangeRootsOf(sha256, CT_LEAVES);
    expect(inclusionPath(ct, 0, 8).map(hex)).toEqual([
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ]);
    expect(inclusionPath(ct, 5, 8).map(hex)).toEqual([
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ]);
    expect(consistencyPath(ct, 1, 1)).toEqual([]);
    expect(consistencyPath(ct, 1, 8).map(hex)).toEqual([
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ]);
    expect(consistencyPath(ct, 6, 8).map(hex)).toEqual([
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ]);
    expect(consistencyPath(ct, 2, 5).map(hex)).toEqual([
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ]);
  });

  it(`the frontier's root after every append, and the range roots, equal the recursive definition for every size up to ${MAX}`, () => {
    const frontier = merkleFrontier(sha256);
    expect(frontier.root()).toEqual(emptyRoot(sha256));
    for (let n = 1; n <= MAX; n++) {
      frontier.append(LEAVES[n - 1] as Uint8Array);
      expect(frontier.size()).toBe(n);
      const expected = definitionRoot(LEAVES.slice(0, n));
      expect(hex(frontier.root()), `size ${n}`).toBe(hex(expected));
      expect(hex(root(n)), `size ${n}`).toBe(hex(expected));
    }
  });

  it(`every inclusion proof verifies, for every leaf of every size up to ${MAX}; up to 100, against another root, another index or another leaf it does not`, () => {
    for (let n = 1; n <= MAX; n++) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionPath(RANGE_ROOT, i, n);
        const leaf = LEAVES[i] as Uint8Array;
        expect(verifyInclusion(sha256, i, n, leaf, proof, root(n)), `leaf ${i} of ${n}`).toEqual(E.right(undefined));
        if (n > 1 && n <= 100) {
          expect(E.isLeft(verifyInclusion(sha256, i, n, leaf, proof, root(n - 1)))).toBe(true);
          expect(E.isLeft(verifyInclusion(sha256, (i + 1) % n, n, leaf, proof, root(n)))).toBe(true);
          expect(E.isLeft(verifyInclusion(sha256, i, n, LEAVES[(i + 1) % n] as Uint8Array, proof, root(n)))).toBe(true);
        }
      }
    }
  });

  it(`every consistency proof verifies, for every pair of sizes up to ${MAX}`, () => {
    for (let n = 0; n <= MAX; n++) {
      for (let m = 0; m <= n; m++) {
        const proof = consistencyPath(RANGE_ROOT, m, n);
        expect(verifyConsistency(sha256, m, n, root(m), root(n), proof), `${m} → ${n}`).toEqual(E.right(undefined));
      }
    }
  });

  const pairs = fc.integer({ min: 2, max: MAX }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 })));
  test.prop([pairs, fc.nat(), fc.nat(255)], { numRuns: 500 })(
    "refuses any single change to a proof: a flipped bit, a hash dropped or added, another index or size",
    ([n, i], pick, bit) => {
      const leaf = LEAVES[i] as Uint8Array;
      const proof = inclusionPath(RANGE_ROOT, i, n);
      const refused = (hashes: ReadonlyArray<Uint8Array>, index = i, size = n) => E.isLeft(verifyInclusion(sha256, index, size, leaf, hashes, root(size)));
      if (proof.length > 0) {
        expect(refused(flipBit(proof, pick % proof.length, bit))).toBe(true);
        expect(refused(proof.slice(0, -1))).toBe(true);
      }
      expect(refused([...proof, LEAVES[pick % MAX] as Uint8Array])).toBe(true);
      const otherSize = i < n - 1 ? n - 1 : n + 1;
      if (otherSize <= MAX) expect(refused(proof, i, otherSize)).toBe(true);
      expect(refused(proof, (i + 1) % n)).toBe(true);

      const m = 1 + (pick % (n - 1)); // 1 ≤ m < n
      const consistency = consistencyPath(RANGE_ROOT, m, n);
      const inconsistent = (hashes: ReadonlyArray<Uint8Array>, first = m, second = n) => E.isLeft(verifyConsistency(sha256, first, second, root(first), root(second), hashes));
      expect(inconsistent(flipBit(consistency, pick % consistency.length, bit))).toBe(true);
      expect(inconsistent(consistency.slice(0, -1))).toBe(true);
      expect(inconsistent([...consistency, LEAVES[pick % MAX] as Uint8Array])).toBe(true);
      if (m + 1 < n) expect(inconsistent(consistency, m + 1)).toBe(true);
      if (n + 1 <= MAX) expect(inconsistent(consistency, m, n + 1)).toBe(true);
    },
  );

  it("says which edge case a proof fails on (RFC 9162's rules)", () => {
    const leaf = LEAVES[0] as Uint8Array;
    expect(verifyInclusion(sha256, 0, 0, leaf, [], emptyRoot(sha256))).toEqual(E.left({ _tag: "IndexNotInTree", index: 0, size: 0 }));
    expect(verifyInclusion(sha256, 3, 3, leaf, [], root(3))).toEqual(E.left({ _tag: "IndexNotInTree", index: 3, size: 3 }));
    expect(verifyInclusion(sha256, 0, 1, leaf, [], root(1))).toEqual(E.right(undefined));
    expect(verifyInclusion(sha256, 0, 1, leaf, [leaf], root(1))).toEqual(E.left({ _tag: "ProofTooLong", hashes: 1 }));
    expect(verifyInclusion(sha256, 4, 5, LEAVES[4] as Uint8Array, [], root(5))).toEqual(E.left({ _tag: "ProofTooShort", hashes: 0 }));
    expect(verifyInclusion(sha256, 4, 5, LEAVES[4] as Uint8Array, inclusionPath(RANGE_ROOT, 4, 5), root(4))).toEqual(E.left({ _tag: "RootMismatch", which: "root" }));

    expect(verifyConsistency(sha256, 5, 4, root(5), root(4), [])).toEqual(E.left({ _tag: "SizesOutOfOrder", first: 5, second: 4 }));
    expect(verifyConsistency(sha256, 4, 4, root(4), root(4), [])).toEqual(E.right(undefined));
    expect(verifyConsistency(sha256, 4, 4, root(4), root(3), [])).toEqual(E.left({ _tag: "RootMismatch", which: "second" }));
    expect(verifyConsistency(sha256, 4, 4, root(4), root(4), [leaf])).toEqual(E.left({ _tag: "ProofNotEmpty", hashes: 1 }));
    expect(verifyConsistency(sha256, 0, 7, emptyRoot(sha256), root(7), [])).toEqual(E.right(undefined));
    expect(verifyConsistency(sha256, 0, 7, emptyRoot(sha256), root(7), [leaf])).toEqual(E.left({ _tag: "ProofNotEmpty", hashes: 1 }));
    expect(verifyConsistency(sha256, 3, 7, root(3), root(7), [])).toEqual(E.left({ _tag: "ProofEmpty" }));
    expect(verifyConsistency(sha256, 3, 7, root(2), root(7), consistencyPath(RANGE_ROOT, 3, 7))).toEqual(E.left({ _tag: "RootMismatch", which: "first" }));
    expect(verifyConsistency(sha256, 3, 7, root(3), root(6), consistencyPath(RANGE_ROOT, 3, 7))).toEqual(E.left({ _tag: "RootMismatch", which: "second" }));
    expect(describeProofRefused({ _tag: "ProofTooShort", hashes: 2 })).toBe("the proof has fewer hashes (2) than the tree's shape takes");
  });

  it("an event's leaf is the UTF-8 of its sealed text: what the chain hashes after previousHash and a newline", () => {
    const sealed = sealHistory([ev.launched(), ev.formed("g1"), ev.formed("g2", "2013-03-03", "第二组 · Group two")]);
    for (const event of sealed) {
      const text = sealedText(event);
      expect(nodeSha256.hex(`${event.previousHash ?? ""}\n${text}`)).toBe(event.hash);
      expect(hex(eventLeafHash(sha256, event))).toBe(hex(leafHash(sha256, new Uint8Array(Buffer.from(text, "utf8")))));
    }
  });

  it("throws a RangeError for paths asked of leaves or sizes the tree does not have", () => {
    expect(() => inclusionPath(RANGE_ROOT, 5, 5)).toThrow(RangeError);
    expect(() => inclusionPath(RANGE_ROOT, -1, 5)).toThrow(RangeError);
    expect(() => consistencyPath(RANGE_ROOT, 6, 5)).toThrow(RangeError);
    expect(() => consistencyPath(RANGE_ROOT, 1.5, 5)).toThrow(RangeError);
    expect(() => RANGE_ROOT(0, MAX + 1)).toThrow(RangeError);
  });
});
