import "reflect-metadata";
import { EVENT_STORE } from "@tenfold/di";
import { campaignStreamId, readWholeLog, readWholeStream } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningService } from "./service.js";
import { formGroupJson, launchJson } from "./testing-support/commands.js";
import { getJson, postCommand, startTestService } from "./testing-support/service.js";

let service: RunningService;
afterEach(() => service.close());

describe("concurrent commands", () => {
  it("records 50 concurrent posts to one campaign: every one accepted, none lost, none twice", async () => {
    service = await startTestService();
    expect((await postCommand(service, "c-1", launchJson("c-1"))).status).toBe(201);
    const groups = Array.from({ length: 50 }, (_, i) => `g-${i}`);
    const responses = await Promise.all(groups.map((g) => postCommand(service, "c-1", formGroupJson("c-1", g))));
    expect(responses.map((r) => r.status)).toEqual(groups.map(() => 201));
    const revisions = responses.map((r) => Number(r.body["nextExpectedRevision"])).sort((a, b) => a - b);
    expect(revisions).toEqual(groups.map((_, i) => i + 1));

    const stream = await readWholeStream(service.container.resolve(EVENT_STORE), campaignStreamId("c-1"))();
    const events = E.isRight(stream) ? stream.right : [];
    expect(events.map((e) => e.streamRevision)).toEqual(events.map((_, i) => BigInt(i)));
    const formed = events.flatMap((e) => (e.type === "GroupFormed" ? [e.data.groupId as string] : []));
    expect(formed.sort()).toEqual([...groups].sort());
    expect(new Set(events.map((e) => e.eventId)).size).toBe(51);
    expect((await getJson(service, "/campaigns/c-1/statistics")).body["groups"]).toBe(50);
  });

  it("records 50 concurrent posts spread over five campaigns", async () => {
    service = await startTestService();
    const campaigns = ["a", "b", "c", "d", "e"];
    await Promise.all(campaigns.map((c) => postCommand(service, c, launchJson(c))));
    const posts = Array.from({ length: 50 }, (_, i) => ({ campaign: campaigns[i % 5]!, group: `g-${i}` }));
    const responses = await Promise.all(posts.map(({ campaign, group }) => postCommand(service, campaign, formGroupJson(campaign, group))));
    expect(responses.filter((r) => r.status !== 201)).toEqual([]);
    const log = await readWholeLog(service.container.resolve(EVENT_STORE))();
    expect(E.isRight(log) && log.right.length).toBe(55);
    for (const c of campaigns) expect((await getJson(service, `/campaigns/${c}/statistics`)).body["groups"]).toBe(10);
  });
});
