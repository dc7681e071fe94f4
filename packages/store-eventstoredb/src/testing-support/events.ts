/*
 * Test support (not built into the package): valid new events, and a store over an emulator.
 */
import { type CampaignEvent, type EventMetadata, type NewEvent, decodeEvent, formatDecodeError } from "@tenfold/core";
import { SCHEMA_VERSION } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";
import { eventIdFor } from "../eventIds.js";

export const CAMPAIGN = "xining-2013";

/** Decodes an event literal, throwing on a mistake in the test itself. */
export const domainEvent = (type: CampaignEvent["type"], data: Record<string, unknown>): CampaignEvent => {
  const decoded = decodeEvent({ type, data: { campaignId: CAMPAIGN, ...data } });
  if (E.isLeft(decoded)) throw new Error(`bad test event ${type}: ${formatDecodeError(decoded.left).join("; ")}`);
  return decoded.right;
};

export const metadata: EventMetadata = { actor: "tester", correlationId: "corr-1", causationId: null };

let counter = 0;

/** `n` GroupFormed events with fresh deterministic ids (`label` keeps ids apart between tests). */
export const newEvents = (n: number, label = `batch-${++counter}`): ReadonlyArray<NewEvent> =>
  Array.from({ length: n }, (_, i) => ({
    ...domainEvent("GroupFormed", { groupId: `g-${label}-${i}`, name: `Group ${i}`, formedOn: "2013-03-02" }),
    eventId: eventIdFor(label, i),
    schemaVersion: SCHEMA_VERSION,
    recordedAt: new Date(Date.UTC(2013, 2, 2, 8, 0, i % 60)).toISOString(),
    metadata,
    // Schema 2: a GroupFormed has no personal field.
    personal: {},
  }));

/** The envelope of a recorded event without its place: what was appended. */
export const appended = (event: NewEvent): NewEvent =>
  ({
    type: event.type,
    data: event.data,
    eventId: event.eventId,
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt,
    metadata: event.metadata,
    ...(event.personal === undefined ? {} : { personal: event.personal }),
  }) as NewEvent;
