import { noStream } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventStoreDbClientPackage } from "../clientPackage.js";
import { connectEventStoreDb } from "../connect.js";
import { type ChildEmulator, startChildEmulator } from "./childEmulator.js";
import { clientOn, rawJsonEvent } from "./clients.js";
import { newEvents } from "./events.js";

/*
 * Over a real socket (the emulator in a child process), a read that EventStoreDB's client cuts
 * short leaves its gRPC stream unfinished and `close` waits for ever; the store reads every page to
 * its end. Run through one client package per test file.
 */

/** The close test through `clientPackage`. */
export const describeClose = (clientPackage: EventStoreDbClientPackage): void => {
  describe(`closing a connection through ${clientPackage}, against an emulator in another process`, () => {
    let emulator: ChildEmulator;
    beforeAll(async () => {
      emulator = await startChildEmulator();
    });
    afterAll(() => {
      emulator.stop();
    });

    it("finishes after reads that peeked past a page, found nothing or met an invalid event, and with a subscription open", async () => {
      const namespace = `close-${Date.now().toString(36)}`;
      const connected = connectEventStoreDb(emulator.connectionString, { namespace, clientPackage });
      if (E.isLeft(connected)) throw new Error(connected.left.reason);
      const { store, close } = connected.right;
      expect(E.isRight(await store.append("s", newEvents(5), noStream)())).toBe(true);
      expect(E.isRight(await store.readStream("s", { maxCount: 2 })())).toBe(true);
      expect(E.isRight(await store.readAll({ maxCount: 1 })())).toBe(true);
      expect(E.isRight(await store.readStream("missing")())).toBe(true);
      const raw = clientOn(clientPackage, Number(/:(\d+)\?/.exec(emulator.connectionString)?.[1]));
      await raw.appendToStream(`tenfold-${namespace}:s`, rawJsonEvent({ type: "Nonsense", data: {} }));
      await raw.dispose();
      expect(E.isLeft(await store.readStream("s")())).toBe(true);
      const subscription = store.subscribeToAll();
      await subscription[Symbol.asyncIterator]().next();
      const closed = await Promise.race([close().then(() => "closed"), new Promise((resolve) => setTimeout(resolve, 5000, "still open"))]);
      expect(closed).toBe("closed");
    });
  });
};
