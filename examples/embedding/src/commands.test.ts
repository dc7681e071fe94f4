import "reflect-metadata";
import { type EventStore } from "@tenfold/core";
import { storeFailure, storeUnavailable } from "@tenfold/core/adapter";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as TE from "fp-ts/lib/TaskEither.js";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningService } from "./service.js";
import { commandJson, formGroupJson, launchJson } from "./testing-support/commands.js";
import { getJson, postCommand, startTestService } from "./testing-support/service.js";

let service: RunningService;
afterEach(() => service.close());

describe("POST /campaigns/:id/commands", () => {
  it("records a command: 201 with the events, revisions and positions as strings, metadata from headers", async () => {
    service = await startTestService();
    const launched = await postCommand(service, "c-1", launchJson("c-1"), { "x-actor": "clerk-7", "x-correlation-id": "req-1" });
    expect(launched.status).toBe(201);
    expect(launched.body).toMatchObject({
      nextExpectedRevision: "0",
      recorded: [
        {
          type: "CampaignLaunched",
          data: launchJson("c-1").data,
          eventId: "00000000-0000-4000-8000-000000000001",
          recordedAt: "2013-03-01T08:00:00.000Z",
          metadata: { actor: "clerk-7", correlationId: "req-1", causationId: null },
          streamId: "tenfold-campaign-c-1",
          streamRevision: "0",
          position: "0",
        },
      ],
    });
    const formed = await postCommand(service, "c-1", formGroupJson("c-1", "g1"));
    expect([formed.status, formed.body["nextExpectedRevision"]]).toEqual([201, "1"]);
  });

  it("answers 400 with the field path of every decode issue", async () => {
    service = await startTestService();
    const paths = (body: Record<string, unknown>) => (body["issues"] as Array<{ path: string }>).map((i) => i.path);
    const bad = await postCommand(service, "c-1", commandJson("FormGroup", "c-1", { groupId: "g 1", name: " padded", formedOn: "2013-02-30" }));
    expect([bad.status, bad.body["error"], paths(bad.body)]).toEqual([400, "invalid command", ["data.groupId", "data.name", "data.formedOn"]]);
    const extra = await postCommand(service, "c-1", commandJson("FormGroup", "c-1", { groupId: "g1", name: "G", formedOn: "2013-03-02", colour: "red" }));
    expect([extra.status, paths(extra.body)]).toEqual([400, ["data.colour"]]);
    const unknown = await postCommand(service, "c-1", { type: "PaintFence", data: {} });
    expect([unknown.status, (unknown.body["issues"] as Array<{ path: string }>)[0]?.path]).toEqual([400, "type"]);
  });

  it("answers 400 when the command's campaign is not the URL's, or the URL's id is not an Id", async () => {
    service = await startTestService();
    const mismatch = await postCommand(service, "c-2", launchJson("c-1"));
    expect(mismatch).toMatchObject({ status: 400, body: { error: "campaign mismatch", campaignId: "c-2", commandCampaignId: "c-1" } });
    const invalid = await postCommand(service, "c%201", launchJson("c 1"));
    expect(invalid).toMatchObject({ status: 400, body: { error: "invalid campaign id" } });
  });

  it("answers 409 with the broken rule, the error's tag and its ids; nothing is recorded", async () => {
    service = await startTestService();
    const notLaunched = await postCommand(service, "c-1", formGroupJson("c-1", "g1"));
    expect(notLaunched).toMatchObject({
      status: 409,
      body: { error: "rule violated", tag: "CampaignNotLaunched", rule: 1, campaignId: "c-1", eventType: "GroupFormed" },
    });
    await postCommand(service, "c-1", launchJson("c-1"));
    await postCommand(service, "c-1", formGroupJson("c-1", "g1"));
    const duplicate = await postCommand(service, "c-1", formGroupJson("c-1", "g1"));
    expect(duplicate).toMatchObject({
      status: 409,
      body: { tag: "DuplicateId", rule: 2, entity: "group", id: "g1", message: expect.stringContaining("g1") as unknown },
    });
    expect((await getJson(service, "/campaigns/c-1/statistics")).body["groups"]).toBe(1);
  });

  it("answers 503 (retry later) when the store is unavailable, 500 when it fails otherwise", async () => {
    const memory = createMemoryEventStore();
    let failure = storeUnavailable("connection refused");
    const flaky: EventStore = { ...memory, append: () => TE.left(failure) };
    service = await startTestService({ store: flaky });
    const unavailable = await postCommand(service, "c-1", launchJson("c-1"));
    expect(unavailable).toMatchObject({ status: 503, body: { error: "store unavailable", message: "the event store is unavailable: connection refused" } });
    expect(unavailable.headers.get("retry-after")).toBe("1");
    failure = storeFailure("disk full");
    expect(await postCommand(service, "c-1", launchJson("c-1"))).toMatchObject({ status: 500, body: { error: "store failure" } });
  });

  it("answers 404 for an unknown route and 405 (with Allow) for a wrong method", async () => {
    service = await startTestService();
    for (const path of ["/", "/campaigns", "/campaigns/c-1", "/campaigns/c-1/events", "/campaigns/c-1/commands/x", "/campaigns//commands"]) {
      expect([path, (await getJson(service, path, { method: "POST" })).status]).toEqual([path, 404]);
    }
    const get = await getJson(service, "/campaigns/c-1/commands");
    expect([get.status, get.headers.get("allow"), get.body]).toEqual([405, "POST", { error: "method not allowed", allow: "POST" }]);
    const post = await getJson(service, "/campaigns/c-1/statistics", { method: "POST" });
    expect([post.status, post.headers.get("allow")]).toEqual([405, "GET"]);
  });
});
