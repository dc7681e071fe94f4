import type { EventMetadata, PersonalEntries } from "../store/RecordedEvent.js";
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
  /** Schema 2: the personal fields; sealed as subject and commitment only, their values in `data` as null. */
  readonly personal?: PersonalEntries | undefined;
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
const SEALED_KEYS = ["data", "eventId", "metadata", "personal", "recordedAt", "schemaVersion", "streamId", "streamRevision", "type"] as const;

/** The sealed form of personal entries: subject and commitment only (no salt, nothing encrypted). */
const sealedPersonal = (personal: PersonalEntries): Record<string, { commitment: string | undefined; subject: string }> => {
  const out: Record<string, { commitment: string | undefined; subject: string }> = {};
  for (const field of Object.keys(personal)) {
    const entry = personal[field];
    if (entry !== undefined) out[field] = { commitment: entry.commitment, subject: entry.subject };
  }
  return out;
};

/** `data` with the value of every personal field replaced by null (the same object when they are null already). */
const sealedData = (data: unknown, personal: PersonalEntries): unknown => {
  if (typeof data !== "object" || data === null) return data;
  const record = data as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const field of Object.keys(personal)) {
    if (Object.hasOwn(record, field) && record[field] !== null) {
      out ??= { ...record };
      out[field] = null;
    }
  }
  return out ?? data;
};

/**
 * @internal What the seal covers of an event's data and personal entries (DOMAIN.md, personal data): each
 * personal field's value in `data` as null, and `personal` with subject and commitment only.
 * Version 1 events (no `personal`) are sealed as they are.
 */
export const sealedPersonalForm = (data: unknown, personal: PersonalEntries | undefined): { readonly data: unknown; readonly personal: unknown } =>
  personal === undefined ? { data, personal: undefined } : { data: sealedData(data, personal), personal: sealedPersonal(personal) };

/**
 * @internal Canonical texts of the members that the events of one batch usually share (the stream id, the
 * instant, the metadata object), so that sealing a batch writes each of them once. A cache lives
 * for one synchronous pass over one batch, so nothing can change an object between two uses.
 */
export interface SharedTexts {
  streamId: string | undefined;
  streamIdText: string;
  recordedAt: string | undefined;
  recordedAtText: string;
  metadata: unknown;
  metadataText: string;
}

/** @internal An empty cache of shared texts. */
export const noSharedTexts = (): SharedTexts => ({ streamId: undefined, streamIdText: "", recordedAt: undefined, recordedAtText: "", metadata: undefined, metadataText: "" });

/** The general case: any member may be absent (undefined), and is then left out. */
const sealedTextByKey = (fields: SealedFields): string => {
  const sealed = sealedPersonalForm(fields.data, fields.personal);
  let out = "{";
  for (const key of SEALED_KEYS) {
    const value = key === "streamRevision" ? BigInt(fields.streamRevision) : key === "data" ? sealed.data : key === "personal" ? sealed.personal : fields[key];
    if (value === undefined) continue;
    out += `${out.length === 1 ? "" : ","}"${key}":${canonicalJson(value)}`;
  }
  return `${out}}`;
};

/** @internal `sealedText`, reusing the texts of members shared with the previous event of `shared`. */
export const sealedTextSharing = (fields: SealedFields, shared: SharedTexts): string => {
  // Partial: a JavaScript caller may leave a member out, which the general case writes as absent.
  const { data, eventId, metadata, recordedAt, schemaVersion, streamId, streamRevision, type, personal } = fields as Partial<SealedFields>;
  if (streamRevision === undefined || data === undefined || eventId === undefined || metadata === undefined || recordedAt === undefined || schemaVersion === undefined || streamId === undefined || type === undefined) {
    return sealedTextByKey(fields);
  }
  if (streamId !== shared.streamId) {
    shared.streamIdText = canonicalJson(streamId);
    shared.streamId = streamId;
  }
  if (recordedAt !== shared.recordedAt) {
    shared.recordedAtText = canonicalJson(recordedAt);
    shared.recordedAt = recordedAt;
  }
  if (metadata !== shared.metadata) {
    shared.metadataText = canonicalJson(metadata);
    shared.metadata = metadata;
  }
  // The members in their sorted order: data, eventId, metadata, personal (schema 2), recordedAt, schemaVersion, streamId, streamRevision, type.
  const sealed = personal === undefined ? undefined : sealedPersonalForm(data, personal);
  const personalMember = sealed === undefined ? "" : `"personal":${canonicalJson(sealed.personal)},`;
  return `{"data":${canonicalJson(sealed === undefined ? data : sealed.data)},"eventId":${canonicalJson(eventId)},"metadata":${shared.metadataText},${personalMember}"recordedAt":${shared.recordedAtText},"schemaVersion":${canonicalJson(schemaVersion)},"streamId":${shared.streamIdText},"streamRevision":${BigInt(streamRevision)},"type":${canonicalJson(type)}}`;
};

/**
 * The canonical bytes a hash covers, without the chaining prefix: `canonicalJson` of the eight
 * fields, written member by member in their sorted order (the same text, without sorting keys
 * on every event).
 */
export const sealedText = (fields: SealedFields): string => sealedTextSharing(fields, noSharedTexts());

/**
 * The hash of an envelope (DOMAIN.md): SHA-256 of `previousHash + "\n" + canonical(envelope
 * without hash and previousHash)`, as lowercase hex.
 */
export const hashEnvelope = (sha256: Sha256, previousHash: string, fields: SealedFields): string =>
  sha256.hex(`${previousHash}\n${sealedText(fields)}`);

/** @internal `hashEnvelope` for the events of one batch, sharing the texts of their common members. */
export const hashEnvelopeSharing = (sha256: Sha256, previousHash: string, fields: SealedFields, shared: SharedTexts): string =>
  sha256.hex(`${previousHash}\n${sealedTextSharing(fields, shared)}`);
