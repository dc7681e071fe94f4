/**
 * @tenfold/core/codecs — the io-ts codecs behind the campaign's values, events and envelopes, for
 * programs that decode Tenfold's data themselves: each event's data codec exactly as DOMAIN.md
 * gives it, the envelope's fields, the heads file's line, and the combinators they are built from.
 * @packageDocumentation
 */

export { closed, listOf, nullable, type ListConstraints } from "./values/collections.js";
export { oneOf } from "./values/oneOf.js";
export type { CountBrand, DayBrand, FenBrand, IdBrand, TextBrand } from "./values/index.js";
export { daysInMonth, laterDay } from "./values/Day.js";
export * from "./events/data.js";
export { EVENT_DATA } from "./events/catalog.js";
export { ENVELOPE_CODECS, EnvelopeMetadata, EventId, Instant, Sha256Hex } from "./interchange/HistoryLine.js";
export { StreamHeadJson } from "./seal/heads.js";
export { decodeError, decodeIssue, fromValidationErrors } from "./decoding/DecodeError.js";
