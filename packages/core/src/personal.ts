/**
 * @tenfold/core/personal — personal data and its erasure (DOMAIN.md, schema version 2): the
 * personal fields and their subjects, commitments, the key-store port and an in-memory key store,
 * the cipher port, and the layer every store puts between its events and its callers so that only
 * ciphertext of personal values is stored.
 * @packageDocumentation
 */

export {
  describeKeyStoreError,
  keyStoreCorrupt,
  keyStoreUnavailable,
  subjectAlreadyErased,
  subjectRefKey,
  type KeyStoreError,
  type PersonalAlgorithm,
  type SubjectKey,
  type SubjectKeyStore,
  type SubjectRef,
} from "./personal/SubjectKeyStore.js";
export type { EncryptedValue, PersonalCipher } from "./personal/PersonalCipher.js";
export { createMemoryKeyStore } from "./personal/memoryKeyStore.js";
export { PERSONAL_FIELD, personalFieldsOf, personalSubjectsOf, personalWithoutState, type PersonalField } from "./decider/personal.js";
export { COMMITMENT_PATTERN, SALT_PATTERN, commitPersonalValue, newSalt, opensCommitment, personalAssociatedData, webRandomBytes } from "./personal/commitment.js";
export { protectEvents, revealEvents, withPersonalData, type PersonalDataOptions, type PersonalDataStore, type Protected } from "./personal/withPersonalData.js";
export { Subject, cadreSubject, contactSubject, subjectParts } from "./values/Subject.js";
export { commitmentProblems, decodePersonalEntries } from "./interchange/personalLine.js";
