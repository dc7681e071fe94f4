import { campaignStreamId, describeStoreError, type EventStore, readAllPages, type RecordedEvent } from "@tenfold/core";
import { STREAM_PREFIX } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, failure } from "./CliError.js";

// model

const CAMPAIGN_PREFIX = campaignStreamId("");

// utils

/** The store's failure as the CLI reports it. */
export const storeFailed = (what: string, error: Parameters<typeof describeStoreError>[0]): CliError => failure(`tenfold: ${what} failed: ${describeStoreError(error)}`);

/** Every event of the store in global order, page by page, as they are read: never the whole store in memory. */
export const eachStoredEvent = async function* (store: EventStore, pageSize = 1000): AsyncGenerator<E.Either<CliError, RecordedEvent>> {
  for await (const page of readAllPages(store, { pageSize })) {
    if (E.isLeft(page)) {
      yield E.left(storeFailed("reading the store", page.left));
      return;
    }
    for (const event of page.right) yield E.right(event);
  }
};

/** The campaigns a store holds (by their streams), in order of first appearance. */
const campaignsIn = (store: EventStore): TE.TaskEither<CliError, ReadonlyArray<string>> => async () => {
  const found = new Set<string>();
  for await (const item of eachStoredEvent(store)) {
    if (E.isLeft(item)) return item;
    const { streamId } = item.right;
    if (streamId.startsWith(CAMPAIGN_PREFIX)) found.add(streamId.slice(CAMPAIGN_PREFIX.length));
  }
  return E.right([...found]);
};

/** The campaign to read: the one named, or the only one the store holds; none, or several and none named, is a failure listing them. */
export const findCampaign = (store: EventStore, campaignId: string | undefined): TE.TaskEither<CliError, string> =>
  pipe(
    campaignId === undefined ? campaignsIn(store) : TE.right([campaignId]),
    TE.flatMapEither((ids) => {
      const [only] = ids;
      if (only === undefined) return E.left(failure(`the store holds no campaign (no "${CAMPAIGN_PREFIX}…" stream under ${STREAM_PREFIX})`));
      if (ids.length > 1) return E.left(failure(`the store holds ${ids.length} campaigns (${ids.join(", ")}): name one with --campaign ID`));
      return E.right(only);
    }),
  );

/** The store holds no event of the campaign named. */
export const noCampaign = (campaignId: string): CliError => failure(`the store holds no campaign "${campaignId}"`);
