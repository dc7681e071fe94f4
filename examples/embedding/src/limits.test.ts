import "reflect-metadata";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningService } from "./service.js";
import { launchJson } from "./testing-support/commands.js";
import { getJson, postCommand, rawRequest, startTestService } from "./testing-support/service.js";

const LIMIT = 1024;
let service: RunningService;
afterEach(() => service.close());

/** The launch command as JSON padded with spaces to exactly `size` bytes. */
const padded = (size: number): string => {
  const json = JSON.stringify(launchJson("c-1"));
  return json + " ".repeat(size - Buffer.byteLength(json));
};

describe("request bodies", () => {
  it("answers 400 for bad JSON, quoting none of it, and for a body that is not UTF-8", async () => {
    service = await startTestService();
    // Never the parser's message, which quotes the body (a contact's name, say).
    for (const text of ["{bad", "", "[1,", '{"type": "LaunchCampaign",}', '{"type": "MakeAssignment", "data": {"contactName": canary-王-7}}']) {
      const response = await postCommand(service, "c-1", text);
      expect([response.status, response.body]).toEqual([400, { error: "invalid JSON", message: "the body is not JSON" }]);
    }
    const latin1 = await rawRequest(service, { method: "POST", path: "/campaigns/c-1/commands", chunks: [Buffer.from([0x7b, 0xe9, 0x7d])] });
    expect([latin1.status, JSON.parse(latin1.text)]).toEqual([400, { error: "invalid JSON", message: "the body is not UTF-8" }]);
  });

  it("accepts a body of exactly the limit", async () => {
    service = await startTestService({ bodyLimit: LIMIT });
    expect((await postCommand(service, "c-1", padded(LIMIT))).status).toBe(201);
  });

  it("answers 413 to a body declared larger than the limit, and the connection goes on serving", async () => {
    service = await startTestService({ bodyLimit: LIMIT });
    const refused = await postCommand(service, "c-1", padded(LIMIT + 1));
    expect(refused).toMatchObject({ status: 413, body: { error: "body too large", limit: LIMIT } });
    expect((await postCommand(service, "c-1", padded(LIMIT))).status).toBe(201);
    expect((await getJson(service, "/campaigns/c-1/statistics")).status).toBe(200);
  });

  it("answers 413 to a chunked body once it grows past the limit", async () => {
    service = await startTestService({ bodyLimit: LIMIT });
    const chunks = Array.from({ length: 40 }, () => "x".repeat(100));
    const response = await rawRequest(service, { method: "POST", path: "/campaigns/c-1/commands", chunks });
    expect([response.status, response.headers["transfer-encoding"], JSON.parse(response.text)]).toEqual([413, undefined, { error: "body too large", limit: LIMIT }]);
    expect((await postCommand(service, "c-1", launchJson("c-1"))).status).toBe(201);
  });

  it("answers 413 at once, before the body is sent, when the client expects 100-continue", async () => {
    service = await startTestService({ bodyLimit: LIMIT });
    const response = await rawRequest(service, {
      method: "POST",
      path: "/campaigns/c-1/commands",
      headers: { expect: "100-continue", "content-length": LIMIT + 1, "content-type": "application/json" },
    });
    expect([response.status, response.headers["connection"], JSON.parse(response.text)]).toEqual([413, "close", { error: "body too large", limit: LIMIT }]);
  });

  it("with the default limit of 64 KiB, refuses 64 KiB + 1", async () => {
    service = await startTestService();
    expect((await postCommand(service, "c-1", padded(65_536 + 1))).status).toBe(413);
    expect((await postCommand(service, "c-1", padded(65_536))).status).toBe(201);
  });
});
