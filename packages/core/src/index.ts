/**
 * @tenfold/core — the "ten ones" campaign as an event stream: value codecs, the event catalog,
 * commands, the decider, the event-store port, the command handler and pure statistics projections.
 * @packageDocumentation
 */

// values
export * from "./values/index.js";

// events and commands
export * from "./events/data.js";
export {
  EVENT_DATA,
  EVENT_TYPES,
  businessDate,
  isEventType,
  type AssignmentMade,
  type CadreEnrolled,
  type CampaignClosed,
  type CampaignEvent,
  type CampaignLaunched,
  type DiaryWritten,
  type EventData,
  type EventOf,
  type EventType,
  type FundDisbursed,
  type GroupFormed,
  type InspectionHeld,
  type ProblemRaised,
  type ProblemResolved,
  type ReportWritten,
  type VisitConducted,
} from "./events/catalog.js";
export {
  COMMAND_FOR_EVENT,
  EVENT_FOR_COMMAND,
  isCommandType,
  type Command,
  type CommandOf,
  type CommandType,
  type EventTypeOf,
} from "./commands/catalog.js";
export { commandToEvent, eventToCommand } from "./commands/convert.js";

// decoding
export {
  decodeError,
  decodeIssue,
  formatDecodeError,
  fromValidationErrors,
  type DecodeError,
  type DecodeIssue,
} from "./decoding/DecodeError.js";
export { decodeCommand, decodeEvent } from "./decoding/decode.js";

// decider
export { initialCampaignState, type CampaignState, type LaunchedCampaign } from "./decider/CampaignState.js";
export {
  RULE_OF,
  describeDomainError,
  describeRuleBroken,
  domainError,
  matchDomainError,
  type DomainError,
  type DomainErrorOf,
  type DomainErrorTag,
  type EntityKind,
} from "./decider/DomainError.js";
export { campaignDecider, checkEvent, decide, replay, type Decider } from "./decider/decide.js";
export { evolve } from "./decider/evolve.js";

// store port
export * from "./store/ExpectedRevision.js";
export * from "./store/StoreError.js";
export * from "./store/RecordedEvent.js";
export type * from "./store/EventStore.js";
export { foldStream, readWholeLog, readWholeStream, type Folded } from "./store/reading.js";
export { readAllPages, readStreamPages, type PagingOptions } from "./store/pages.js";
// for adapter authors: the checks and copies every store makes when append is called
export { checkAfter, checkExpectedRevision, checkFromRevision, checkMaxCount, checkStreamId } from "./store/arguments.js";
export { checkNewEvent, snapshotNewEvents } from "./store/snapshot.js";
export { redactSecrets, redactUrl, urlSecrets } from "./store/redactUrl.js";
export { subscriptionOf } from "./store/subscription.js";
export { flatten as flattenString, frozenCopy as frozenJsonCopy } from "./store/frozenCopy.js";

// command handling
export * from "./handler/platform.js";
export * from "./handler/CommandHandler.js";
export * from "./handler/HandleError.js";

// projections
export { contramap, project, type Projection } from "./projections/Projection.js";
export type * from "./projections/statistics/CampaignStatistics.js";
export { initialStatisticsState, type StatisticsState } from "./projections/statistics/StatisticsState.js";
export { evolveStatistics } from "./projections/statistics/evolveStatistics.js";
export { statisticsOf } from "./projections/statistics/snapshot.js";
export { campaignStatistics, computeStatistics } from "./projections/statistics/statisticsProjection.js";
export { onOrBefore, recordedBefore, statisticsAsOfDay, statisticsRecordedBefore } from "./projections/asOf.js";

// interchange
export {
  ENVELOPE_CODECS,
  EnvelopeMetadata,
  EventId,
  Instant,
  Sha256Hex,
  decodeHistoryLine,
  parseHistoryLine,
  toNewEvent,
  type EnvelopeFields,
  type HistoryLine,
} from "./interchange/HistoryLine.js";
export { envelopeLine, sealedEnvelopeOf, type SealedEnvelope } from "./interchange/envelopeLine.js";

// tamper evidence
export { canonicalJson } from "./seal/canonical.js";
export { GENESIS_HASH, hashEnvelope, sealedText, type SealedFields, type Sha256, type StreamHead } from "./seal/seal.js";
export { sealEvents, withSeal, type WithSealOptions } from "./seal/withSeal.js";
export { chainProblemKind, describeChainProblem, type ChainProblem, type ChainProblemKind } from "./seal/ChainProblem.js";
export type { ChainSummary, ChainVerifier, ChainVerifierOptions } from "./seal/ChainVerifier.js";
export { verifyChain } from "./seal/verifyChain.js";
export { StreamHeadJson, formatStreamHead, headsOf, parseStreamHead } from "./seal/heads.js";

// schema evolution
export { upcastEvent, upcasterRegistry, type RawEvent, type Upcaster, type UpcasterRegistry } from "./upcasting/Upcaster.js";
export { OLDEST_SCHEMA_VERSION, TENFOLD_UPCASTERS, visitPhotosUpcaster } from "./upcasting/schemaHistory.js";
