import { type RecordedEvent, type SubscriptionMessage, noStream, readWholeLog } from "@tenfold/core";
import { type RunningEmulator, startEmulator } from "@tenfold/esdb-emulator";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventStoreClient } from "./client.js";
import { createEventStoreDbStore } from "./EventStoreDbStore.js";
import { clientOn } from "./testing-support/clients.js";
import { FAST } from "./testing-support/emulated.js";
import { newEvents } from "./testing-support/events.js";
import { take } from "./testing-support/messages.js";

/*
 * $all as a server's: system events from the start ($epoch-information, the default users) and a
 * $statsCollected event every 5 ms while the store reads, subscribes and resumes from checkpoints.
 * The store sees only its own streams, and its positions skip the system events between them.
 */

const eventsOf = (messages: ReadonlyArray<SubscriptionMessage>): RecordedEvent[] => messages.flatMap((m) => (m._tag === "Event" ? [m.event] : []));

describe("the store among system events", () => {
  let emulator: RunningEmulator;
  let client: EventStoreClient;
  beforeAll(async () => {
    emulator = await startEmulator({ clientPackage: "@eventstore/db-client", systemEventsEveryMs: 5 });
    client = clientOn("@eventstore/db-client", emulator.port);
  });
  afterAll(async () => {
    await client.dispose();
    await emulator.stop();
  });

  it("reads, pages, subscribes and resumes over its own events only, while system events keep arriving between them", async () => {
    const store = createEventStoreDbStore(client, { ...FAST, namespace: "among-system" });
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    expect(await take(iterator, (seen) => seen.some((m) => m._tag === "CaughtUp"))).toEqual([{ _tag: "CaughtUp", position: null }]);
    const written: RecordedEvent[] = [];
    for (let i = 0; i < 6; i++) {
      const appended = await store.append(`s${i}`, newEvents(3), noStream)();
      if (E.isLeft(appended)) throw new Error(appended.left._tag);
      written.push(...appended.right.recorded);
      await new Promise((resolve) => setTimeout(resolve, 12)); // a $statsCollected or two between appends
    }
    const system = emulator.data.all.filter((e) => e.streamName.startsWith("$"));
    expect(system.map((e) => e.type)).toEqual(expect.arrayContaining(["$epoch-information", "$UserCreated", "$User", "$statsCollected"]));
    const between = system.filter((e) => e.position > (written[0]?.position ?? 0n) && e.position < (written.at(-1)?.position ?? 0n));
    expect(between.length).toBeGreaterThan(0);

    expect(eventsOf(await take(iterator, (seen) => eventsOf(seen).length === written.length))).toEqual(written);
    await subscription.close();
    const log = await readWholeLog(store)();
    expect(E.isRight(log) && log.right).toEqual(written);
    // Pages of 4 from each checkpoint: the next page starts after the checkpoint, never at a system event.
    const paged: RecordedEvent[] = [];
    let after: bigint | undefined;
    for (;;) {
      const page = await store.readAll({ maxCount: 4, ...(after === undefined ? {} : { after }) })();
      if (E.isLeft(page)) throw new Error(page.left._tag);
      paged.push(...page.right.events);
      if (page.right.next === null) break;
      after = page.right.next;
    }
    expect(paged).toEqual(written);
    const resumed = store.subscribeToAll({ after: written[8]?.position ?? 0n });
    const resumedEvents = eventsOf(await take(resumed[Symbol.asyncIterator](), (seen) => seen.some((m) => m._tag === "CaughtUp")));
    await resumed.close();
    expect(resumedEvents).toEqual(written.slice(9));
  });
});
