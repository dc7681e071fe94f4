import { campaignStreamId, exactRevision, noStream, readWholeStream } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "@tenfold/esdb-emulator";
import type { EventStoreDBClient } from "@eventstore/db-client";
import { createEventStoreDbStore } from "./EventStoreDbStore.js";
import { clientOn } from "./testing-support/clients.js";
import { FAST } from "./testing-support/emulated.js";
import { newEvents } from "./testing-support/events.js";

/*
 * What the server refuses, as values: a batch over its maximum append size, and the streams an
 * operator deleted (soft) or tombstoned behind Tenfold's back.
 */

const LIMIT = 4096;

describe("limits and deleted streams on the emulator", () => {
  let emulator: RunningEmulator;
  let client: EventStoreDBClient;
  beforeAll(async () => {
    emulator = await startEmulator({ clientPackage: "@eventstore/db-client", maxAppendSize: LIMIT });
    client = clientOn("@eventstore/db-client", emulator.port);
  });
  afterAll(async () => {
    await client.dispose();
    await emulator.stop();
  });

  it.each([false, true])("a batch over the maximum append size is AppendTooLarge with its size and the limit, and writes nothing (batchAppend %s)", async (batchAppend) => {
    const server = await startEmulator({ clientPackage: "@eventstore/db-client", maxAppendSize: LIMIT, batchAppend });
    const own = clientOn("@eventstore/db-client", server.port);
    try {
      const store = createEventStoreDbStore(own, FAST);
      const stream = campaignStreamId("too-large");
      const refused = await store.append(stream, newEvents(20), noStream)();
      expect(E.isLeft(refused) && refused.left).toEqual({ _tag: "AppendTooLarge", streamId: stream, size: expect.any(Number) as unknown, limit: LIMIT });
      expect(E.isLeft(refused) && refused.left._tag === "AppendTooLarge" && (refused.left.size ?? 0) > LIMIT).toBe(true);
      expect(server.data.stream(stream)).toEqual([]);
      expect(E.isRight(await store.append(stream, newEvents(2), noStream)())).toBe(true);
      // The store still knows the head after a refusal (nothing was written): a halved batch does not read the stream again.
      expect(await store.append(stream, newEvents(20), exactRevision(1n))()).toMatchObject(E.left({ _tag: "AppendTooLarge" }));
      const reads = server.calls.read;
      expect(E.isRight(await store.append(stream, newEvents(3), exactRevision(1n))())).toBe(true);
      expect(server.calls.read - reads).toBe(1); // the read-back of the appended events' places, and nothing else
    } finally {
      await own.dispose();
      await server.stop();
    }
  });

  it("a tombstoned stream is StoreFailure, naming the stream, when it is read or appended to", async () => {
    const store = createEventStoreDbStore(client, { ...FAST, namespace: "tombstoned" });
    expect(E.isRight(await store.append("s", newEvents(2), noStream)())).toBe(true);
    await client.tombstoneStream("tenfold-tombstoned:s");
    const deleted = { _tag: "StoreFailure", reason: 'stream "s" was deleted on the server (a tombstoned stream can never be written or read again)' };
    expect(await store.readStream("s")()).toEqual(E.left(deleted));
    expect(await store.append("s", newEvents(1), exactRevision(1n))()).toEqual(E.left(deleted));
  });

  // Deleting a Tenfold stream is outside the store's contract (erasure destroys keys instead: docs/privacy.md).
  it("a soft-deleted stream reads as empty; an append that the server then writes past its old revisions is StoreFailure saying so", async () => {
    const store = createEventStoreDbStore(client, { ...FAST, namespace: "soft-deleted" });
    expect(E.isRight(await store.append("s", newEvents(2), noStream)())).toBe(true);
    await client.deleteStream("tenfold-soft-deleted:s");
    expect(await readWholeStream(store, "s")()).toEqual(E.right([]));
    const again = await store.append("s", newEvents(1), noStream)();
    expect(again).toEqual(
      E.left({
        _tag: "StoreFailure",
        reason: 'stream "s" was deleted on the server and is recreated: the events were written at revision 2, not from 0, so its hash chain is broken there',
      }),
    );
    expect(emulator.data.stream("tenfold-soft-deleted:s").map((e) => e.revision)).toEqual([0n, 1n, 2n]);
  });
});
