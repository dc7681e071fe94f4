import { randomUUID } from "node:crypto";
import { type RecordedEvent, exactRevision, noStream } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresEventStore, createPostgresEventStore, describeOpenError } from "./PostgresEventStore.js";
import { type ThrowawayServer, startThrowawayServer } from "./testing/index.js";
import { groups, orFail } from "./testing-support/events.js";

/*
 * A server of this test's own, crashed with `pg_ctl stop -m immediate` in the middle of a run and
 * started again over the same data directory: appends during the outage are StoreUnavailable
 * values, appends after it succeed, nothing acknowledged is lost, and a subscription that was
 * running resumes with no gap and no duplicate.
 */

let server: ThrowawayServer;
let store: PostgresEventStore;
beforeAll(async () => {
  server = await startThrowawayServer();
  const opened = await createPostgresEventStore({ connectionString: server.url }, { pollIntervalMs: 50, reconnect: { initialDelayMs: 50, maxDelayMs: 250, maxAttempts: 400 } })();
  if (E.isLeft(opened)) throw new Error(describeOpenError(opened.left));
  store = opened.right;
}, 60_000);
afterAll(async () => {
  await store.close();
  await server.destroy();
});

describe("a server crash in the middle of a run", () => {
  it("loses nothing acknowledged, refuses appends while down, and the running subscription resumes without gap or duplicate", async () => {
    const streamId = `tenfold-campaign-${randomUUID()}`;
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribeToAll();
    const failures: string[] = [];
    const reading = (async () => {
      for await (const message of subscription) {
        if (message._tag === "Event") delivered.push(message.event);
        if (message._tag === "SubscriptionFailed") failures.push(message.error._tag);
      }
    })();
    const acknowledged: string[] = [];
    let revision: bigint | null = null;
    const appendOnce = async (label: string): Promise<"ok" | "unavailable"> => {
      const batch = groups(label, 3);
      for (;;) {
        const result = await store.append(streamId, batch, revision === null ? noStream : exactRevision(revision))();
        if (E.isRight(result)) {
          revision = result.right.nextExpectedRevision;
          acknowledged.push(...batch.map((e) => e.eventId));
          return "ok";
        }
        if (result.left._tag === "StoreUnavailable") return "unavailable";
        throw new Error(`unexpected ${result.left._tag}`);
      }
    };
    for (let i = 0; i < 10; i++) expect(await appendOnce(`before-${i}`)).toBe("ok");
    await server.stop("immediate");
    const during = await appendOnce("during");
    expect(during).toBe("unavailable");
    await server.start();
    // The first appends after the restart may still meet connections the crash broke: each is a value, retried.
    let after = 0;
    for (let tries = 0; after < 10 && tries < 200; tries++) if ((await appendOnce(`after-${after}`)) === "ok") after++;
    expect(after).toBe(10);
    for (let i = 0; i < 200 && delivered.filter((e) => e.streamId === streamId).length < acknowledged.length; i++) await new Promise((r) => setTimeout(r, 50));
    await subscription.close();
    await reading;
    expect(failures).toEqual([]);
    const ours = delivered.filter((e) => e.streamId === streamId);
    expect(ours.map((e) => e.eventId)).toEqual(acknowledged);
    const positions = delivered.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(positions).size).toBe(positions.length);
    const stored = await orFail(store.readStream(streamId, { maxCount: 1000 }));
    expect(stored.events.map((e) => e.eventId)).toEqual(acknowledged);
  }, 120_000);
});
