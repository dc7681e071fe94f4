/* The right edge of a stream's Merkle tree (a compact range from 0): its root after every append, in O(log n) memory. */
import { emptyRoot, half, isOdd, nodeHash, type Sha256Digest } from "./merkle.js";

// model

/**
 * A tree's right edge (a compact range from 0): one perfect subtree root for each set bit of its
 * size, so its root is known after every append in O(log n) memory. A service keeps one per stream
 * current from a subscription.
 */
export interface MerkleFrontier {
  readonly size: () => number;
  /** Adds the next leaf, by its leaf hash. */
  readonly append: (leaf: Uint8Array) => void;
  /** The root of the leaves appended so far. */
  readonly root: () => Uint8Array;
}

// constructors

/** An empty frontier. */
export const merkleFrontier = (sha256: Sha256Digest): MerkleFrontier => {
  const subtrees: Uint8Array[] = [];
  let size = 0;
  return {
    size: () => size,
    append: (leaf) => {
      let carry = leaf;
      for (let s = size; isOdd(s); s = half(s)) carry = nodeHash(sha256, subtrees.pop() as Uint8Array, carry);
      subtrees.push(carry);
      size++;
    },
    root: () => {
      let i = subtrees.length - 1;
      let root = subtrees[i];
      if (root === undefined) return emptyRoot(sha256);
      while (--i >= 0) root = nodeHash(sha256, subtrees[i] as Uint8Array, root);
      return root;
    },
  };
};

/** The root of a list of leaf hashes, in one pass and O(log n) memory. */
export const merkleRoot = (sha256: Sha256Digest, leaves: Iterable<Uint8Array>): Uint8Array => {
  const frontier = merkleFrontier(sha256);
  for (const leaf of leaves) frontier.append(leaf);
  return frontier.root();
};

