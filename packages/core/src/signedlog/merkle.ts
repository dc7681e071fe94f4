/*
 * The Merkle tree of a stream (DOMAIN.md, Signed log; RFC 9162 §2.1, the RFC 6962 tree): leaf
 * hash SHA-256(0x00 ‖ leaf), node hash SHA-256(0x01 ‖ left ‖ right), n > 1 leaves split at the
 * largest power of two smaller than n, the empty tree's hash SHA-256 of no bytes. Hashing is
 * injected (`Sha256Digest`; `nodeSha256Digest` in `@tenfold/core/node`); nothing here imports a
 * platform module.
 */
import * as E from "fp-ts/lib/Either.js";
import type { SealedFields } from "../seal/seal.js";
import { sealedText } from "../seal/seal.js";

// model

/** SHA-256 over bytes, as the tree needs it: injected, like the seal's `Sha256`. */
export interface Sha256Digest {
  readonly digest: (bytes: Uint8Array) => Uint8Array;
  /** SHA-256 of a string's UTF-8 bytes, where the platform hashes text without an encoding step; `digest` of the encoded text otherwise. */
  readonly digestText?: (text: string) => Uint8Array;
}

/** The root of the leaves `[from, to)` of a tree (`from < to`): how proofs read a tree, whether it is kept in memory, cached or stored. */
export type RangeRoot = (from: number, to: number) => Uint8Array;

/** Why a proof does not verify (RFC 9162 §2.1.3.2, §2.1.4.2), each case by what is wrong. */
export type ProofRefused =
  | { readonly _tag: "IndexNotInTree"; readonly index: number; readonly size: number }
  | { readonly _tag: "SizesOutOfOrder"; readonly first: number; readonly second: number }
  | { readonly _tag: "ProofTooLong"; readonly hashes: number }
  | { readonly _tag: "ProofTooShort"; readonly hashes: number }
  | { readonly _tag: "ProofNotEmpty"; readonly hashes: number }
  | { readonly _tag: "ProofEmpty" }
  | { readonly _tag: "RootMismatch"; readonly which: "root" | "first" | "second" };

// utils

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

