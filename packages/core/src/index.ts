/**
 * @tenfold/core — the "ten ones" campaign as an event stream: what an application uses. The
 * campaign's values, events and commands (as typed literals), the decider, the command handler,
 * the event-store port, projections and statistics (read once or kept live), and errors with
 * their descriptions. Adapter authors' tools are in `@tenfold/core/adapter`, the audit trail in
 * `@tenfold/core/audit`, the io-ts codecs in `@tenfold/core/codecs`, Node defaults in
 * `@tenfold/core/node`.
 * @packageDocumentation
 */

// values
export { Count, Day, Fen, Id, Text, formatYuan } from "./values/index.js";
export { CONTACT_KINDS, ContactKind } from "./values/ContactKind.js";
export { ChecklistItem, DEFAULT_CHECKLIST } from "./values/ChecklistItem.js";
export { CADRE_ROLES, CadreRole, FUND_KINDS, FundKind, VISIT_PURPOSES, VISIT_SETTINGS, VisitPurpose, VisitSetting } from "./events/data.js";

// events and commands
export {
  EVENT_TYPES,
  businessDate,
  isEventType,
  type AnyEventInput,
  type AssignmentMade,
  type CadreEnrolled,
  type CampaignClosed,
  type CampaignEvent,
  type CampaignLaunched,
  type DiaryWritten,
  type EventData,
  type EventInput,
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
  type AnyCommandInput,
  type Command,
  type CommandInput,
  type CommandOf,
  type CommandType,
  type EventTypeOf,
} from "./commands/catalog.js";
export { commandToEvent, eventToCommand } from "./commands/convert.js";
export { formatDecodeError, type DecodeError, type DecodeIssue } from "./decoding/DecodeError.js";
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
export { campaignDecider, decide, replay, type Decider } from "./decider/decide.js";
export { evolve } from "./decider/evolve.js";

// the event-store port
export { anyRevision, exactRevision, expectRevision, noStream, showExpectedRevision, streamExists, type ExpectedRevision } from "./store/ExpectedRevision.js";
export { describeStoreError, matchStoreError, type StoreError, type StoreErrorOf, type StoreErrorTag } from "./store/StoreError.js";
export { campaignStreamId, noMetadata, type EventMetadata, type NewEvent, type PersonalEntries, type PersonalEntry, type RecordedEvent } from "./store/RecordedEvent.js";
export type * from "./store/EventStore.js";
export { foldStream, readWholeLog, readWholeStream, type Folded } from "./store/reading.js";
export { readAllPages, readStreamPages, type PagingOptions } from "./store/pages.js";

// command handling
export { randomIds, sequentialIds, steppingClock, systemClock, type Clock, type IdGenerator } from "./handler/platform.js";
export { createCommandHandler, type CommandHandler, type CommandHandlerDeps, type Handled, type HandleOptions } from "./handler/CommandHandler.js";
export { describeHandleError, isStoreError, matchHandleError, type ConcurrencyRetriesExhausted, type HandleError } from "./handler/HandleError.js";
export { serializeByCampaign } from "./handler/serializeByCampaign.js";

// projections and statistics
export { contramap, project, type Projection } from "./projections/Projection.js";
export type * from "./projections/statistics/CampaignStatistics.js";
export { campaignStatistics, computeStatistics } from "./projections/statistics/statisticsProjection.js";
export { statisticsOf } from "./projections/statistics/snapshot.js";
export type { StatisticsState } from "./projections/statistics/StatisticsState.js";
export { eventsInView, type HistoryView, onOrBefore, recordedBefore, statisticsAsOfDay, statisticsInView, statisticsRecordedBefore } from "./projections/asOf.js";
export { createStatisticsReader, type StatisticsReader } from "./projections/statistics/StatisticsReader.js";
export { createSubscriptionRunner } from "./projections/live/createSubscriptionRunner.js";
export type { CatchUpOutcome, LiveProjection, RetryPolicy, RunnerStatus, RunOptions, SubscriptionRunner } from "./projections/live/SubscriptionRunner.js";
