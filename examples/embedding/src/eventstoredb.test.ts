import "reflect-metadata";
import { type RunningEmulator, startEmulator } from "@tenfold/esdb-emulator";
import * as E from "fp-ts/lib/Either.js";
import { container } from "tsyringe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFromEnvironment } from "./environment.js";
import type { RunningService } from "./service.js";
import { formGroupJson, launchJson } from "./testing-support/commands.js";
import { getJson, postCommand } from "./testing-support/service.js";

/* The service as `pnpm example:embedding` runs it with TENFOLD_ESDB_URL, over the EventStoreDB emulator. */
describe("the service on EventStoreDB (TENFOLD_ESDB_URL)", () => {
  let emulator: RunningEmulator;
  let service: RunningService;
  const lines: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ batchAppend: true });
    const started = await startFromEnvironment({ PORT: "0", TENFOLD_ESDB_URL: emulator.connectionString }, container.createChildContainer(), (line) => lines.push(line));
    if (E.isLeft(started)) throw new Error(started.left);
    service = started.right;
  });

  afterAll(async () => {
    await service.close();
    await emulator.stop();
  });

  it("records commands in EventStoreDB, sealed, and serves live and as-of statistics from there", async () => {
    expect(lines).toEqual([`event store: EventStoreDB at ${emulator.connectionString}`]);
    expect((await postCommand(service, "esdb-1", launchJson("esdb-1"))).status).toBe(201);
    const posted = await Promise.all(["g1", "g2", "g3", "g4", "g5"].map((g, i) => postCommand(service, "esdb-1", formGroupJson("esdb-1", g, `2013-03-0${i + 2}`))));
    expect(posted.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect((await postCommand(service, "esdb-1", formGroupJson("esdb-1", "g1"))).status).toBe(409);
    const stored = emulator.data.stream("tenfold-campaign-esdb-1");
    expect(stored).toHaveLength(6);
    const sealed = stored.map((e) => JSON.parse(Buffer.from(e.metadata).toString("utf8")) as { hash?: unknown });
    expect(sealed.every((m) => typeof m.hash === "string")).toBe(true);
    const live = await getJson(service, "/campaigns/esdb-1/statistics");
    expect(live.status).toBe(200);
    expect(live.body["groups"]).toBe(5);
    const asOf = await getJson(service, "/campaigns/esdb-1/statistics?asOf=2013-03-03");
    expect(asOf.body["groups"]).toBe(2);
  });
});
