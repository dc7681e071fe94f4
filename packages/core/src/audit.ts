/**
 * @tenfold/core/audit — the audit trail: the canonical JSON and SHA-256 hash chain that seal every
 * event, the verification of chains and of a history's rules, stream heads, and history lines
 * (the interchange format auditors export and replay), and the signed log's Merkle tree: roots, a
 * frontier kept current by appends, inclusion and consistency paths and their verification.
 * @packageDocumentation
 */

export { canonicalJson } from "./seal/canonical.js";
export { GENESIS_HASH, hashEnvelope, sealedText, type SealedFields, type Sha256, type StreamHead } from "./seal/seal.js";
export { sealEvents } from "./seal/withSeal.js";
export { chainProblemKind, describeChainProblem, type ChainProblem, type ChainProblemKind } from "./seal/ChainProblem.js";
export type { ChainSummary, ChainVerifier, ChainVerifierOptions } from "./seal/ChainVerifier.js";
export { verifyChain } from "./seal/verifyChain.js";
export { formatStreamHead, headsOf, parseStreamHead } from "./seal/heads.js";
export { checkEvent } from "./decider/decide.js";
export { decodeHistoryLine, parseHistoryLine, toNewEvent, type EnvelopeFields, type HistoryLine } from "./interchange/HistoryLine.js";
export { envelopeLine, sealedEnvelopeOf, type SealedEnvelope } from "./interchange/envelopeLine.js";
export {
  consistencyPath,
  describeProofRefused,
  emptyRoot,
  eventLeafHash,
  inclusionPath,
  leafHash,
  merkleFrontier,
  merkleRoot,
  nodeHash,
  rangeRootsOf,
  verifyConsistency,
  verifyInclusion,
  type MerkleFrontier,
  type ProofRefused,
  type RangeRoot,
  type Sha256Digest,
} from "./signedlog/merkle.js";
