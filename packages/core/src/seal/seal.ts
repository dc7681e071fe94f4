import type { EventMetadata } from "../store/RecordedEvent.js";
import { canonicalJson } from "./canonical.js";

// model

/** SHA-256 of UTF-8 text as 64 lowercase hex digits; injected so that core stays platform-free. */
export interface Sha256 {
  readonly hex: (text: string) => string;
}

/** The fields of an envelope that its hash covers: everything but `previousHash` and `hash`. */
export interface SealedFields {
  readonly type: string;
  readonly data: unknown;
  readonly schemaVersion: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamRevision: bigint | number;
  readonly recordedAt: string;
  readonly metadata: EventMetadata;
}

/** A stream's last revision and hash: what an office publishes or signs. */
export interface StreamHead {
  readonly streamId: string;
  readonly revision: bigint;
  readonly hash: string;
}

/** `previousHash` of a stream's first event: 64 zeros. */
export const GENESIS_HASH = "0".repeat(64);

// utils

/** The members of the canonical envelope, in canonical (sorted) order. */
const SEALED_KEYS = ["data", "eventId", "metadata", "recordedAt", "schemaVersion", "streamId", "streamRevision", "type"] as const;

/**
 * The canonical bytes a hash covers, without the chaining prefix: `canonicalJson` of the eight
 * fields, written member by member in their sorted order (the same text, without sorting keys
 * on every event).
 */
export const sealedText = (fields: SealedFields): string => {
  let out = "{";
  for (const key of SEALED_KEYS) {
    const value = key === "streamRevision" ? BigInt(fields.streamRevision) : fields[key];
    if (value === undefined) continue;
    out += `${out.length === 1 ? "" : ","}"${key}":${canonicalJson(value)}`;
  }
  return `${out}}`;
};

/**
 * The hash of an envelope (DOMAIN.md): SHA-256 of `previousHash + "\n" + canonical(envelope
 * without hash and previousHash)`, as lowercase hex.
 */
export const hashEnvelope = (sha256: Sha256, previousHash: string, fields: SealedFields): string =>
  sha256.hex(`${previousHash}\n${sealedText(fields)}`);
