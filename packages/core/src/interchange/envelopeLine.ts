import * as E from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import { type DecodeError, type DecodeIssue, decodeError, fromValidationErrors } from "../decoding/DecodeError.js";
import type { SealedFields } from "../seal/seal.js";
import type { EventMetadata, PersonalEntries, PersonalEntry, RecordedEvent } from "../store/RecordedEvent.js";
import { decodePersonalEntries } from "./personalLine.js";
import { ENVELOPE_CODECS, INSTANT, isSha256Hex, UUID } from "./HistoryLine.js";

// model

/** A sealed envelope as read from a line or a store: the fields its hash covers, as written, and its seal. */
export interface SealedEnvelope extends SealedFields {
  readonly previousHash: string;
  readonly hash: string;
}

// constructors

/**
 * Whether a line carries personal values (`include`: the file is then personal data itself), leaves
 * them out (`omit`), or carries them encrypted as a store keeps them (`encrypted`: an NDJSON file
 * kept with a key store; the values are null in `data`).
 */
export type PersonalValues = "include" | "omit" | "encrypted";

/** A schema-2 event's data and personal entries as a line writes them: with salts and values, or with each value null. */
const personalOnLine = (event: RecordedEvent, values: PersonalValues): { readonly data: unknown; readonly personal: PersonalEntries } | undefined => {
  const personal = event.personal;
  if (personal === undefined) return undefined;
  const data: Record<string, unknown> = { ...(event.data as unknown as Record<string, unknown>) };
  const entries: Record<string, PersonalEntry> = {};
  for (const field of Object.keys(personal)) {
    const { subject, commitment, salt, encrypted } = personal[field] as PersonalEntry;
    const given = values === "include" && salt !== undefined && data[field] !== null;
    entries[field] = given ? { subject, commitment, salt } : values === "encrypted" && encrypted !== undefined ? { subject, commitment, encrypted } : { subject, commitment };
    if (!given) data[field] = null;
  }
  return { data, personal: entries };
};

/**
 * The interchange line of a recorded event (DOMAIN.md's full envelope): `type`, `data`,
 * `schemaVersion`, `eventId`, `streamId`, `streamRevision` (a number), `recordedAt`, `metadata`,
 * `personal` (schema 2), `previousHash`, `hash`, in that order, without a newline. An unsealed
 * event has no seal fields. A schema-2 event's personal values are written only with `values`
 * `include` (with their salts); by default each is null in `data`.
 * Law: `decodeHistoryLine(JSON.parse(envelopeLine(e, "include")))` gives back e's event and envelope.
 */
export const envelopeLine = (event: RecordedEvent, values: PersonalValues = "omit"): string => {
  const personal = personalOnLine(event, values);
  return JSON.stringify({
    type: event.type,
    data: personal === undefined ? event.data : personal.data,
    schemaVersion: event.schemaVersion,
    eventId: event.eventId,
    streamId: event.streamId,
    streamRevision: Number(event.streamRevision),
    recordedAt: event.recordedAt,
    metadata: event.metadata,
    ...(personal === undefined ? {} : { personal: personal.personal }),
    ...(event.previousHash === undefined ? {} : { previousHash: event.previousHash }),
    ...(event.hash === undefined ? {} : { hash: event.hash }),
  });
};

// utils

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u);

/** Whether `value` holds a number JSON cannot write back anywhere: no path is built unless it does (the common case is none). */
const hasUnwritableNumber = (value: unknown): boolean => {
  if (typeof value === "number") return !Number.isFinite(value);
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (hasUnwritableNumber(v)) return true;
    return false;
  }
  for (const k in value) if (Object.prototype.hasOwnProperty.call(value, k) && hasUnwritableNumber((value as Record<string, unknown>)[k])) return true;
  return false;
};

/** Paths under `path` holding numbers JSON cannot write back (`1e400` parses as Infinity): their hash cannot be recomputed. */
const unwritableNumbers = (value: unknown, path: string, out: DecodeIssue[]): void => {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) out.push({ path, message: "is a number too large to be written back as JSON" });
  } else if (Array.isArray(value)) value.forEach((v, i) => unwritableNumbers(v, `${path}[${i}]`, out));
  else if (isRecord(value)) for (const [k, v] of Object.entries(value)) unwritableNumbers(v, `${path}.${k}`, out);
};

