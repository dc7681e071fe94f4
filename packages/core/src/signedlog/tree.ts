/*
 * A stream's Merkle tree held whole, for a service that publishes its log: every leaf hash and
 * the root of every perfect subtree, so the root at any size and every inclusion or consistency
 * path cost O(log n) hashes, never a pass over the leaves. Leaves and subtree roots sit in one
 * byte buffer per level (32 bytes each): 64 bytes an event, up to twice that just after a buffer doubled.
 *
 * A tree is a value: `append` returns the tree with one more leaf and leaves the one it was
 * called on as it was, so it folds as a pure projection. The trees of one line of appends share
 * their buffers (an append writes past every older tree's end); appending to a tree that is not
 * the newest of its line copies first.
 */
import type { RecordedEvent } from "../store/RecordedEvent.js";
import type { Projection } from "../projections/Projection.js";
import { emptyRoot, eventLeafHash, nodeHash, type RangeRoot, type Sha256Digest, splitPoint } from "./merkle.js";

// model

/** A Merkle tree of `size` leaves, with every root and path of any size up to its own at hand. */
export interface MerkleTree {
  readonly size: number;
  /** The tree with `leaf` (a leaf hash) added; this tree is unchanged. */
  readonly append: (leaf: Uint8Array) => MerkleTree;
  /** The root of the first `size` leaves (default: all). Throws a RangeError past this tree's size. */
  readonly root: (size?: number) => Uint8Array;
  /** The root of the leaves `[from, to)`, for `inclusionPath` and `consistencyPath`. Throws a RangeError outside this tree. */
  readonly rangeRoot: RangeRoot;
}

// utils

const HASH = 32;

/** Level k holds the roots of the perfect subtrees of 2^k leaves, left to right; `size` leaves have been written. */
interface Levels {
  readonly buffers: Uint8Array[];
  size: number;
}

/** log2 of `width` when it is a power of two, else -1. */
const exponentOf = (width: number): number => {
  const k = Math.round(Math.log2(width));
  return 2 ** k === width ? k : -1;
};

/** Writes `hash` as entry `index` of level `k`, growing the level's buffer by doubling. */
const put = (levels: Levels, k: number, index: number, hash: Uint8Array): void => {
  let buffer = levels.buffers[k] ?? new Uint8Array(HASH * 16);
  if ((index + 1) * HASH > buffer.length) {
    const grown = new Uint8Array(Math.max(buffer.length * 2, (index + 1) * HASH));
    grown.set(buffer);
    buffer = grown;
  }
  levels.buffers[k] = buffer;
  buffer.set(hash, index * HASH);
};

const entry = (levels: Levels, k: number, index: number): Uint8Array => (levels.buffers[k] as Uint8Array).subarray(index * HASH, (index + 1) * HASH);

/** A copy of the levels as a tree of `size` leaves has them, for appending to a tree that is not the newest. */
const copyOf = (levels: Levels, size: number): Levels => {
  const buffers = levels.buffers.map((buffer, k) => buffer.slice(0, Math.floor(size / 2 ** k) * HASH)).filter((buffer) => buffer.length > 0);
  return { buffers, size };
};

const treeOf = (sha256: Sha256Digest, levels: Levels, size: number): MerkleTree => {
  // The ranges proofs read that are not perfect subtrees end at this tree's size: one per level, remembered once hashed (64 at most).
  const rightEdge = new Map<number, Uint8Array>();
  const inner: RangeRoot = (from, to) => {
    const width = to - from;
    const k = exponentOf(width);
    if (k >= 0 && from % width === 0) return entry(levels, k, from / width);
    const remembered = to === size ? rightEdge.get(from) : undefined;
    if (remembered !== undefined) return remembered;
    const split = splitPoint(width);
    const root = nodeHash(sha256, inner(from, from + split), inner(from + split, to));
    if (to === size && rightEdge.size < 64) rightEdge.set(from, root);
    return root;
  };
  const rangeRoot: RangeRoot = (from, to) => {
    if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && 0 <= from && from < to && to <= size)) {
      throw new RangeError(`range [${from}, ${to}) is not within a tree of ${size} leaves`);
    }
    return inner(from, to).slice();
  };
  return {
    size,
    append: (leaf) => {
      if (leaf.length !== HASH) throw new RangeError(`a leaf hash is ${HASH} bytes, got ${leaf.length}`);
      const line = levels.size === size ? levels : copyOf(levels, size);
      put(line, 0, size, leaf);
      let hash = leaf;
      for (let k = 0, index = size; index % 2 === 1; k++, index = (index - 1) / 2) {
        hash = nodeHash(sha256, entry(line, k, index - 1), hash);
        put(line, k + 1, (index - 1) / 2, hash);
      }
      line.size = size + 1;
      return treeOf(sha256, line, size + 1);
    },
    root: (at = size) => {
      if (!(Number.isSafeInteger(at) && 0 <= at && at <= size)) throw new RangeError(`size ${String(at)} is not within a tree of ${size} leaves`);
      return at === 0 ? emptyRoot(sha256) : rangeRoot(0, at);
    },
    rangeRoot,
  };
};

// constructors

/** The empty tree. */
export const emptyMerkleTree = (sha256: Sha256Digest): MerkleTree => treeOf(sha256, { buffers: [], size: 0 }, 0);

/**
 * Each campaign's tree, kept by a subscription runner: every event of the campaign's stream is the
 * next leaf (the leaf hash of its sealed text). An event out of its stream's revision order throws,
 * which stops the live projection as failed: the tree would be another log's.
 */
export const logTreeProjection = (sha256: Sha256Digest): Projection<MerkleTree, RecordedEvent> => ({
  initialState: () => emptyMerkleTree(sha256),
  evolve: (tree, event) => {
    if (event.streamRevision !== BigInt(tree.size)) {
      throw new RangeError(`event ${event.eventId} is revision ${event.streamRevision} of ${event.streamId}, but the tree holds ${tree.size} leaves`);
    }
    return tree.append(eventLeafHash(sha256, event));
  },
});
