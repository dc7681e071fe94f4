import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import type { Command } from "../commands/catalog.js";
import type { CampaignState } from "../decider/CampaignState.js";
import { initialCampaignState } from "../decider/CampaignState.js";
import { decide } from "../decider/decide.js";
import { evolve } from "../decider/evolve.js";
import type { EventStore } from "../store/EventStore.js";
import { expectRevision } from "../store/ExpectedRevision.js";
import {
  campaignStreamId,
  type EventMetadata,
  type NewEvent,
  noMetadata,
  type RecordedEvent,
  SCHEMA_VERSION,
} from "../store/RecordedEvent.js";
import type { StoreError } from "../store/StoreError.js";
import { type Folded, foldStream } from "../store/reading.js";
import { recentMap } from "../internal/RecentMap.js";
import { type HandleError, concurrencyRetriesExhausted } from "./HandleError.js";
import { type Clock, type IdGenerator, randomIds, systemClock } from "./platform.js";

// model

/** What the handler needs. */
export interface CommandHandlerDeps {
  readonly store: EventStore;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Attempts per command when other writers keep changing the stream. @defaultValue 10 */
  readonly maxAttempts?: number;
}

/** Per-command options. */
export interface HandleOptions {
  readonly metadata?: EventMetadata;
  /**
   * Ids for the command's events, in order, instead of new ones — derived from a command id, for
   * example. A command sent again after its reply was lost (its events are in the stream) then
   * gets back what was recorded instead of being decided again and refused.
   */
  readonly eventIds?: ReadonlyArray<string>;
}

/** What a recorded command wrote. */
export interface Handled {
  readonly recorded: ReadonlyArray<RecordedEvent>;
  readonly nextExpectedRevision: bigint;
}

/** Handles commands: load the campaign, decide, append with the expected revision, retry on conflict. */
export interface CommandHandler {
  readonly handle: (command: Command, options?: HandleOptions) => TE.TaskEither<HandleError, Handled>;
}

/** How many recent event ids the handler remembers for recognising commands sent again. */
const RECENT_EVENTS = 4096;

// constructors

/**
 * A command handler over a store. It keeps the last state it saw of each stream and reads only
 * newer events, so a busy campaign is not replayed from the start for every command.
 */
export const createCommandHandler = ({ store, clock = systemClock, ids = randomIds, maxAttempts = 10 }: CommandHandlerDeps): CommandHandler => {
  const seen = new Map<string, Folded<CampaignState>>();
  /** The events most recently read or written, by id, for recognising a command sent again. */
  const recent = recentMap<string, RecordedEvent>(RECENT_EVENTS);
  const remember = (event: RecordedEvent): void => recent.set(event.eventId, event);

  const load = (streamId: string): TE.TaskEither<StoreError, Folded<CampaignState>> =>
    foldStream(store, streamId, seen.get(streamId) ?? { state: initialCampaignState(), lastRevision: null }, (s, e) => {
      remember(e);
      return evolve(s, e);
    });

  /** The events a command with these ids already recorded in the stream, if all of them are known. */
  const alreadyRecorded = (streamId: string, eventIds: ReadonlyArray<string> | undefined): ReadonlyArray<RecordedEvent> | undefined => {
    const first = eventIds?.[0];
    if (eventIds === undefined || first === undefined || !recent.has(first)) return undefined;
    const found = eventIds.map((id) => recent.get(id)).filter((e): e is RecordedEvent => e !== undefined && e.streamId === streamId);
    return found.length > 0 ? found : undefined;
  };

  const handle = (command: Command, options: HandleOptions = {}): TE.TaskEither<HandleError, Handled> => async () => {
    const streamId = campaignStreamId(command.data.campaignId);
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const loaded = await load(streamId)();
      if (E.isLeft(loaded)) return loaded;
      const { state, lastRevision } = loaded.right;
      seen.set(streamId, loaded.right);
      const replayed = alreadyRecorded(streamId, options.eventIds);
      if (replayed !== undefined) return E.right({ recorded: replayed, nextExpectedRevision: lastRevision ?? -1n });
      const decided = decide(state, command);
      if (E.isLeft(decided)) return decided;
      if (decided.right.length === 0) return E.right({ recorded: [], nextExpectedRevision: lastRevision ?? -1n });
      const recordedAt = clock.now().toISOString();
      const metadata = options.metadata ?? noMetadata;
      // An object literal, not `{ ...event, … }`: on Node 20 every spread copy gets a map of its own.
      const given = options.eventIds;
      if (given !== undefined && given.length < decided.right.length) {
        throw new RangeError(`eventIds: ${given.length} ids given for ${decided.right.length} events of ${command.type}`);
      }
      const events = decided.right.map(
        ({ type, data }, i) =>
          ({ type, data, eventId: given?.[i] ?? ids.eventId(), schemaVersion: SCHEMA_VERSION, recordedAt, metadata }) as NewEvent,
      );
      const appended = await store.append(streamId, events, expectRevision(lastRevision))();
      if (E.isRight(appended)) {
        appended.right.recorded.forEach(remember);
        const next = appended.right.recorded.reduce((s, e) => evolve(s, e), state);
        seen.set(streamId, { state: next, lastRevision: appended.right.nextExpectedRevision });
        return E.right({ recorded: appended.right.recorded, nextExpectedRevision: appended.right.nextExpectedRevision });
      }
      if (appended.left._tag !== "WrongExpectedRevision") return appended;
    }
    return E.left(concurrencyRetriesExhausted(streamId, maxAttempts));
  };

  return { handle };
};
