import type { PersonalAlgorithm } from "./SubjectKeyStore.js";

// model

/** A personal value (with its salt) as stored: encrypted under its subject's key, the algorithm named. Base64 fields. */
export interface EncryptedValue {
  readonly algorithm: PersonalAlgorithm;
  /** The nonce (AES-GCM: 12 bytes), base64. */
  readonly nonce: string;
  /** The ciphertext followed by the authentication tag (AES-GCM: 16 bytes), base64. */
  readonly ciphertext: string;
}

/**
 * Authenticated encryption of personal values, injected so that core stays platform-free (the Node
 * default, AES-256-GCM through node:crypto, is `nodePersonalCipher` in `@tenfold/core/node`).
 * No cryptography is written by hand.
 */
export interface PersonalCipher {
  readonly algorithm: PersonalAlgorithm;
  /** A new random key for a subject. */
  readonly newKey: () => Uint8Array;
  /** Encrypts UTF-8 `plaintext` under `key`, binding `associatedData` (UTF-8) to it. */
  readonly encrypt: (key: Uint8Array, plaintext: string, associatedData: string) => EncryptedValue;
  /** The plaintext, or null when the value was not made with this key and associated data (or was changed). */
  readonly decrypt: (key: Uint8Array, value: EncryptedValue, associatedData: string) => string | null;
}
