import { SCHEMA_VERSION } from "@tenfold/core/adapter";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import type { ClientResolvedEvent } from "./client.js";
import { fromResolved, toEventData } from "./storedFormat.js";
import { appended, metadata, newEvents } from "./testing-support/events.js";

const [event] = newEvents(1, "stored-format") as [ReturnType<typeof newEvents>[number]];

/** A resolved event as the client would hand it over, from what `toEventData` sends. */
const resolvedOf = (over: Record<string, unknown> = {}, position = 1024n): ClientResolvedEvent => {
  const data = toEventData(event);
  return {
    event: {
      streamId: "tenfold-campaign-x",
      id: data.id,
      revision: 2n ** 62n + 3n,
      type: data.type,
      data: data.data,
      metadata: data.metadata,
      isJson: true,
      created: new Date(0),
      position: { commit: position, prepare: position },
      ...over,
    },
  } as ClientResolvedEvent;
};

describe("the stored format", () => {
  it("stores data as JSON and the envelope's other fields as metadata JSON, with the event id and type", () => {
    const data = toEventData(event);
    expect(data).toMatchObject({ id: event.eventId, type: "GroupFormed", contentType: "application/json", data: event.data });
    expect(data.metadata).toEqual({ schemaVersion: SCHEMA_VERSION, recordedAt: event.recordedAt, metadata, personal: {} });
  });

  it("reads back exactly what was stored, keeping revisions and positions beyond 2^53 as exact bigints", () => {
    const big = 2n ** 60n + 1n;
    const decoded = fromResolved(resolvedOf({}, big), "tenfold-campaign-x");
    expect(E.isRight(decoded) && appended(decoded.right)).toEqual(event);
    expect(E.isRight(decoded) && [decoded.right.streamRevision, decoded.right.position]).toEqual([2n ** 62n + 3n, big]);
  });

  it("accepts the hash seal's fields in the metadata", () => {
    const hash = "a".repeat(64);
    const sealed = fromResolved(resolvedOf({ metadata: { schemaVersion: 1, recordedAt: event.recordedAt, metadata, previousHash: "0".repeat(64), hash } }), "s");
    expect(E.isRight(sealed)).toBe(true);
  });

  it.each([
    [{ metadata: undefined }, [{ path: "(metadata)", message: "expected the stored metadata as a JSON object" }]],
    [{ metadata: { schemaVersion: 1, recordedAt: "2013-03-01T08:00:00.000Z", metadata, extra: 1 } }, [{ path: "extra", message: "is not a field of the stored metadata" }]],
    [{ metadata: { schemaVersion: SCHEMA_VERSION + 1, recordedAt: "2013-03-01T08:00:00.000Z", metadata } }, [{ path: "schemaVersion", message: expect.stringContaining("not supported") as unknown }]],
    [{ metadata: { schemaVersion: 1, recordedAt: "yesterday", metadata } }, [{ path: "recordedAt", message: expect.stringContaining("ISO-8601") as unknown }]],
    [{ metadata: { schemaVersion: 1, recordedAt: "2013-03-01T08:00:00.000Z", metadata: { ...metadata, actor: 1 } } }, [{ path: "metadata.actor", message: "expected a string or null, got 1" }]],
    [{ isJson: false, data: new Uint8Array([1]) }, [{ path: "(content-type)", message: "expected application/json, got binary data" }]],
    [{ type: "GroupDisbanded" }, [{ path: "type", message: expect.stringContaining("expected an event type") as unknown }]],
    [{ data: "not json" }, [{ path: "data", message: expect.any(String) as unknown }]],
  ])("a stored event that does not decode is InvalidStoredEvent (%#)", (over, issues) => {
    const result = fromResolved(resolvedOf(over), "tenfold-campaign-x");
    expect(result).toEqual(E.left({ _tag: "InvalidStoredEvent", streamId: "tenfold-campaign-x", streamRevision: 2n ** 62n + 3n, issues }));
  });

  it("a server that reports no positions is StoreFailure", () => {
    const result = fromResolved(resolvedOf({ position: undefined }), "s");
    expect(E.isLeft(result) && result.left).toMatchObject({ _tag: "StoreFailure", reason: expect.stringContaining("22.10") as unknown });
  });
});
