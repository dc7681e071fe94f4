import {
  type Command,
  type CommandHandler,
  type Day,
  type EventStore,
  type Id,
  type IdGenerator,
  type Text,
  DEFAULT_CHECKLIST,
  campaignStreamId,
  computeStatistics,
  createCommandHandler,
  sequentialIds,
  steppingClock,
} from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { createMemoryEventStore } from "./index.js";
import { logOf, streamOf } from "./store.fixtures.js";

const launch = (campaign: string): Command => ({
  type: "LaunchCampaign",
  data: {
    campaignId: campaign as Id,
    name: `Campaign ${campaign}` as Text,
    organizer: "Organisation department" as Text,
    launchedOn: "2013-03-01" as Day,
    checklist: DEFAULT_CHECKLIST,
  },
});

const formGroup = (campaign: string, group: string): Command => ({
  type: "FormGroup",
  data: { campaignId: campaign as Id, groupId: group as Id, name: `Group ${group}` as Text, formedOn: "2013-03-02" as Day },
});

/**
 * A store, `writers` command handlers over it sharing one id generator (so event ids stay
 * unique), and a count of the appends the store refused for a wrong expected revision.
 */
const setUp = (writers: number) => {
  const store = createMemoryEventStore();
  const conflicts = { count: 0 };
  const counting: EventStore = {
    ...store,
    append: (streamId, events, expected) => async () => {
      const result = await store.append(streamId, events, expected)();
      if (E.isLeft(result) && result.left._tag === "WrongExpectedRevision") conflicts.count++;
      return result;
    },
  };
  const ids: IdGenerator = sequentialIds();
  const clock = steppingClock(new Date("2013-03-01T08:00:00Z"));
  const handlers: CommandHandler[] = Array.from({ length: writers }, () => createCommandHandler({ store: counting, ids, clock, maxAttempts: 100 }));
  return { store, handlers, conflicts };
};

/** Checks one campaign's stream: revisions 0.. without gap, one launch, then exactly `groups` groups. */
const expectCampaign = async (store: ReturnType<typeof setUp>["store"], campaign: string, groups: ReadonlyArray<string>) => {
  const stream = await streamOf(store, campaignStreamId(campaign), 7);
  expect(stream.map((e) => e.streamRevision)).toEqual(stream.map((_, i) => BigInt(i)));
  expect(stream[0]?.type).toBe("CampaignLaunched");
  const formed = stream.flatMap((e) => (e.type === "GroupFormed" ? [e.data.groupId as string] : []));
  expect([...formed].sort()).toEqual([...groups].sort());
  expect(stream).toHaveLength(1 + groups.length);
  expect(computeStatistics(stream)).toMatchObject({ _tag: "Some", value: { campaignId: campaign, groups: groups.length } });
};

describe("the core command handler over the memory store", () => {
  it.each([
    ["50 handlers", 50],
    ["one shared handler", 1],
  ])("records 50 concurrent commands on one campaign, each once, without gaps (%s)", async (_, writers) => {
    const { store, handlers, conflicts } = setUp(writers);
    expect(E.isRight(await handlers[0]!.handle(launch("c-1"))())).toBe(true);
    const groups = Array.from({ length: 50 }, (_, i) => `g-${i}`);
    const results = await Promise.all(groups.map((g, i) => handlers[i % writers]!.handle(formGroup("c-1", g))()));
    expect(results.filter(E.isLeft)).toEqual([]);
    const revisions = results.flatMap((r) => (E.isRight(r) ? [r.right.nextExpectedRevision] : []));
    expect([...revisions].sort((a, b) => (a < b ? -1 : 1))).toEqual(groups.map((_, i) => BigInt(i + 1)));
    await expectCampaign(store, "c-1", groups);
    expect(conflicts.count).toBeGreaterThanOrEqual(49);
    const log = await logOf(store);
    expect(new Set(log.map((e) => e.eventId)).size).toBe(log.length);
  });

  it("records 50 concurrent commands spread over many campaigns", async () => {
    const { store, handlers, conflicts } = setUp(50);
    const campaigns = Array.from({ length: 10 }, (_, i) => `c-${i}`);
    const launched = await Promise.all(campaigns.map((c, i) => handlers[i]!.handle(launch(c))()));
    expect(launched.filter(E.isLeft)).toEqual([]);
    const commands = Array.from({ length: 50 }, (_, i) => ({ campaign: campaigns[i % 10]!, group: `g-${i}` }));
    const results = await Promise.all(commands.map(({ campaign, group }, i) => handlers[i]!.handle(formGroup(campaign, group))()));
    expect(results.filter(E.isLeft)).toEqual([]);
    for (const campaign of campaigns) {
      await expectCampaign(store, campaign, commands.filter((c) => c.campaign === campaign).map((c) => c.group));
    }
    const log = await logOf(store);
    expect(log).toHaveLength(60);
    expect(conflicts.count).toBeGreaterThan(0);
    expect(log.map((e) => e.position)).toEqual(log.map((_, i) => BigInt(i)));
  });

  it("re-decides on fresh state after a conflict: of two concurrent identical commands, one is refused by the rules", async () => {
    const { store, handlers } = setUp(2);
    await handlers[0]!.handle(launch("c-1"))();
    const results = await Promise.all(handlers.map((h) => h.handle(formGroup("c-1", "g-same"))()));
    expect(results.filter(E.isRight)).toHaveLength(1);
    expect(results.filter(E.isLeft).map((r) => r.left)).toEqual([{ _tag: "DuplicateId", entity: "group", id: "g-same" }]);
    await expectCampaign(store, "c-1", ["g-same"]);
  });
});
