import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { campaignStreamId, readWholeStream } from "@tenfold/core";
import { EVENT_STORE } from "@tenfold/di";
import { type RunningEmulator, startEmulator } from "@tenfold/esdb-emulator";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { container } from "tsyringe";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startFromEnvironment } from "./environment.js";
import type { RunningService } from "./service.js";
import { assignJson, enrollJson, formGroupJson, launchJson } from "./testing-support/commands.js";
import { getJson, postCommand, postErasure } from "./testing-support/service.js";

/*
 * The service as `pnpm example:embedding` runs it with TENFOLD_ESDB_URL, over the EventStoreDB
 * emulator, the keys of personal data in a database of their own on the test run's PostgreSQL
 * server (TENFOLD_KEYS_PG_URL).
 */

const server = inject("tenfoldPgUrl");
const database = `embedding_keys_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
const keysUrl = (() => {
  const parsed = new URL(server);
  parsed.pathname = `/${database}`;
  return parsed.toString();
})();

const query = async (url: string, text: string): Promise<ReadonlyArray<Record<string, unknown>>> => {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(text)).rows;
  } finally {
    await client.end();
  }
};

describe("the service on EventStoreDB (TENFOLD_ESDB_URL), its keys in PostgreSQL (TENFOLD_KEYS_PG_URL)", () => {
  let emulator: RunningEmulator;
  let service: RunningService;
  const lines: string[] = [];

  beforeAll(async () => {
    await query(server, `CREATE DATABASE ${database}`);
    emulator = await startEmulator({ batchAppend: true });
    const env = { PORT: "0", TENFOLD_ESDB_URL: emulator.connectionString, TENFOLD_KEYS_PG_URL: keysUrl };
    const started = await startFromEnvironment(env, container.createChildContainer(), (line) => lines.push(line));
    if (E.isLeft(started)) throw new Error(started.left);
    service = started.right;
  });

  afterAll(async () => {
    await service.close();
    await emulator.stop();
    await query(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it("records commands in EventStoreDB, sealed, and serves live and as-of statistics from there", async () => {
    const password = decodeURIComponent(new URL(server).password);
    expect(lines).toEqual([
      `event store: EventStoreDB at ${emulator.connectionString}`,
      `key store: PostgreSQL at ${keysUrl.replace(`:${new URL(server).password}@`, ":***@")}, schema tenfold, subject keys (TENFOLD_KEYS_PG_URL)`,
      "erasures: reconciled (no key of an erased subject was found)",
    ]);
    if (password !== "") expect(lines.join("\n")).not.toContain(password);
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

  it("erases a subject: EventStoreDB holds only ciphertext, the key is destroyed in the keys' database, and the value reads as erased", async () => {
    const marker = "canary-王-esdb";
    for (const command of [launchJson("esdb-2"), formGroupJson("esdb-2", "g1"), enrollJson("esdb-2", "m1", "g1"), assignJson("esdb-2", "g1", "h1", marker)]) {
      expect((await postCommand(service, "esdb-2", command)).status).toBe(201);
    }
    const statistics = (await getJson(service, "/campaigns/esdb-2/statistics")).body;
    const erased = await postErasure(service, "esdb-2", { subject: "contact:h1", requestRef: "PIPL-2014-001", erasedOn: "2014-01-05" });
    expect(erased).toMatchObject({ status: 201, body: { nextExpectedRevision: "4", recorded: [{ type: "SubjectErased", streamRevision: "4" }] } });
    expect((await getJson(service, "/campaigns/esdb-2/statistics")).body).toEqual(statistics);
    const read = await readWholeStream(service.container.resolve(EVENT_STORE), campaignStreamId("esdb-2"))();
    const assignment = E.isRight(read) ? read.right.find((e) => e.type === "AssignmentMade") : undefined;
    expect([assignment?.erased, (assignment?.data as { contactName?: unknown } | undefined)?.contactName]).toEqual([["contactName"], null]);
    const storedText = emulator.data.stream("tenfold-campaign-esdb-2").map((e) => Buffer.from(e.data).toString("utf8") + Buffer.from(e.metadata).toString("utf8"));
    expect(storedText).toHaveLength(5);
    expect(storedText.join("\n")).not.toContain(marker);
    const keys = await query(keysUrl, "SELECT subject, key IS NULL AS destroyed FROM tenfold.subject_keys WHERE campaign_id = 'esdb-2' ORDER BY subject");
    expect(keys).toEqual([
      { subject: "cadre:m1", destroyed: false },
      { subject: "contact:h1", destroyed: true },
    ]);
    expect([JSON.stringify(erased.body), ...lines].join("\n")).not.toContain(marker);
  });
});
