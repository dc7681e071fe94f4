import type { SealedEnvelope } from "../interchange/envelopeLine.js";
import type { ChainProblem } from "./ChainProblem.js";
import type { Sha256, StreamHead } from "./seal.js";

// model

/** The fields of a sealed line that place it on its stream's chain. */
export type ChainLink = Pick<SealedEnvelope, "streamId" | "streamRevision" | "previousHash" | "hash">;

/** Options of `verifyChain`. */
export interface ChainVerifierOptions {
  readonly sha256: Sha256;
  /** Published heads: a stream ending before its head is truncated; another hash at its revision, rewritten. @defaultValue none */
  readonly heads?: ReadonlyArray<StreamHead>;
  /**
   * How many events of a stream are held while a missing revision may still come (a reordering),
   * and how many recent revisions are remembered to recognise duplicates. Memory is bounded by it,
   * not by the history. @defaultValue 2048
   */
  readonly window?: number;
  /** Told, for each sealed line, the sealed text the chain hashed: what a Merkle leaf is made of, so it is not built twice. */
  readonly onSealedText?: (line: number, envelope: SealedEnvelope, sealedText: string) => void;
}

/** What a whole history's chains came to. */
export interface ChainSummary {
  /** Problems found only at the end: gaps never filled, truncation against the published heads. */
  readonly problems: ReadonlyArray<ChainProblem>;
  /** Each stream's last revision and hash, by stream id. */
  readonly heads: ReadonlyArray<StreamHead>;
  /** Sealed events read. */
  readonly events: number;
  /** Whether the history is sealed (its first line was); null when nothing was read. */
  readonly sealed: boolean | null;
}

/**
 * A streaming check of DOMAIN.md's hash chains. Feed it every line in order — `sealed` with the
 * envelope as written, `unsealed` for a line without a seal, `unreadable` for a line that could
 * not be read — and it answers with the problems that line revealed; `end` gives the rest.
 */
export interface ChainVerifier {
  readonly sealed: (line: number, envelope: SealedEnvelope) => ReadonlyArray<ChainProblem>;
  /**
   * `sealed`, for a line whose hash was recomputed elsewhere (another thread): its chain fields as
   * written, and `recomputed`, the hash of its `previousHash` and sealed text. `onSealedText` is
   * not told of it. Law: `hashed(n, e, hashEnvelope(sha256, e.previousHash, e))` answers as `sealed(n, e)`.
   */
  readonly hashed: (line: number, link: ChainLink, recomputed: string) => ReadonlyArray<ChainProblem>;
  readonly unsealed: (line: number) => ReadonlyArray<ChainProblem>;
  readonly unreadable: (line: number) => void;
  readonly end: () => ChainSummary;
}
