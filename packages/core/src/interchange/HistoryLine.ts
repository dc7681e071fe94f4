import * as E from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import { decodeEvent } from "../decoding/decode.js";
import { type DecodeError, decodeIssue, fromValidationErrors } from "../decoding/DecodeError.js";
import type { CampaignEvent } from "../events/catalog.js";
import type { Clock, IdGenerator } from "../handler/platform.js";
import { type NewEvent, noMetadata, type PersonalEntries, type RecordedEvent, SCHEMA_VERSION } from "../store/RecordedEvent.js";
import type { SealedEnvelope } from "./envelopeLine.js";
import { decodePersonalEntries, putBackWithheld, standInWithheld } from "./personalLine.js";
import { newEvent, type RecordedPlace, recordedEvent } from "../store/envelope.js";
import { TENFOLD_UPCASTERS } from "../upcasting/schemaHistory.js";
import { type RawEvent, upcastEvent, type UpcasterRegistry } from "../upcasting/Upcaster.js";
import { closed, nullable } from "../values/collections.js";
import { Count } from "../values/Count.js";
import { isLowerHex } from "../values/lowerHex.js";
import { refine, show, stringOf } from "../values/refine.js";

// model

/** @internal What an event id must match (any case). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** @internal What an instant must match (and then parse). */
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
/** @internal What a hash must match (tested by {@link isSha256Hex}, which is faster). */
export const HASH = /^[0-9a-f]{64}$/;

/** @internal Whether `s` is a SHA-256 digest as 64 lowercase hex digits: {@link HASH}'s test. */
export const isSha256Hex = (s: string): boolean => isLowerHex(s, 64);

/** An event id: a UUID. */
export const EventId = refine<string, string, string>("EventId", stringOf("a UUID"), (s) =>
  UUID.test(s) ? undefined : `expected a UUID, got ${show(s)}`,
);

/** An ISO-8601 UTC instant such as `2013-03-01T08:00:00.000Z`. */
export const Instant = refine<string, string, string>("Instant", stringOf("an ISO-8601 UTC instant"), (s) =>
  INSTANT.test(s) && !Number.isNaN(Date.parse(s)) ? undefined : `expected an ISO-8601 UTC instant (…T…Z), got ${show(s)}`,
);

/** A SHA-256 digest as 64 lowercase hex digits. */
export const Sha256Hex = refine<string, string, string>("Sha256Hex", stringOf("64 lowercase hex digits"), (s) =>
  isSha256Hex(s) ? undefined : `expected 64 lowercase hex digits, got ${show(s)}`,
);

/** The metadata object of an envelope. */
export const EnvelopeMetadata = closed("metadata", {
  actor: nullable(stringOf("a string or null")),
  correlationId: nullable(stringOf("a string or null")),
  causationId: nullable(stringOf("a string or null")),
});

/** The envelope fields an interchange line may carry besides `type` and `data` (DOMAIN.md). */
export const ENVELOPE_CODECS = {
  schemaVersion: Count,
  eventId: EventId,
  streamId: stringOf("a stream id"),
  streamRevision: Count,
  recordedAt: Instant,
  metadata: EnvelopeMetadata,
  previousHash: Sha256Hex,
  hash: Sha256Hex,
} as const;

/** Envelope fields found on a line; each may be absent. */
export type EnvelopeFields = { readonly [K in keyof typeof ENVELOPE_CODECS]?: t.TypeOf<(typeof ENVELOPE_CODECS)[K]> };

/** One line of an NDJSON history: the event and whatever envelope came with it. */
export interface HistoryLine {
  /** The event; a personal value the line leaves out (`null` in its data, DOMAIN.md) is null here too. */
  readonly event: CampaignEvent;
  readonly envelope: EnvelopeFields;
  /** A schema-2 line's personal fields: subject, commitment and, where the line gives the value, salt. */
  readonly personal?: PersonalEntries;
}

