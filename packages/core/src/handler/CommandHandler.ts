import * as E from "fp-ts/lib/Either.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import type { AnyCommandInput, Command } from "../commands/catalog.js";
import { asCommand } from "../decoding/decode.js";
import { newEvent } from "../store/envelope.js";
import type { CampaignState } from "../decider/CampaignState.js";
import { initialCampaignState } from "../decider/CampaignState.js";
import { decide } from "../decider/decide.js";
import { evolve } from "../decider/evolve.js";
import { personalSubjectsOf } from "../decider/personal.js";
import type { EventStore } from "../store/EventStore.js";
import { expectRevision } from "../store/ExpectedRevision.js";
import { campaignStreamId, type EventMetadata, noMetadata, type RecordedEvent, SCHEMA_VERSION } from "../store/RecordedEvent.js";
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

/** Handles commands: decode, load the campaign, decide, append with the expected revision, retry on conflict. */
export interface CommandHandler {
  /**
   * Records a command: a typed literal ({@link CommandInput}, decoded here; a value that does not
   * decode is a DecodeError) or an already decoded {@link Command}. On WrongExpectedRevision the
   * handler reads the stream again and decides again, up to `maxAttempts` times: the handler, not
   * the store, owns retries on conflict. Throws a RangeError when called with bad `options`.
   */
  readonly handle: (command: AnyCommandInput, options?: HandleOptions) => TE.TaskEither<HandleError, Handled>;
}

/** How many recent event ids the handler remembers for recognising commands sent again. */
const RECENT_EVENTS = 4096;

/** What the handler knows of a stream: the campaign's state, its last revision and that event's hash. */
interface Loaded extends Folded<CampaignState> {
  readonly lastHash: string | undefined;
}

const checkOptions = (options: HandleOptions): void => {
  const { eventIds } = options;
  if (eventIds === undefined) return;
  if (!Array.isArray(eventIds) || eventIds.length === 0) throw new RangeError("options.eventIds: expected a non-empty list of event ids (a command records one event)");
  eventIds.forEach((id: unknown, i) => {
    if (typeof id !== "string" || id.length === 0) throw new RangeError(`options.eventIds[${i}]: expected a non-empty string`);
  });
};

// constructors

/**
 * A command handler over a store. It keeps the last state it saw of each stream and reads only
 * newer events, so a busy campaign is not replayed from the start for every command; it tells a
 * sealing store the head it has just read, so the store need not read the stream again.
 */
export const createCommandHandler = ({ store, clock = systemClock, ids = randomIds, maxAttempts = 10 }: CommandHandlerDeps): CommandHandler => {
  const seen = new Map<string, Loaded>();
  /** The events most recently read or written, by id, for recognising a command sent again. */
  const recent = recentMap<string, RecordedEvent>(RECENT_EVENTS);
  const remember = (event: RecordedEvent): void => recent.set(event.eventId, event);

  const load = (streamId: string): TE.TaskEither<StoreError, Loaded> => async () => {
    const known = seen.get(streamId);
    let lastHash = known?.lastHash;
    const folded = await foldStream(store, streamId, known ?? { state: initialCampaignState(), lastRevision: null }, (s, e) => {
      remember(e);
      lastHash = e.hash;
      return evolve(s, e);
    })();
    return E.map((f: Folded<CampaignState>): Loaded => ({ state: f.state, lastRevision: f.lastRevision, lastHash }))(folded);
  };

  /** The events a command with these ids already recorded in the stream, if all of them are known. */
  const alreadyRecorded = (streamId: string, eventIds: ReadonlyArray<string> | undefined): ReadonlyArray<RecordedEvent> | undefined => {
    const first = eventIds?.[0];
    if (eventIds === undefined || first === undefined || !recent.has(first)) return undefined;
    const found = eventIds.map((id) => recent.get(id)).filter((e): e is RecordedEvent => e !== undefined && e.streamId === streamId);
    return found.length > 0 ? found : undefined;
  };

  const handleDecoded = async (command: Command, options: HandleOptions): Promise<E.Either<HandleError, Handled>> => {
    const streamId = campaignStreamId(command.data.campaignId);
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const loaded = await load(streamId)();
      if (E.isLeft(loaded)) return loaded;
      const { state, lastRevision, lastHash } = loaded.right;
      seen.set(streamId, loaded.right);
      const replayed = alreadyRecorded(streamId, options.eventIds);
      if (replayed !== undefined) return E.right({ recorded: replayed, nextExpectedRevision: lastRevision ?? -1n });
      const decided = decide(state, command);
      if (E.isLeft(decided)) return decided;
      if (decided.right.length === 0) return E.right({ recorded: [], nextExpectedRevision: lastRevision ?? -1n });
      const recordedAt = clock.now().toISOString();
      const metadata = options.metadata ?? noMetadata;
      const given = options.eventIds;
      const events = decided.right.map((event, i) =>
        newEvent({ type: event.type, data: event.data, eventId: given?.[i] ?? ids.eventId(), schemaVersion: SCHEMA_VERSION, recordedAt, metadata, personal: personalSubjectsOf(state, event) }),
      );
      const head = lastRevision !== null && lastHash !== undefined ? { revision: lastRevision, hash: lastHash } : undefined;
      const appended = await store.append(streamId, events, expectRevision(lastRevision), head === undefined ? undefined : { head })();
      if (E.isRight(appended)) {
        const { recorded, nextExpectedRevision } = appended.right;
        recorded.forEach(remember);
        const next = recorded.reduce((s, e) => evolve(s, e), state);
        seen.set(streamId, { state: next, lastRevision: nextExpectedRevision, lastHash: recorded.at(-1)?.hash });
        return E.right({ recorded, nextExpectedRevision });
      }
      if (appended.left._tag !== "WrongExpectedRevision") return appended;
    }
    return E.left(concurrencyRetriesExhausted(streamId, maxAttempts));
  };

  const handle = (input: AnyCommandInput, options: HandleOptions = {}): TE.TaskEither<HandleError, Handled> => {
    checkOptions(options);
    const command = asCommand(input);
    return E.isLeft(command) ? TE.left(command.left) : () => handleDecoded(command.right, options);
  };

  return { handle };
};
