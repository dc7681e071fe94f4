import { EventStoreDBClient, jsonEvent } from "@eventstore/db-client";
import { noStream } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectEventStoreDb } from "./connect.js";
import { type ChildEmulator, startChildEmulator } from "./testing-support/childEmulator.js";
import { newEvents } from "./testing-support/events.js";

/*
 * Over a real socket (the emulator in a child process), a read the client cuts short leaves its
 * gRPC stream unfinished and `close` waits for ever; the store reads every page to its end.
 */
describe("closing a connection, against an emulator in another process", () => {
  let emulator: ChildEmulator;
  beforeAll(async () => {
    emulator = await startChildEmulator();
  });
  afterAll(() => {
    emulator.stop();
  });

  it("finishes after reads that peeked past a page, found nothing or met an invalid event, and with a subscription open", async () => {
    const namespace = `close-${Date.now().toString(36)}`;
    const connected = connectEventStoreDb(emulator.connectionString, { namespace });
    if (E.isLeft(connected)) throw new Error(connected.left.reason);
    const { store, close } = connected.right;
    expect(E.isRight(await store.append("s", newEvents(5), noStream)())).toBe(true);
    expect(E.isRight(await store.readStream("s", { maxCount: 2 })())).toBe(true);
    expect(E.isRight(await store.readAll({ maxCount: 1 })())).toBe(true);
    expect(E.isRight(await store.readStream("missing")())).toBe(true);
    const raw = EventStoreDBClient.connectionString(emulator.connectionString);
    await raw.appendToStream(`tenfold-${namespace}:s`, jsonEvent({ type: "Nonsense", data: {} }));
    await raw.dispose();
    expect(E.isLeft(await store.readStream("s")())).toBe(true);
    const subscription = store.subscribeToAll();
    await subscription[Symbol.asyncIterator]().next();
    const closed = await Promise.race([close().then(() => "closed"), new Promise((resolve) => setTimeout(resolve, 5000, "still open"))]);
    expect(closed).toBe("closed");
  });
});
