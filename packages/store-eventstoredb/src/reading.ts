import type { AllPage, RecordedEvent, StoreError, StreamPage } from "@tenfold/core";
import { storeFailure } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";
import { MAX_REVISION } from "./arguments.js";
import { BACKWARDS, type ClientPosition, type ClientReadStreamOptions, type ClientResolvedEvent, END, type EventStoreClient, START } from "./client.js";
import { drain } from "./drain.js";
import { deadlineExceeded, errorTypeOf, toStoreError } from "./errors.js";
import type { Settings } from "./options.js";
import { fromResolved } from "./storedFormat.js";

/** What reading a page found besides its events: a failure, or that there are more events. */
interface Found {
  failure: StoreError | undefined;
  more: boolean;
}

/** Keeps a decoded event, or the failure; says whether to read on. */
const keep = (found: Found, events: RecordedEvent[], decoded: E.Either<StoreError, RecordedEvent>): boolean => {
  if (E.isLeft(decoded)) found.failure = decoded.left;
  else events.push(decoded.right);
  return E.isRight(decoded);
};

const page = (events: ReadonlyArray<RecordedEvent>, next: bigint | null): StreamPage & AllPage => ({ events, next });

/**
 * Reads a stream event by event, giving each to `take` (false: read and ignore the rest): "read",
 * or "missing" when the stream does not exist; a deadline or a client error is the StoreError.
 */
const eachOfStream = async (
  client: EventStoreClient,
  settings: Settings,
  streamId: string,
  options: ClientReadStreamOptions,
  take: (resolved: ClientResolvedEvent) => boolean,
): Promise<E.Either<StoreError, "read" | "missing">> => {
  try {
    const outcome = await drain(client.readStream(settings.toStored(streamId), options), take, settings.deadlineMs);
    return outcome._tag === "TimedOut" ? E.left(deadlineExceeded(`reading stream "${streamId}"`, settings.deadlineMs)) : E.right("read");
  } catch (error) {
    return errorTypeOf(error) === "stream-not-found" ? E.right("missing") : E.left(toStoreError(error, { streamId, redact: settings.redact }));
  }
};

/**
 * @internal One page of a stream, read from the server event by event: `maxCount` events and a
 * peek at one more, to know whether there is a next page. A stream not found reads as empty.
 */
export const readStreamPage = async (
  client: EventStoreClient,
  settings: Settings,
  streamId: string,
  fromRevision: bigint,
  maxCount: number,
  requiresLeader = false,
): Promise<E.Either<StoreError, StreamPage>> => {
  if (fromRevision > MAX_REVISION) return E.right(page([], null));
  const events: RecordedEvent[] = [];
  const found: Found = { failure: undefined, more: false };
  const read = await eachOfStream(client, settings, streamId, { fromRevision, maxCount: BigInt(maxCount) + 1n, requiresLeader }, (resolved) => {
    if (events.length === maxCount) {
      found.more = true;
      return false;
    }
    return keep(found, events, fromResolved(resolved, streamId));
  });
  if (E.isLeft(read)) return read;
  if (read.right === "missing") return E.right(page([], null));
  if (found.failure !== undefined) return E.left(found.failure);
  const last = events.at(-1);
  return E.right(page(events, found.more && last !== undefined ? last.streamRevision + 1n : null));
};

/** @internal Where an appended event was stored, and the hash it was sealed with. */
export interface StoredPlace {
  readonly eventId: string;
  readonly position: bigint;
  readonly hash: string | undefined;
}

const hashOf = (metadata: unknown): string | undefined => {
  const hash = typeof metadata === "object" && metadata !== null && "hash" in metadata ? metadata.hash : undefined;
  return typeof hash === "string" ? hash : undefined;
};

/**
 * @internal The ids, $all positions and seal hashes of `count` events of a stream from
 * `fromRevision`, read from the leader without decoding the events: what an append needs to learn
 * of the events it wrote.
 */
export const readPlaces = async (
  client: EventStoreClient,
  settings: Settings,
  streamId: string,
  fromRevision: bigint,
  count: number,
): Promise<E.Either<StoreError, ReadonlyArray<StoredPlace>>> => {
  const places: StoredPlace[] = [];
  const read = await eachOfStream(client, settings, streamId, { fromRevision, maxCount: BigInt(count), requiresLeader: true }, ({ event, commitPosition }) => {
    const position = event?.position?.commit ?? commitPosition;
    if (event !== undefined && position !== undefined) places.push({ eventId: event.id, position, hash: hashOf(event.metadata) });
    return true;
  });
  return E.map(() => places)(read);
};

/** @internal The last revision of a stored stream, null when it does not exist. */
export const lastRevision = async (client: EventStoreClient, settings: Settings, streamId: string): Promise<E.Either<StoreError, bigint | null>> => {
  let revision: bigint | null = null;
  const options = { direction: BACKWARDS, fromRevision: END, maxCount: 1n, requiresLeader: true } as const;
  const read = await eachOfStream(client, settings, streamId, options, (resolved) => ((revision = resolved.event?.revision ?? null), true));
  return E.map((found: "read" | "missing") => (found === "missing" ? null : revision))(read);
};

/**
 * @internal One page of this store's events in global order, after the checkpoint `after`.
 * The client reads $all without a server-side filter, so the page is read in chunks and the
 * streams outside this store (system streams, other prefixes) are skipped here.
 */
export const readAllPage = async (
  client: EventStoreClient,
  settings: Settings,
  after: bigint | undefined,
  maxCount: number,
): Promise<E.Either<StoreError, AllPage>> => {
  const events: RecordedEvent[] = [];
  // Chunks of at least 64: other streams may lie between this store's events.
  const chunk = BigInt(Math.min(Math.max(maxCount + 1, 64), 4096));
  let from: typeof START | ClientPosition = after === undefined ? START : { commit: after, prepare: after };
  let skipThrough = after; // reads start at `from` inclusive: skip what was already seen
  const found: Found = { failure: undefined, more: false };
  for (;;) {
    const chunkRead: { count: bigint; last: ClientPosition | undefined } = { count: 0n, last: undefined };
    try {
      const outcome = await drain(
        client.readAll({ fromPosition: from, maxCount: chunk }),
        (resolved: ClientResolvedEvent) => {
          chunkRead.count++;
          const event = resolved.event;
          if (event?.position === undefined) return true;
          chunkRead.last = event.position;
          if (skipThrough !== undefined && event.position.commit <= skipThrough) return true;
          if (!event.streamId.startsWith(settings.allPrefix)) return true;
          if (events.length === maxCount) {
            found.more = true;
            return false;
          }
          return keep(found, events, fromResolved(resolved, settings.fromStored(event.streamId)));
        },
        settings.deadlineMs,
      );
      if (outcome._tag === "TimedOut") return E.left(deadlineExceeded("reading all events", settings.deadlineMs));
    } catch (error) {
      return E.left(toStoreError(error, { redact: settings.redact }));
    }
    if (found.failure !== undefined) return E.left(found.failure);
    const { count, last } = chunkRead;
    if (found.more || count < chunk) break;
    if (last === undefined) return E.left(storeFailure("the server returned events of $all without their positions"));
    from = last;
    skipThrough = last.commit;
  }
  const lastEvent = events.at(-1);
  return E.right(page(events, found.more && lastEvent !== undefined ? lastEvent.position : null));
};
