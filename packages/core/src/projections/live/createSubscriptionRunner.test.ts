import {
  type CampaignStatistics,
  type CommandHandler,
  type EventStore,
  campaignStatistics,
  computeStatistics,
  createCommandHandler,
  readWholeLog,
  sequentialIds,
  statisticsOf,
  steppingClock,
  createSubscriptionRunner,
} from "@tenfold/core";
import { storeFailure, storeUnavailable } from "@tenfold/core/adapter";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import * as O from "fp-ts/lib/Option.js";
import { pipe } from "fp-ts/lib/function.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LiveProjection } from "./SubscriptionRunner.js";
import { failing, formGroup, launch, scriptedSubscriptions } from "../../testing-support/campaign.js";

const FAST = { initialDelayMs: 1, maxDelayMs: 4 };

let store: EventStore;
let handler: CommandHandler;
const started: Array<LiveProjection<unknown>> = [];

const handle = async (...commands: Parameters<CommandHandler["handle"]>[0][]): Promise<bigint> => {
  let position = -1n;
  for (const c of commands) {
    const result = await handler.handle(c)();
    if (E.isLeft(result)) throw new Error(`refused: ${result.left._tag}`);
    position = result.right.recorded.at(-1)?.position ?? position;
  }
  return position;
};

const run = (on: EventStore = store) => {
  const live = createSubscriptionRunner(on, FAST).run(campaignStatistics);
  started.push(live);
  return live;
};

const groupsOf = (live: LiveProjection<Parameters<typeof statisticsOf>[0]>, campaignId: string): number | undefined =>
  pipe(live.state(campaignId), O.flatMap(statisticsOf), O.map((s: CampaignStatistics) => s.groups), O.toUndefined);

beforeEach(() => {
  store = createMemoryEventStore();
  handler = createCommandHandler({ store, clock: steppingClock(new Date("2013-03-01T08:00:00Z")), ids: sequentialIds() });
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((live) => live.stop()));
});

describe("a live projection", () => {
  it("catches up with what is recorded, then follows live appends, per campaign", async () => {
    await handle(launch("c-1"), formGroup("c-1", "g1"), launch("c-2"));
    const live = run();
    expect(await live.caughtUp).toEqual({ _tag: "CaughtUp", position: 2n });
    expect(live.status()).toEqual({ _tag: "Live" });
    expect([groupsOf(live, "c-1"), groupsOf(live, "c-2"), groupsOf(live, "c-3")]).toEqual([1, 0, undefined]);

    const position = await handle(formGroup("c-2", "g1"), formGroup("c-2", "g2"));
    expect(await live.waitUntil(position)).toBe(true);
    expect(live.checkpoint()).toBe(position);
    expect(groupsOf(live, "c-2")).toBe(2);
    expect(live.campaignIds()).toEqual(["c-1", "c-2"]);
    const log = await readWholeLog(store)();
    const c2 = E.isRight(log) ? log.right.filter((e) => e.data.campaignId === "c-2") : [];
    expect(pipe(live.state("c-2"), O.flatMap(statisticsOf))).toEqual(computeStatistics(c2));
  });

  it("catches up at once on an empty store, with no checkpoint", async () => {
    const live = run();
    expect(await live.caughtUp).toEqual({ _tag: "CaughtUp", position: null });
    expect(live.checkpoint()).toBeNull();
  });

  it("starts after a checkpoint, from the states saved there", async () => {
    await handle(launch("c-1"), formGroup("c-1", "g1"));
    const first = run();
    await first.caughtUp;
    const saved = [["c-1", O.toUndefined(first.state("c-1"))!] as const];
    await handle(formGroup("c-1", "g2"));
    const resumed = createSubscriptionRunner(store).run(campaignStatistics, { after: 1n, states: saved });
    started.push(resumed);
    expect(await resumed.caughtUp).toEqual({ _tag: "CaughtUp", position: 2n });
    expect(groupsOf(resumed, "c-1")).toBe(2);
  });

  it("resubscribes after its checkpoint when the store is unavailable, applying each event once", async () => {
    await handle(launch("c-1"), formGroup("c-1", "g1"));
    const { store: flaky, calls } = scriptedSubscriptions(store, (n) => (n < 2 ? failing(storeUnavailable("connection reset")) : []));
    const live = run(flaky);
    expect(await live.caughtUp).toEqual({ _tag: "CaughtUp", position: 1n });
    expect(calls).toEqual([undefined, undefined, undefined]);
    expect(groupsOf(live, "c-1")).toBe(1);
  });

  it("ignores events it has already applied when a resubscription repeats them", async () => {
    await handle(launch("c-1"), formGroup("c-1", "g1"));
    const log = await readWholeLog(store)();
    const [first] = E.isRight(log) ? log.right : [];
    const { store: repeating } = scriptedSubscriptions(store, (n) =>
      n === 0 ? [{ _tag: "Event", event: first! }, ...failing(storeUnavailable("dropped"))] : [{ _tag: "Event", event: first! }],
    );
    const live = run(repeating);
    await live.caughtUp;
    expect(groupsOf(live, "c-1")).toBe(1);
    expect(live.checkpoint()).toBe(1n);
  });

  it("fails for good on any other store error, and says so to those waiting", async () => {
    const error = storeFailure("permission denied");
    const { store: broken } = scriptedSubscriptions(store, () => failing(error));
    const live = run(broken);
    const waiting = live.waitUntil(5n);
    expect(await live.caughtUp).toEqual({ _tag: "Failed", error });
    expect(await waiting).toBe(false);
    expect(live.status()).toEqual({ _tag: "Failed", error });
    expect(await live.waitUntil(0n)).toBe(false);
  });

  it("fails for good when the projection throws", async () => {
    await handle(launch("c-1"));
    const live = createSubscriptionRunner(store).run({ initialState: () => 0, evolve: () => { throw new Error("boom"); } });
    expect(await live.caughtUp).toEqual({ _tag: "Failed", error: storeFailure("the live projection failed: boom") });
  });

  it("stops promptly while waiting for appends, and while retrying", async () => {
    const live = run();
    await live.caughtUp;
    const waiting = live.waitUntil(10n);
    await live.stop();
    expect(live.status()).toEqual({ _tag: "Stopped" });
    expect(await waiting).toBe(false);

    const { store: down } = scriptedSubscriptions(store, () => failing(storeUnavailable("down")));
    const retrying = createSubscriptionRunner(down, { initialDelayMs: 60_000 }).run(campaignStatistics);
    const outcome = retrying.caughtUp;
    await retrying.stop();
    expect(await outcome).toEqual({ _tag: "Stopped" });
  });

  it("gives up waiting for a position when the signal aborts", async () => {
    const live = run();
    await live.caughtUp;
    const controller = new AbortController();
    const waiting = live.waitUntil(10n, controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
    expect(await live.waitUntil(10n, controller.signal)).toBe(false);
  });
});
