import { type AppendResult, type ExpectedRevision, type NewEvent, type StoreError } from "@tenfold/core";
import { meetsExpectation, recordedEvent, storeFailure, wrongExpectedRevision } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";
import { UNREACHABLE } from "./arguments.js";
import type { ClientAppendResult, ClientStreamState, EventStoreClient } from "./client.js";
import { withDeadline } from "./deadline.js";
import { deadlineExceeded, toStoreError } from "./errors.js";
import type { Settings } from "./options.js";
import { lastRevision, readPlaces, readStreamPage } from "./reading.js";
import { toEventData } from "./storedFormat.js";

/** @internal What an append needs, checked when `append` was called. */
export interface AppendRequest {
  readonly streamId: string;
  readonly events: ReadonlyArray<NewEvent>;
  readonly expected: ExpectedRevision;
  readonly clientExpected: ClientStreamState | typeof UNREACHABLE;
}

/** An append that writes nothing: the expectation is checked against the stream's last revision. */
const checkOnly = async (client: EventStoreClient, settings: Settings, request: AppendRequest): Promise<E.Either<StoreError, AppendResult>> => {
  const { streamId, expected } = request;
  const actual = await lastRevision(client, settings, streamId);
  if (E.isLeft(actual)) return actual;
  if (!meetsExpectation(expected, actual.right)) return E.left(wrongExpectedRevision(streamId, expected, actual.right));
  // -1n stands for "no stream", as in EventStoreDB and the in-memory store.
  return E.right({ nextExpectedRevision: actual.right ?? -1n, recorded: [] });
};

/** An event id that the batch holds twice, if any (EventStoreDB would store both). */
const repeatedId = (events: ReadonlyArray<NewEvent>): string | undefined => {
  const seen = new Set<string>();
  for (const { eventId } of events) {
    const id = eventId.toLowerCase();
    if (seen.has(id)) return eventId;
    seen.add(id);
  }
  return undefined;
};

const sameIds = (a: ReadonlyArray<{ readonly eventId: string }>, b: ReadonlyArray<{ readonly eventId: string }>): boolean =>
  a.length === b.length && a.every((e, i) => e.eventId.toLowerCase() === b[i]?.eventId.toLowerCase());

/**
 * @internal Appends, then learns where the events went. The server answers an append with the
 * last revision and the last event's position only, and the port records every event's revision
 * and $all position: the revisions are derived from the answer; the positions of the others are
 * read back from the leader, with each event's id and seal hash but without decoding the events.
 * The server answers a repeat of an append it already took (the same event ids in the same place)
 * exactly as it answered the first, even when the repeat's events differ (another `recordedAt`):
 * so the events sent are returned only when the stored batch ends with their seal hash (the chain
 * then vouches for every event of it); otherwise the stored events are read and returned as first recorded.
 */
export const appendEvents = async (client: EventStoreClient, settings: Settings, request: AppendRequest): Promise<E.Either<StoreError, AppendResult>> => {
  const { streamId, events, expected, clientExpected } = request;
  if (events.length === 0 || clientExpected === UNREACHABLE) return checkOnly(client, settings, request);
  const repeated = repeatedId(events);
  if (repeated !== undefined) return E.left(storeFailure(`the batch holds event id ${JSON.stringify(repeated)} more than once`));
  let result: ClientAppendResult;
  const sent = events.map(toEventData);
  try {
    const appending = client.appendToStream(settings.toStored(streamId), sent, {
      // Both clients' names for it: KurrentDB's reads `streamState`, EventStoreDB's `expectedRevision`.
      streamState: clientExpected,
      expectedRevision: clientExpected,
      deadline: settings.deadlineMs,
    });
    const outcome = await withDeadline(appending, settings.deadlineMs);
    if (outcome._tag === "TimedOut") return E.left(deadlineExceeded(`appending to stream "${streamId}"`, settings.deadlineMs));
    result = outcome.value;
  } catch (error) {
    return E.left(toStoreError(error, { streamId, expected, sent, redact: settings.redact }));
  }
  if (!result.success) {
    // Only a client made with throwOnAppendFailure: false answers so; its revision is unreliable.
    const actual = await lastRevision(client, settings, streamId);
    return E.isLeft(actual) ? actual : E.left(wrongExpectedRevision(streamId, expected, actual.right));
  }
  const first = result.nextExpectedRevision - BigInt(events.length) + 1n;
  const meant = expected._tag === "NoStream" ? 0n : expected._tag === "Exact" ? expected.revision + 1n : first;
  if (first !== meant) {
    // A stream soft-deleted on the server reads as missing, and the server continues its old revisions:
    // the events were written, but not where they were sealed for.
    return E.left(
      storeFailure(
        `stream "${streamId}" was deleted on the server and is recreated: the events were written at ${first === result.nextExpectedRevision ? `revision ${first}` : `revisions ${first}–${result.nextExpectedRevision}`}, not from ${meant}, so its hash chain is broken there`,
      ),
    );
  }
  const places = await readPlaces(client, settings, streamId, first, events.length);
  if (E.isLeft(places)) return places;
  const ours = events.at(-1)?.hash;
  if (sameIds(places.right, events) && ours !== undefined && places.right.at(-1)?.hash === ours) {
    const recorded = events.map((event, i) => recordedEvent(event, { streamId, streamRevision: first + BigInt(i), position: places.right[i]?.position ?? -1n }));
    return E.right({ nextExpectedRevision: result.nextExpectedRevision, recorded });
  }
  const readBack = await readStreamPage(client, settings, streamId, first, events.length, true);
  if (E.isLeft(readBack)) return readBack;
  if (!sameIds(readBack.right.events, events)) {
    return E.left(
      storeFailure(
        `the server acknowledged the append to stream "${streamId}" at revision ${result.nextExpectedRevision}, but the stream does not hold these events there`,
      ),
    );
  }
  return E.right({ nextExpectedRevision: result.nextExpectedRevision, recorded: readBack.right.events });
};
