import {
  type CampaignStatistics,
  type Clock,
  type EventMetadata,
  type EventStore,
  type HandleError,
  type IdGenerator,
  createStatisticsReader,
  campaignStreamId,
  createCommandHandler,
  sequentialIds,
  steppingClock,
} from "@tenfold/core";
import { storeFailure } from "@tenfold/core/adapter";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { XINING_CAMPAIGN_ID } from "./campaign.js";
import { xiningCommands } from "./commands.js";

// model

/** What {@link runXiningDemo} may be given instead of its deterministic defaults. */
export interface XiningDemoOptions {
  /** Stamps `recordedAt`. @defaultValue `steppingClock(new Date("2013-03-01T08:00:00Z"))`, one second a command */
  readonly clock?: Clock;
  /** Makes event ids. @defaultValue `sequentialIds()` */
  readonly ids?: IdGenerator;
}

// constructors

/** The instant the demo's default clock starts at: 08:00 UTC on the day the campaign was launched. */
export const XINING_DEMO_START = new Date("2013-03-01T08:00:00Z");

/** The metadata every command of the demo is recorded with. */
export const XINING_DEMO_METADATA: EventMetadata = {
  actor: "@tenfold/example-xining-2013",
  correlationId: XINING_CAMPAIGN_ID,
  causationId: null,
};

// utils

/** Reads the campaign's statistics back from a store with core's statistics reader (page by page). */
export const readXiningStatistics = (store: EventStore): TE.TaskEither<HandleError, CampaignStatistics> =>
  pipe(
    createStatisticsReader(store).statistics(XINING_CAMPAIGN_ID),
    TE.flatMap(TE.fromOption(() => storeFailure(`stream "${campaignStreamId(XINING_CAMPAIGN_ID)}" holds no CampaignLaunched`))),
  );

/**
 * Records the whole Xining 2013 campaign in `store` through the command handler, one command at a
 * time, then reads its statistics back from the store. Deterministic by default: on an empty store
 * it records the same events (ids and instants included) and returns the same statistics every time.
 */
export const runXiningDemo = (store: EventStore, options: XiningDemoOptions = {}): TE.TaskEither<HandleError, CampaignStatistics> => {
  const handler = createCommandHandler({
    store,
    clock: options.clock ?? steppingClock(XINING_DEMO_START),
    ids: options.ids ?? sequentialIds(),
  });
  return pipe(
    xiningCommands(),
    TE.traverseSeqArray((command) => handler.handle(command, { metadata: XINING_DEMO_METADATA })),
    TE.flatMap(() => readXiningStatistics(store)),
  );
};
