/**
 * @tenfold/core/audit — the audit trail: the canonical JSON and SHA-256 hash chain that seal every
 * event, the verification of chains and of a history's rules, stream heads, and history lines
 * (the interchange format auditors export and replay), and the signed log's Merkle tree: roots, a
 * frontier kept current by appends, inclusion and consistency paths and their verification; signed
 * notes (keys, signing, opening against known keys).
 * @packageDocumentation
 */

export { canonicalJson } from "./seal/canonical.js";
export { GENESIS_HASH, hashEnvelope, sealedText, type SealedFields, type Sha256, type StreamHead } from "./seal/seal.js";
export { sealEvents } from "./seal/withSeal.js";
export { chainProblemKind, describeChainProblem, type ChainProblem, type ChainProblemKind } from "./seal/ChainProblem.js";
export type { ChainLink, ChainSummary, ChainVerifier, ChainVerifierOptions } from "./seal/ChainVerifier.js";
export { verifyChain } from "./seal/verifyChain.js";
export { formatStreamHead, headsOf, parseStreamHead } from "./seal/heads.js";
export { checkEvent } from "./decider/decide.js";
export { decodeHistoryLine, decodeSealedHistoryLine, parseHistoryLine, toNewEvent, type EnvelopeFields, type HistoryLine } from "./interchange/HistoryLine.js";
export { envelopeLine, sealedEnvelopeOf, type PersonalValues, type SealedEnvelope } from "./interchange/envelopeLine.js";
export {
  consistencyPath,
  describeProofRefused,
  emptyRoot,
  eventLeafHash,
  inclusionPath,
  leafHash,
  nodeHash,
  rangeRootsOf,
  sealedTextLeafHash,
  verifyConsistency,
  verifyInclusion,
  type ProofRefused,
  type RangeRoot,
  type Sha256Digest,
} from "./signedlog/merkle.js";
export {
  MAX_NOTE_SIGNATURES,
  describeNoteProblem,
  formatSignerKey,
  formatVerifierKey,
  keyIdOf,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  signatureLine,
  signerKeyOf,
  verifierOf,
  type Ed25519,
  type NoteProblem,
  type NoteSignature,
  type OpenedNote,
  type ParsedNote,
  type SignatureType,
  type SignerKey,
  type VerifierKey,
} from "./signedlog/note.js";
export {
  checkpointOrigin,
  checkpointSigner,
  checkpointText,
  describeCheckpointProblem,
  openCheckpoint,
  parseCheckpointText,
  signCheckpoint,
  type Checkpoint,
  type CheckpointProblem,
  type CheckpointSigner,
  type OpenedCheckpoint,
} from "./signedlog/checkpoint.js";
export {
  MAX_CONSISTENCY_LINES,
  formatConsistencyProof,
  formatInclusionProof,
  parseConsistencyProof,
  parseInclusionProof,
  verifyCheckpointConsistency,
  verifyEventInclusion,
  type ConsistencyProof,
  type InclusionProof,
  type ProofProblem,
} from "./signedlog/proofs.js";
export {
  cosignatureLine,
  cosignersOf,
  judgeCheckpoint,
  openUnderPolicy,
  verifyCosignature,
  type CheckpointPolicy,
  type Cosigned,
  type CosignatureProblem,
  type WitnessCosigned,
  type WitnessHeld,
  type WitnessRefusal,
} from "./signedlog/cosignature.js";
export { merkleFrontier, merkleRoot, type MerkleFrontier } from "./signedlog/frontier.js";
export { emptyMerkleTree, logTreeProjection, type MerkleTree } from "./signedlog/tree.js";