const LINE_FIELDS: ReadonlySet<string> = new Set(["type", "data", "personal", ...Object.keys(ENVELOPE_CODECS)]);

/** The first schema version whose lines carry `personal`. */
const PERSONAL_SINCE = 2;

const ENVELOPE_ENTRIES = Object.entries(ENVELOPE_CODECS) as ReadonlyArray<[string, t.Decoder<unknown, unknown>]>;

// constructors

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u);

/** The line with its `{type, data}` upcast from the line's schema version to the current one. */
const upcastLine = (u: unknown, registry: UpcasterRegistry): E.Either<DecodeError, unknown> => {
  if (!isRecord(u) || !("schemaVersion" in u)) return E.right(u);
  const version = Count.decode(u["schemaVersion"]);
  if (E.isLeft(version)) return E.left(fromValidationErrors(version.left, "schemaVersion"));
  const type = u["type"];
  if (typeof type !== "string") return E.right(u);
  const data = u["data"];
  const upcast = upcastEvent(registry, { type, data }, version.right);
  if (E.isLeft(upcast)) return upcast;
  // A line in the current version comes back as it is: no copy of the line (the common case).
  const event: RawEvent = upcast.right;
  return E.right(event.type === type && event.data === data ? u : { ...u, type: event.type, data: event.data });
};

/**
 * Decodes a parsed interchange line: `{type, data}` at least, plus any valid envelope fields.
 * Unknown top-level fields are refused. A line written in an older schema version is upcast
 * (`registry`) before its event is decoded, so `event` is always in the current version while
 * `envelope.schemaVersion` says what the line was written in; a newer version is refused.
 */
export const decodeHistoryLine = (u: unknown, registry: UpcasterRegistry = TENFOLD_UPCASTERS): E.Either<DecodeError, HistoryLine> => decodeLineWith(u, registry, undefined);

/**
 * {@link decodeHistoryLine} of a sealed line whose seal `sealedEnvelopeOf` has read already
 * (`sealed`, of the same parsed `u`): its envelope fields and personal entries were checked there,
 * and are taken from it rather than checked again. The same answer, for less work.
 */
export const decodeSealedHistoryLine = (u: unknown, sealed: SealedEnvelope, registry: UpcasterRegistry = TENFOLD_UPCASTERS): E.Either<DecodeError, HistoryLine> =>
  decodeLineWith(u, registry, sealed);

const decodeLineWith = (u: unknown, registry: UpcasterRegistry, sealed: SealedEnvelope | undefined): E.Either<DecodeError, HistoryLine> => {
  const personal = personalOfLine(u, sealed);
  if (E.isLeft(personal)) return personal;
  const upcast = upcastLine(u, registry);
  if (E.isLeft(upcast)) return upcast;
  const withheld = personal.right === undefined || !isRecord(upcast.right) ? undefined : standInWithheld(upcast.right["data"], personal.right);
  const decodable = withheld === undefined || withheld.withheld.length === 0 ? upcast.right : { ...(upcast.right as Record<string, unknown>), data: withheld.data };
  const decoded = decodeEvent(decodable, LINE_FIELDS);
  if (E.isLeft(decoded)) return decoded;
  const event: CampaignEvent = withheld === undefined ? decoded.right : ({ ...decoded.right, data: putBackWithheld(decoded.right.data, withheld.withheld) } as CampaignEvent);
  if (sealed !== undefined && typeof sealed.streamRevision === "number") {
    // The fields in ENVELOPE_CODECS' order, as the loop below gives them: a sealed line has them all, checked (counts as counts).
    const { schemaVersion, eventId, streamId, streamRevision, recordedAt, metadata, previousHash, hash } = sealed;
    const envelope: EnvelopeFields = { schemaVersion: schemaVersion as Count, eventId, streamId, streamRevision: streamRevision as Count, recordedAt, metadata, previousHash, hash };
    return E.right(personal.right === undefined ? { event, envelope } : { event, envelope, personal: personal.right });
  }
  const record = u as Record<string, unknown>;
  const envelope: Record<string, unknown> = {};
  for (const [field, codec] of ENVELOPE_ENTRIES) {
    if (!(field in record)) continue;
    const decoded = codec.decode(record[field]);
    if (E.isLeft(decoded)) return E.left(fromValidationErrors(decoded.left, field));
    envelope[field] = decoded.right;
  }
  return E.right(personal.right === undefined ? { event, envelope } : { event, envelope, personal: personal.right });
};

