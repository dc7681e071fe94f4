import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { nodeSha256Digest as sha256 } from "../node/index.js";
import { project } from "../projections/Projection.js";
import * as ev from "../testing-support/events.js";
import { sealHistory } from "../testing-support/sealedHistory.js";
import { consistencyPath, emptyRoot, eventLeafHash, inclusionPath, leafHash, rangeRootsOf, verifyConsistency, verifyInclusion } from "./merkle.js";
import { merkleRoot } from "./frontier.js";
import { emptyMerkleTree, logTreeProjection, type MerkleTree } from "./tree.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

const MAX = 300;
const LEAVES = Array.from({ length: MAX }, (_, i) => leafHash(sha256, new TextEncoder().encode(`event ${i}`)));
const REFERENCE = rangeRootsOf(sha256, LEAVES);

const grown = (leaves: ReadonlyArray<Uint8Array>, from: MerkleTree = emptyMerkleTree(sha256)): MerkleTree => leaves.reduce((tree, leaf) => tree.append(leaf), from);

describe("the Merkle tree held whole", () => {
  it(`gives the root at every size, every inclusion path and every consistency path of the reference (which verify, checked up to 64), for every size up to ${MAX}`, () => {
    const trees: MerkleTree[] = [emptyMerkleTree(sha256)];
    for (const leaf of LEAVES) trees.push((trees.at(-1) as MerkleTree).append(leaf));
    const whole = trees[MAX] as MerkleTree;
    expect(whole.root(0)).toEqual(emptyRoot(sha256));
    for (let n = 1; n <= MAX; n++) {
      const tree = trees[n] as MerkleTree;
      const root = REFERENCE(0, n);
      expect(tree.size).toBe(n);
      expect(hex(tree.root()), `size ${n}`).toBe(hex(root));
      expect(hex(whole.root(n)), `size ${n} of the whole`).toBe(hex(root));
      for (let i = 0; i < n; i++) {
        const path = inclusionPath(whole.rangeRoot, i, n);
        expect(path.map(hex), `leaf ${i} of ${n}`).toEqual(inclusionPath(REFERENCE, i, n).map(hex));
        if (n <= 64) expect(verifyInclusion(sha256, i, n, LEAVES[i] as Uint8Array, path, root)._tag).toBe("Right");
      }
      for (let m = 0; m <= n; m++) {
        const path = consistencyPath(tree.rangeRoot, m, n);
        expect(path.map(hex), `${m} → ${n}`).toEqual(consistencyPath(REFERENCE, m, n).map(hex));
        if (m > 0 && n <= 64) expect(verifyConsistency(sha256, m, n, REFERENCE(0, m), root, path)._tag, `${m} → ${n}`).toBe("Right");
      }
    }
  });

  it("is a value: a tree appended to is unchanged, and appending to an older tree forks a line of its own", () => {
    const at100 = grown(LEAVES.slice(0, 100));
    const at200 = grown(LEAVES.slice(100, 200), at100);
    const rootAt100 = at100.root();
    const fork = grown([leafHash(sha256, new Uint8Array([1])), leafHash(sha256, new Uint8Array([2]))], at100);
    const at250 = grown(LEAVES.slice(200, 250), at200);
    expect(at100.size).toBe(100);
    expect(at100.root()).toEqual(rootAt100);
    expect(hex(at200.root())).toBe(hex(REFERENCE(0, 200)));
    expect(hex(at250.root())).toBe(hex(REFERENCE(0, 250)));
    expect(hex(fork.root())).toBe(hex(merkleRoot(sha256, [...LEAVES.slice(0, 100), leafHash(sha256, new Uint8Array([1])), leafHash(sha256, new Uint8Array([2]))])));
    expect(hex(fork.root(100))).toBe(hex(rootAt100));
  });

  it("returns copies: changing a returned hash does not change the tree", () => {
    const tree = grown(LEAVES.slice(0, 8));
    const root = tree.root();
    tree.rangeRoot(0, 4).fill(0);
    tree.root().fill(0);
    expect(tree.root()).toEqual(root);
  });

  test.prop([fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 80 }), fc.nat(), fc.nat()], { seed: 1303 })(
    "over any leaves, any range's root is the definition's (range roots over the leaves held in a list)",
    (leaves, a, b) => {
      const tree = grown(leaves);
      if (leaves.length === 0) {
        expect(() => tree.rangeRoot(0, 1)).toThrow(RangeError);
        return;
      }
      const from = a % leaves.length;
      const to = from + 1 + (b % (leaves.length - from));
      expect(hex(tree.rangeRoot(from, to))).toBe(hex(rangeRootsOf(sha256, leaves)(from, to)));
    },
  );

  it("throws a RangeError for a range or size outside the tree and for a leaf that is not 32 bytes", () => {
    const tree = grown(LEAVES.slice(0, 5));
    expect(() => tree.rangeRoot(0, 6)).toThrow(/not within a tree of 5 leaves/);
    expect(() => tree.rangeRoot(3, 3)).toThrow(RangeError);
    expect(() => tree.rangeRoot(-1, 2)).toThrow(RangeError);
    expect(() => tree.root(6)).toThrow(/size 6 is not within a tree of 5 leaves/);
    expect(() => tree.root(1.5)).toThrow(RangeError);
    expect(() => tree.append(new Uint8Array(31))).toThrow(/32 bytes, got 31/);
  });
});

describe("the log tree projection", () => {
  const history = sealHistory([ev.launched(), ev.formed("g1"), ev.formed("g2"), ev.formed("g3")]);

  it("folds a stream's events into the tree of their sealed texts' leaves", () => {
    const tree = project(logTreeProjection(sha256), history);
    expect(tree.size).toBe(4);
    expect(hex(tree.root())).toBe(hex(merkleRoot(sha256, history.map((event) => eventLeafHash(sha256, event)))));
  });

  it("throws on an event out of its stream's revision order", () => {
    const projection = logTreeProjection(sha256);
    const [first, second, third] = history;
    const tree = projection.evolve(projection.initialState(), first!);
    expect(() => projection.evolve(tree, third!)).toThrow(/revision 2 of tenfold-campaign-xining-2013, but the tree holds 1 leaves/);
    expect(projection.evolve(tree, second!).size).toBe(2);
  });
});