const checkSize = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name}: expected a whole number of 0 or more, got ${String(value)}`);
  return value;
};

/** @internal The largest power of two smaller than `n` (n ≥ 2). */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** @internal Whether two byte strings are equal (comparing every byte, whatever the first difference). */
export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  let differ = 0;
  for (let i = 0; i < a.length; i++) differ |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return differ === 0;
};

/** @internal */
export const isOdd = (n: number): boolean => n % 2 === 1;
/** @internal */
export const half = (n: number): number => Math.floor(n / 2);

const UTF8 = new TextEncoder();

// constructors

/** The hash of a leaf: SHA-256(0x00 ‖ leaf). */
export const leafHash = (sha256: Sha256Digest, leaf: Uint8Array): Uint8Array => {
  const bytes = new Uint8Array(leaf.length + 1);
  bytes[0] = LEAF_PREFIX;
  bytes.set(leaf, 1);
  return sha256.digest(bytes);
};

/** The hash of an inner node: SHA-256(0x01 ‖ left ‖ right). */
export const nodeHash = (sha256: Sha256Digest, left: Uint8Array, right: Uint8Array): Uint8Array => {
  const bytes = new Uint8Array(1 + left.length + right.length);
  bytes[0] = NODE_PREFIX;
  bytes.set(left, 1);
  bytes.set(right, 1 + left.length);
  return sha256.digest(bytes);
};

/** The root of the empty tree: SHA-256 of no bytes. */
export const emptyRoot = (sha256: Sha256Digest): Uint8Array => sha256.digest(new Uint8Array(0));

/** The leaf hash of a sealed text (what the chain hashes after `previousHash + "\n"`): SHA-256(0x00 ‖ its UTF-8 bytes). */
export const sealedTextLeafHash = (sha256: Sha256Digest, text: string): Uint8Array =>
  sha256.digestText === undefined ? leafHash(sha256, UTF8.encode(text)) : sha256.digestText(`\u0000${text}`);

/** The leaf hash of a sealed event: of the UTF-8 bytes of its sealed text. */
export const eventLeafHash = (sha256: Sha256Digest, event: SealedFields): Uint8Array => sealedTextLeafHash(sha256, sealedText(event));

/**
 * Range roots over leaf hashes held in memory, each computed once and remembered (a proof reads
 * O(log n) of them; the first proofs of a tree compute them).
 */
export const rangeRootsOf = (sha256: Sha256Digest, leaves: ReadonlyArray<Uint8Array>): RangeRoot => {
  const known = new Map<number, Uint8Array>();
  const width = leaves.length + 1;
  const rangeRoot: RangeRoot = (from, to) => {
    if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && 0 <= from && from < to && to <= leaves.length)) {
      throw new RangeError(`range [${from}, ${to}) is not within the ${leaves.length} leaves`);
    }
    if (to - from === 1) return leaves[from] as Uint8Array;
    const key = from * width + to;
    const cached = known.get(key);
    if (cached !== undefined) return cached;
    const k = splitPoint(to - from);
    const root = nodeHash(sha256, rangeRoot(from, from + k), rangeRoot(from + k, to));
    known.set(key, root);
    return root;
  };
  return rangeRoot;
};

const path = (rangeRoot: RangeRoot, index: number, from: number, to: number): Uint8Array[] => {
  if (to - from === 1) return [];
  const k = splitPoint(to - from);
  return index < from + k
    ? [...path(rangeRoot, index, from, from + k), rangeRoot(from + k, to)]
    : [...path(rangeRoot, index, from + k, to), rangeRoot(from, from + k)];
};

/** The inclusion path of leaf `index` in the tree of the first `size` leaves (RFC 9162 §2.1.3.1), from the leaf's sibling up. Throws a RangeError unless index < size. */
export const inclusionPath = (rangeRoot: RangeRoot, index: number, size: number): ReadonlyArray<Uint8Array> => {
  checkSize("size", size);
  checkSize("index", index);
  if (index >= size) throw new RangeError(`index ${index} is not in a tree of ${size} leaves`);
  return path(rangeRoot, index, 0, size);
};

const subproof = (rangeRoot: RangeRoot, m: number, from: number, to: number, whole: boolean): Uint8Array[] => {
  if (m === to - from) return whole ? [] : [rangeRoot(from, to)];
  const k = splitPoint(to - from);
  return m <= k
    ? [...subproof(rangeRoot, m, from, from + k, whole), rangeRoot(from + k, to)]
    : [...subproof(rangeRoot, m - k, from + k, to, false), rangeRoot(from, from + k)];
};

/** The consistency path from the tree of the first `first` leaves to that of the first `second` (RFC 9162 §2.1.4.1); empty when first is 0 or equals second. Throws a RangeError unless first ≤ second. */
export const consistencyPath = (rangeRoot: RangeRoot, first: number, second: number): ReadonlyArray<Uint8Array> => {
  checkSize("first", first);
  checkSize("second", second);
  if (first > second) throw new RangeError(`first (${first}) is larger than second (${second})`);
  if (first === 0 || first === second) return [];
  return subproof(rangeRoot, first, 0, second, true);
};

/** Checks that `leaf` (a leaf hash) is leaf `index` of the tree of `size` leaves whose root is `root`, exactly as RFC 9162 §2.1.3.2. */
export const verifyInclusion = (
  sha256: Sha256Digest,
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: ReadonlyArray<Uint8Array>,
  root: Uint8Array,
): E.Either<ProofRefused, void> => {
  if (index >= size) return E.left({ _tag: "IndexNotInTree", index, size });
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return E.left({ _tag: "ProofTooLong", hashes: proof.length });
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(sha256, p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(sha256, r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return E.left({ _tag: "ProofTooShort", hashes: proof.length });
  return sameBytes(r, root) ? E.right(undefined) : E.left({ _tag: "RootMismatch", which: "root" });
};

/**
 * Checks that the tree of `second` leaves with root `secondRoot` extends the tree of `first`
 * leaves with root `firstRoot`, exactly as RFC 9162 §2.1.4.2; between equal sizes the proof is
 * empty and the roots equal, and every tree extends the empty one (an empty proof).
 */
export const verifyConsistency = (
  sha256: Sha256Digest,
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: ReadonlyArray<Uint8Array>,
): E.Either<ProofRefused, void> => {
  if (first > second) return E.left({ _tag: "SizesOutOfOrder", first, second });
  if (first === second) {
    if (proof.length > 0) return E.left({ _tag: "ProofNotEmpty", hashes: proof.length });
    return sameBytes(firstRoot, secondRoot) ? E.right(undefined) : E.left({ _tag: "RootMismatch", which: "second" });
  }
  if (first === 0) return proof.length > 0 ? E.left({ _tag: "ProofNotEmpty", hashes: proof.length }) : E.right(undefined);
  if (proof.length === 0) return E.left({ _tag: "ProofEmpty" });
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return E.left({ _tag: "ProofTooLong", hashes: proof.length });
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(sha256, c, fr);
      sr = nodeHash(sha256, c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sha256, sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return E.left({ _tag: "ProofTooShort", hashes: proof.length });
  if (!sameBytes(fr, firstRoot)) return E.left({ _tag: "RootMismatch", which: "first" });
  return sameBytes(sr, secondRoot) ? E.right(undefined) : E.left({ _tag: "RootMismatch", which: "second" });
};

/** What a refused proof means, in a sentence. */
export const describeProofRefused = (refused: ProofRefused): string => {
  switch (refused._tag) {
    case "IndexNotInTree":
      return `index ${refused.index} is not in a tree of ${refused.size} leaves`;
    case "SizesOutOfOrder":
      return `the first size (${refused.first}) is larger than the second (${refused.second})`;
    case "ProofTooLong":
      return `the proof has more hashes (${refused.hashes}) than the tree's shape takes`;
    case "ProofTooShort":
      return `the proof has fewer hashes (${refused.hashes}) than the tree's shape takes`;
    case "ProofNotEmpty":
      return `the proof should be empty but has ${refused.hashes} hashes`;
    case "ProofEmpty":
      return "the proof is empty";
    case "RootMismatch":
      return refused.which === "root" ? "the proof leads to a different root" : `the proof leads to a different ${refused.which} root`;
  }
};
