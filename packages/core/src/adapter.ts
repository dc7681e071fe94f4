/**
 * @tenfold/core/adapter — for authors of event-store adapters: the checks and copies every store
 * makes when `append` is called, the sealing wrapper that gives every store the same bytes, the
 * envelope constructor, store-error constructors, a Subscription over a generator, schema
 * upcasting, and the redaction of secrets from what a store reports.
 * @packageDocumentation
 */

export { checkAfter, checkExpectedRevision, checkFromRevision, checkMaxCount, checkStreamId } from "./store/arguments.js";
export { checkNewEvent, snapshotNewEvents } from "./store/snapshot.js";
export { meetsExpectation } from "./store/ExpectedRevision.js";
export { STORE_ERROR_TAGS, appendTooLarge, invalidStoredEvent, storeFailure, storeUnavailable, wrongExpectedRevision } from "./store/StoreError.js";
export { SCHEMA_VERSION, STREAM_PREFIX, toCampaignEvent } from "./store/RecordedEvent.js";
export { newEvent, recordedEvent, type EnvelopeInput, type RecordedPlace } from "./store/envelope.js";
export { redactSecrets, redactUrl, urlSecrets } from "./store/redactUrl.js";
export { subscriptionOf } from "./store/subscription.js";
export { flatten as flattenString, frozenCopy as frozenJsonCopy } from "./store/frozenCopy.js";
export { recordedEventOfLine } from "./interchange/HistoryLine.js";
export { withSeal, type WithSealOptions } from "./seal/withSeal.js";
export { sleep } from "./internal/sleep.js";
export { upcastEvent, upcasterRegistry, type RawEvent, type Upcaster, type UpcasterRegistry } from "./upcasting/Upcaster.js";
export { OLDEST_SCHEMA_VERSION, TENFOLD_UPCASTERS, visitPhotosUpcaster } from "./upcasting/schemaHistory.js";