/** A line's `personal`: required of a schema-2 line, refused on an older one, absent on a line without a version. */
const personalOfLine = (u: unknown, sealed: SealedEnvelope | undefined): E.Either<DecodeError, PersonalEntries | undefined> => {
  if (!isRecord(u)) return E.right(undefined);
  const version = u["schemaVersion"];
  const versioned = typeof version === "number";
  if (!("personal" in u)) {
    return versioned && version >= PERSONAL_SINCE && version <= SCHEMA_VERSION ? E.left(decodeIssue("personal", `is required of a schemaVersion ${version} line (its personal fields, {} when none)`)) : E.right(undefined);
  }
  if (!versioned || version < PERSONAL_SINCE) return E.left(decodeIssue("personal", `is a member of schemaVersion ${PERSONAL_SINCE} lines, not of ${versioned ? `version ${version}` : "a line without schemaVersion"}`));
  // A seal read from the line decoded its entries already (sealedEnvelopeOf refuses a line whose entries do not decode).
  return sealed !== undefined ? E.right(sealed.personal) : decodePersonalEntries(u["personal"], typeof u["type"] === "string" ? u["type"] : "");
};

/** Parses and decodes one NDJSON line; invalid JSON is a decode error at `(line)`. */
export const parseHistoryLine = (text: string, registry: UpcasterRegistry = TENFOLD_UPCASTERS): E.Either<DecodeError, HistoryLine> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return E.left(decodeIssue("(line)", `invalid JSON: ${e instanceof Error ? e.message : String(e)}`));
  }
  return decodeHistoryLine(parsed, registry);
};

// combinators

/** The event of a line ready to append: its own eventId, recordedAt and metadata where it has them, else new ones. */
export const toNewEvent = (line: HistoryLine, { clock, ids }: { readonly clock: Clock; readonly ids: IdGenerator }, personal: PersonalEntries | undefined = line.personal): NewEvent =>
  newEvent({
    type: line.event.type,
    data: line.event.data,
    eventId: line.envelope.eventId ?? ids.eventId(),
    schemaVersion: SCHEMA_VERSION,
    recordedAt: line.envelope.recordedAt ?? clock.now().toISOString(),
    metadata: line.envelope.metadata ?? noMetadata,
    personal,
  });

const STORED_FIELDS = ["eventId", "schemaVersion", "recordedAt", "metadata"] as const;

/**
 * The event a store holds, from its decoded line and its place: the line's own envelope fields
 * (the seal only when it has both), or a DecodeError naming each field a stored event must have
 * and the line lacks (eventId, schemaVersion, recordedAt, metadata).
 */
export const recordedEventOfLine = (line: HistoryLine, place: RecordedPlace): E.Either<DecodeError, RecordedEvent> => {
  const { envelope, event } = line;
  const { eventId, schemaVersion, recordedAt, metadata, previousHash, hash } = envelope;
  if (eventId === undefined || schemaVersion === undefined || recordedAt === undefined || metadata === undefined) {
    const missing = STORED_FIELDS.filter((field) => envelope[field] === undefined);
    return E.left({ _tag: "DecodeError", issues: missing.map((path) => ({ path, message: "is required of a stored event" })) });
  }
  const erased = line.personal === undefined ? undefined : Object.keys(line.personal).filter((field) => line.personal?.[field]?.salt === undefined && line.personal?.[field]?.encrypted === undefined);
  return E.right(recordedEvent({ type: event.type, data: event.data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash, personal: line.personal, erased }, place));
};
