import {
  type RecordedEvent,
  type SubscriptionMessage,
  campaignStreamId,
  exactRevision,
  noStream,
  readWholeStream,
} from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { afterEach, describe, expect, it } from "vitest";
import type { EventStoreDbClientPackage } from "../clientPackage.js";
import { type Emulated, emulated } from "./emulated.js";
import { take } from "./messages.js";
import { appended, newEvents } from "./events.js";

/*
 * Faults, through one client package (one per test file): a server killed and restarted, a hung
 * server, a reply lost after the append was stored. Each in both append modes.
 */

const eventsOf = (messages: ReadonlyArray<SubscriptionMessage>): RecordedEvent[] =>
  messages.flatMap((m) => (m._tag === "Event" ? [m.event] : []));

/** Runs the fault tests through `clientPackage`, without and with BatchAppend. */
export const describeFaults = (clientPackage: EventStoreDbClientPackage): void =>
  describe.each([false, true])(`faults through ${clientPackage} (batchAppend %s)`, (batchAppend) => {
    let env: Emulated | undefined;
    afterEach(async () => {
      await env?.dispose();
      env = undefined;
    });

    it("a server killed and restarted over the same data: appends fail as unavailable, then succeed; a running subscription resumes with no gap or duplicate", async () => {
      env = await emulated(batchAppend, clientPackage);
      const store = env.store();
      const stream = campaignStreamId("restart");
      const before = newEvents(3);
      expect(E.isRight(await store.append(stream, before, noStream)())).toBe(true);
      const subscription = store.subscribeToAll();
      const iterator = subscription[Symbol.asyncIterator]();
      const first = await take(iterator, (seen) => seen.some((m) => m._tag === "CaughtUp"));
      expect(eventsOf(first).map(appended)).toEqual(before);

      await env.emulator.stop();
      const during = await store.append(stream, newEvents(1), exactRevision(2n))();
      expect(E.isLeft(during) && during.left._tag).toBe("StoreUnavailable");

      await env.restart();
      const after = newEvents(4);
      const appendedAfter = await store.append(stream, after.slice(0, 2), exactRevision(2n))();
      expect(E.isRight(appendedAfter)).toBe(true);
      expect(E.isRight(await store.append(stream, after.slice(2), exactRevision(4n))())).toBe(true);

      const rest = await take(iterator, (seen) => eventsOf(seen).length >= after.length);
      expect(rest.every((m) => m._tag === "Event")).toBe(true);
      expect(eventsOf(rest).map(appended)).toEqual(after);
      await subscription.close();
      const read = await readWholeStream(store, stream)();
      expect(E.isRight(read) && read.right.map(appended)).toEqual([...before, ...after]);
    });

    it("a hung server yields StoreUnavailable (deadline exceeded) for appends and reads", async () => {
      env = await emulated(batchAppend, clientPackage);
      const stream = campaignStreamId("hung");
      // The first call connects (KurrentDB's Rust bridge takes about half a second to), under the default deadline.
      const first = await env.store().append(stream, newEvents(1), noStream)();
      expect(E.isLeft(first) ? first.left : "appended").toBe("appended");
      const store = env.store({ deadlineMs: 300 });
      // This store knows the stream's head (it wrote the last event), so its next append goes to the server at once.
      expect(E.isRight(await store.append(stream, newEvents(1), exactRevision(0n))())).toBe(true);
      env.emulator.hang(true);
      const retried = newEvents(2);
      const append = await store.append(stream, retried, exactRevision(1n))();
      expect(E.isLeft(append) && append.left).toMatchObject({ _tag: "StoreUnavailable", reason: expect.stringMatching(/deadline/i) as unknown });
      const read = await store.readStream(stream)();
      expect(E.isLeft(read) && read.left).toMatchObject({ _tag: "StoreUnavailable", reason: expect.stringMatching(/deadline/i) as unknown });
      const all = await store.readAll()();
      expect(E.isLeft(all) && all.left._tag).toBe("StoreUnavailable");
      env.emulator.hang(false);
      // Retried with the same ids once the server answers again: one copy, whether or not the timed-out batch was written.
      expect(E.isRight(await store.append(stream, retried, exactRevision(1n))())).toBe(true);
      const stored = await readWholeStream(store, stream)();
      expect(E.isRight(stored) && stored.right.map((e) => e.eventId).slice(2)).toEqual(retried.map((e) => e.eventId));
    });

    it("a reply lost after a successful append, then retried, leaves one copy", async () => {
      env = await emulated(batchAppend, clientPackage);
      const store = env.store();
      const stream = campaignStreamId("lost-reply");
      expect(E.isRight(await store.append(stream, newEvents(2), noStream)())).toBe(true);
      const events = newEvents(3);
      env.emulator.dropNextAppendReply();
      const lost = await store.append(stream, events, exactRevision(1n))();
      expect(E.isLeft(lost) && lost.left._tag).toBe("StoreUnavailable");
      const retried = await store.append(stream, events, exactRevision(1n))();
      expect(E.isRight(retried) && retried.right.nextExpectedRevision).toBe(4n);
      expect(E.isRight(retried) && retried.right.recorded.map((e) => e.streamRevision)).toEqual([2n, 3n, 4n]);
      const read = await readWholeStream(store, stream)();
      expect(E.isRight(read) && read.right.length).toBe(5);
      expect(E.isRight(read) && read.right.slice(2).map(appended)).toEqual(events);
    });
  });
