import { formatDecodeError } from "@tenfold/core";
import { type ChainLink, type ChainProblem, type ChainVerifier, describeChainProblem, type SealedEnvelope, sealedEnvelopeOf } from "@tenfold/core/audit";
import type { PreparedLine, PreparedSeal, SealedLink } from "./preparedLine.js";
import * as E from "fp-ts/lib/Either.js";

// model

/** What the hash chains make of one line: problems it revealed (each at its own line), and what is wrong with its seal. */
export interface SealChecked<Seal = SealedEnvelope> {
  readonly chain: ReadonlyArray<ChainProblem>;
  /** Issues of a seal that cannot be read (`path: message`); the line is then not in the chain. */
  readonly sealIssues: ReadonlyArray<string>;
  /** The line's seal as written (or its place on the chain), when it has one that could be read. */
  readonly sealed: Seal | null;
}

// utils

/** A prepared line that was read. */
type ReadLine = Extract<PreparedLine, { readonly _tag: "Read" }>;

/**
 * Places a prepared line on the chains: its problem when it could not be read (`verifier` told it
 * is unreadable), else what its seal came to; a sealed line's Merkle leaf, when prepared, is given
 * to `onLeaf`.
 */
export const placeLine = (
  verifier: ChainVerifier,
  item: PreparedLine,
  onLeaf?: (link: SealedLink, leaf: Uint8Array) => void,
): { readonly _tag: "Unreadable"; readonly problem: string } | ({ readonly _tag: "Placed"; readonly read: ReadLine } & SealChecked<ChainLink>) => {
  if (item._tag === "Unreadable") {
    verifier.unreadable(item.number);
    return { _tag: "Unreadable", problem: item.problem };
  }
  const seal = item.seal;
  if (onLeaf !== undefined && seal?._tag === "Sealed" && seal.leaf !== null) onLeaf(seal.link, Buffer.from(seal.leaf, "hex"));
  return { _tag: "Placed", read: item, ...placeSeal(verifier, item.number, seal) };
};

/** Places a prepared line's seal on the chains (its hash recomputed already), as {@link checkSeal} does with the parsed line. */
export const placeSeal = (verifier: ChainVerifier, number: number, seal: PreparedSeal | null): SealChecked<ChainLink> => {
  if (seal === null) throw new Error(`line ${number} was prepared without its seal: its task must ask for the seal`);
  switch (seal._tag) {
    case "SealIssues":
      verifier.unreadable(number);
      return { chain: [], sealIssues: seal.issues, sealed: null };
    case "Unsealed":
      return { chain: verifier.unsealed(number), sealIssues: [], sealed: null };
    case "Sealed":
      return { chain: verifier.hashed(number, seal.link, seal.recomputed ?? seal.link.hash), sealIssues: [], sealed: seal.link };
  }
};

/** Feeds the parsed JSON of line `number` to the verifier: sealed, unsealed, or with a seal that cannot be read. */
export const checkSeal = (verifier: ChainVerifier, number: number, parsed: unknown): SealChecked => {
  const sealed = sealedEnvelopeOf(parsed);
  if (E.isLeft(sealed)) {
    verifier.unreadable(number);
    return { chain: [], sealIssues: formatDecodeError(sealed.left), sealed: null };
  }
  return { chain: sealed.right === null ? verifier.unsealed(number) : verifier.sealed(number, sealed.right), sealIssues: [], sealed: sealed.right };
};

/** Names where a line (or a store's n-th event) is: `FILE:LINE`, or the whole source when null. */
export type Where = (line: number | null) => string;

/** Lines of a file: `FILE:LINE`. */
export const inFile =
  (file: string): Where =>
  (line) =>
    line === null ? file : `${file}:${line}`;

/** Events of a store, counted in global order from 1: `STORE event N`. */
export const inStore =
  (description: string): Where =>
  (n) =>
    n === null ? description : `${description} event ${n}`;

/** A chain problem as `FILE:LINE: message` (`FILE: message` when it has no line); `where` may be a file's name. */
export const formatChainProblem = (where: Where | string, problem: ChainProblem): string =>
  `${(typeof where === "string" ? inFile(where) : where)(problem.line)}: ${describeChainProblem(problem)}`;
