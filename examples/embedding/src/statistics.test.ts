import "reflect-metadata";
import { type EventStore, createCommandHandler, decodeCommand } from "@tenfold/core";
import { storeFailure } from "@tenfold/core/adapter";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningService } from "./service.js";
import { enrollJson, formGroupJson, launchJson } from "./testing-support/commands.js";
import { getJson, postCommand, startTestService } from "./testing-support/service.js";

let service: RunningService;
afterEach(() => service.close());

const post = async (body: ReturnType<typeof launchJson>): Promise<void> => {
  const response = await postCommand(service, "c-1", body);
  expect(response.status).toBe(201);
};

describe("GET /campaigns/:id/statistics", () => {
  it("gives the current statistics from the live read model, with this service's writes applied", async () => {
    service = await startTestService();
    await post(launchJson("c-1"));
    await post(formGroupJson("c-1", "g1"));
    expect(await getJson(service, "/campaigns/c-1/statistics")).toMatchObject({
      status: 200,
      body: { campaignId: "c-1", launchedOn: "2013-03-01", closedOn: null, groups: 1, cadres: { enrolled: 0 } },
    });
    await post(enrollJson("c-1", "k1", "g1"));
    const after = await getJson(service, "/campaigns/c-1/statistics");
    expect(after.body["cadres"]).toEqual({ enrolled: 1, leadershipTeam: 0, active: 0 });
    expect(after.body["checklist"]).toMatchObject({ items: ["village", "household-survey", "research-report"], completedGroups: 0 });
  });

  it("catches up with what the store held before the service started", async () => {
    const store = createMemoryEventStore();
    const handler = createCommandHandler({ store });
    for (const json of [launchJson("c-1"), formGroupJson("c-1", "g1"), formGroupJson("c-1", "g2"), launchJson("c-2")]) {
      const command = decodeCommand(json);
      if (E.isRight(command)) await handler.handle(command.right)();
    }
    service = await startTestService({ store });
    expect((await getJson(service, "/campaigns/c-1/statistics")).body["groups"]).toBe(2);
    expect((await getJson(service, "/campaigns/c-2/statistics")).body["groups"]).toBe(0);
  });

  it("gives the statistics as of a business day by replaying the stream", async () => {
    service = await startTestService();
    await post(launchJson("c-1"));
    await post(formGroupJson("c-1", "g1", "2013-03-10"));
    await post(formGroupJson("c-1", "g2", "2013-03-05"));
    const groupsAsOf = async (day: string) => (await getJson(service, `/campaigns/c-1/statistics?asOf=${day}`)).body["groups"];
    expect([await groupsAsOf("2013-03-04"), await groupsAsOf("2013-03-05"), await groupsAsOf("2013-03-10")]).toEqual([0, 1, 2]);
    expect(await getJson(service, "/campaigns/c-1/statistics?asOf=2013-02-28")).toMatchObject({
      status: 404,
      body: { error: "campaign not found", campaignId: "c-1", asOf: "2013-02-28" },
    });
  });

  it("answers 400 to an asOf that is not a calendar day, and to an invalid campaign id", async () => {
    service = await startTestService();
    for (const day of ["2013-02-30", "2013-3-1", "", "yesterday"]) {
      const response = await getJson(service, `/campaigns/c-1/statistics?asOf=${day}`);
      expect([response.status, response.body["error"], (response.body["issues"] as Array<{ path: string }>)[0]?.path]).toEqual([400, "invalid asOf", "asOf"]);
    }
    expect((await getJson(service, "/campaigns/c!1/statistics")).status).toBe(400);
  });

  it("answers 404 for a campaign never launched", async () => {
    service = await startTestService();
    expect(await getJson(service, "/campaigns/nobody/statistics")).toEqual(
      expect.objectContaining({ status: 404, body: { error: "campaign not found", campaignId: "nobody" } }),
    );
  });

  it("answers 503 when the read model has failed, or the store cannot be read for a replay", async () => {
    const memory = createMemoryEventStore();
    const broken: EventStore = {
      ...memory,
      readStream: () => () => Promise.resolve(E.left(storeFailure("disk gone"))),
      subscribeToAll: () => {
        const messages = [{ _tag: "SubscriptionFailed", error: storeFailure("permission denied") } as const];
        const iterator = messages[Symbol.iterator]();
        return { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(iterator.next()) }), close: () => Promise.resolve() };
      },
    };
    service = await startTestService({ store: broken });
    expect(await getJson(service, "/campaigns/c-1/statistics")).toMatchObject({
      status: 503,
      body: { error: "statistics unavailable", message: "the event store failed: permission denied" },
    });
    expect(await getJson(service, "/campaigns/c-1/statistics?asOf=2013-03-01")).toMatchObject({ status: 500, body: { error: "store failure" } });
  });
});
