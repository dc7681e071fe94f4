import type { Sha256 } from "../seal/seal.js";

/** A salt: 32 lowercase hex characters (16 random bytes). */
export const SALT_PATTERN = /^[0-9a-f]{32}$/;

/** A commitment: 64 lowercase hex characters. */
export const COMMITMENT_PATTERN = /^[0-9a-f]{64}$/;

/** The commitment to a personal value (DOMAIN.md): lowercase hex SHA-256 of `salt + "\n" + JSON.stringify(value)`. */
export const commitPersonalValue = (sha256: Sha256, salt: string, value: unknown): string => sha256.hex(`${salt}\n${JSON.stringify(value)}`);

/** Whether `salt` and `value` open `commitment`. */
export const opensCommitment = (sha256: Sha256, commitment: string, salt: string, value: unknown): boolean => commitPersonalValue(sha256, salt, value) === commitment;

/** A new salt from `randomBytes`: 16 bytes as 32 lowercase hex characters. */
export const newSalt = (randomBytes: (length: number) => Uint8Array): string => {
  let hex = "";
  for (const byte of randomBytes(16)) hex += byte.toString(16).padStart(2, "0");
  return hex;
};

/** Random bytes from the platform's Web Crypto. */
export const webRandomBytes = (length: number): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(length));

/** What a personal value's encryption is bound to (AES-GCM associated data): event id, field name and commitment. */
export const personalAssociatedData = (eventId: string, field: string, commitment: string): string => `${eventId}\n${field}\n${commitment}`;