/**
 * The seal of a parsed line: null when the line carries neither `previousHash` nor `hash`; else
 * the whole envelope, `type` and `data` exactly as written (the hash covers what was written,
 * not what it decodes or upcasts to). A sealed line lacking an envelope field is a decode error.
 */
export const sealedEnvelopeOf = (u: unknown): E.Either<DecodeError, SealedEnvelope | null> => {
  if (!isRecord(u) || !("previousHash" in u || "hash" in u)) return E.right(null);
  const wellFormed = wellFormedSeal(u);
  return wellFormed === undefined ? sealedEnvelopeByCodecs(u) : E.right(wellFormed);
};

const isCount = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
const isNullableString = (s: unknown): boolean => s === null || typeof s === "string";
const METADATA_KEYS = 3;

/** `metadata` as the codec takes it: exactly actor, correlationId and causationId, each a string or null. */
const isMetadata = (m: unknown): m is EventMetadata =>
  isRecord(m) && "actor" in m && "correlationId" in m && "causationId" in m && Object.keys(m).length === METADATA_KEYS && isNullableString(m["actor"]) && isNullableString(m["correlationId"]) && isNullableString(m["causationId"]);

/**
 * The common case of {@link sealedEnvelopeOf}, checked directly: every field present and well
 * formed, as the codecs would find it (and the same value); undefined sends the line through the
 * codecs, which name each issue. A third of a chain check's time went to the codecs' machinery.
 */
const wellFormedSeal = (u: Record<string, unknown>): SealedEnvelope | undefined => {
  const { type, data, schemaVersion, eventId, streamId, streamRevision, recordedAt, metadata, previousHash, hash } = u;
  if (typeof type !== "string" || !("data" in u) || !isCount(schemaVersion) || !isCount(streamRevision) || typeof streamId !== "string") return undefined;
  if (typeof eventId !== "string" || !UUID.test(eventId) || typeof recordedAt !== "string" || !INSTANT.test(recordedAt) || Number.isNaN(Date.parse(recordedAt))) return undefined;
  if (typeof previousHash !== "string" || !isSha256Hex(previousHash) || typeof hash !== "string" || !isSha256Hex(hash) || !isMetadata(metadata)) return undefined;
  if (hasUnwritableNumber(data)) return undefined;
  const personal = "personal" in u ? decodePersonalEntries(u["personal"], type) : undefined;
  if (personal !== undefined && E.isLeft(personal)) return undefined;
  return { type, data, schemaVersion, eventId, streamId, streamRevision, recordedAt, metadata, previousHash, hash, ...(personal === undefined ? {} : { personal: personal.right }) };
};

/** @internal {@link sealedEnvelopeOf} through the codecs alone: the issues of a line that is not well formed (and, for tests, the same answer for one that is). */
export const sealedEnvelopeByCodecs = (u: Record<string, unknown>): E.Either<DecodeError, SealedEnvelope> => {
  const issues: DecodeIssue[] = [];
  if (typeof u["type"] !== "string") issues.push({ path: "type", message: "expected a string" });
  if (!("data" in u)) issues.push({ path: "data", message: "is required" });
  else unwritableNumbers(u["data"], "data", issues);
  const envelope: Record<string, unknown> = {};
  for (const [field, codec] of Object.entries(ENVELOPE_CODECS)) {
    if (!(field in u)) {
      issues.push({ path: field, message: "is required on a sealed line (it carries the whole envelope)" });
      continue;
    }
    const decoded = (codec as t.Decoder<unknown, unknown>).decode(u[field]);
    if (E.isLeft(decoded)) issues.push(...fromValidationErrors(decoded.left, field).issues);
    else envelope[field] = decoded.right;
  }
  const personal = "personal" in u ? decodePersonalEntries(u["personal"], typeof u["type"] === "string" ? u["type"] : "") : undefined;
  if (personal !== undefined && E.isLeft(personal)) issues.push(...personal.left.issues);
  if (issues.length > 0) return E.left(decodeError(issues));
  return E.right({
    type: u["type"] as string,
    data: u["data"],
    schemaVersion: envelope["schemaVersion"] as number,
    eventId: envelope["eventId"] as string,
    streamId: envelope["streamId"] as string,
    streamRevision: envelope["streamRevision"] as number,
    recordedAt: envelope["recordedAt"] as string,
    metadata: envelope["metadata"] as EventMetadata,
    previousHash: envelope["previousHash"] as string,
    hash: envelope["hash"] as string,
    ...(personal === undefined || E.isLeft(personal) ? {} : { personal: personal.right }),
  });
};
