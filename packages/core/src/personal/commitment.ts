import type { Sha256 } from "../seal/seal.js";
import { isLowerHex } from "../values/lowerHex.js";

/** A salt: 32 lowercase hex characters (16 random bytes). */
export const SALT_PATTERN = /^[0-9a-f]{32}$/;

/** A commitment: 64 lowercase hex characters. */
export const COMMITMENT_PATTERN = /^[0-9a-f]{64}$/;

/** Whether `s` is a salt: {@link SALT_PATTERN}'s test, faster. */
export const isSalt = (s: string): boolean => isLowerHex(s, 32);

/** Whether `s` is a commitment: {@link COMMITMENT_PATTERN}'s test, faster. */
export const isCommitment = (s: string): boolean => isLowerHex(s, 64);

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

/** Random bytes drawn from the platform at a time: one draw per 256 salts, as one costs about as much as sixteen bytes do. */
const POOL = 4096;
let pool = new Uint8Array(0);
let used = 0;

/** Random bytes from the platform's Web Crypto, drawn 4 KiB at a time; no byte is handed out twice. */
export const webRandomBytes = (length: number): Uint8Array => {
  if (length > POOL) return globalThis.crypto.getRandomValues(new Uint8Array(length));
  if (used + length > pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL));
    used = 0;
  }
  const out = pool.slice(used, used + length);
  pool.fill(0, used, used + length);
  used += length;
  return out;
};

/** What a personal value's encryption is bound to (AES-GCM associated data): event id, field name and commitment. */
export const personalAssociatedData = (eventId: string, field: string, commitment: string): string => `${eventId}\n${field}\n${commitment}`;
