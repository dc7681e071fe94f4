import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { type RecordedEvent, campaignStreamId, readWholeStream } from "@tenfold/core";
import { EVENT_STORE } from "@tenfold/di";
import * as E from "fp-ts/lib/Either.js";
import pg from "pg";
import { container } from "tsyringe";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startFromEnvironment } from "./environment.js";
import type { RunningService } from "./service.js";
import { assignJson, enrollJson, formGroupJson, launchJson } from "./testing-support/commands.js";
import { getJson, postCommand, postErasure } from "./testing-support/service.js";

/* The service as `pnpm example:embedding` runs it with TENFOLD_PG_URL, on the test run's real PostgreSQL server, in a database of its own. */

const server = inject("tenfoldPgUrl");
const encodedPassword = new URL(server).password;
const password = decodeURIComponent(encodedPassword);
const database = `embedding_${randomUUID().replace(/-/g, "").slice(0, 16)}`;

/** `url` with another database, or another password. */
const changed = (url: string, change: { readonly database?: string; readonly password?: string }): string => {
  const parsed = new URL(url);
  if (change.database !== undefined) parsed.pathname = `/${change.database}`;
  if (change.password !== undefined) parsed.password = change.password;
  return parsed.toString();
};

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

const url = changed(server, { database });
const start = async (env: Record<string, string>, lines: string[] = []): Promise<E.Either<string, RunningService>> =>
  startFromEnvironment({ PORT: "0", ...env }, container.createChildContainer(), (line) => lines.push(line));

describe("the service on PostgreSQL (TENFOLD_PG_URL)", () => {
  beforeAll(async () => {
    await query(server, `CREATE DATABASE ${database}`);
  });

  afterAll(async () => {
    await query(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it("records commands in PostgreSQL, sealed, serves live and as-of statistics from there, and keeps them across a restart", async () => {
    const lines: string[] = [];
    const started = await start({ TENFOLD_PG_URL: url }, lines);
    if (E.isLeft(started)) throw new Error(started.left);
    const service = started.right;
    try {
      const redacted = url.replace(`:${encodedPassword}@`, ":***@");
      expect(lines).toEqual([`event store: PostgreSQL at ${redacted}, schema tenfold`, `key store: PostgreSQL at ${redacted}, schema tenfold, subject keys (the event store's database)`, "erasures: reconciled (no key of an erased subject was found)"]);
      expect(lines.join("\n")).not.toContain(password);
      expect((await postCommand(service, "pg-1", launchJson("pg-1"))).status).toBe(201);
      const posted = await Promise.all(["g1", "g2", "g3", "g4", "g5"].map((g, i) => postCommand(service, "pg-1", formGroupJson("pg-1", g, `2013-03-0${i + 2}`))));
      expect(posted.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect((await postCommand(service, "pg-1", formGroupJson("pg-1", "g1"))).status).toBe(409);
      const live = await getJson(service, "/campaigns/pg-1/statistics");
      expect(live.status).toBe(200);
      expect(live.body["groups"]).toBe(5);
      expect((await getJson(service, "/campaigns/pg-1/statistics?asOf=2013-03-03")).body["groups"]).toBe(2);
    } finally {
      await service.close();
    }
    const rows = await query(url, "SELECT stream_id, count(*)::int AS n, count(hash)::int AS sealed FROM tenfold.events GROUP BY stream_id");
    expect(rows).toEqual([{ stream_id: "tenfold-campaign-pg-1", n: 6, sealed: 6 }]);
    // Started again on the same database: the campaign is still there.
    const again = await start({ TENFOLD_PG_URL: url });
    if (E.isLeft(again)) throw new Error(again.left);
    try {
      expect((await getJson(again.right, "/campaigns/pg-1/statistics?asOf=2013-12-31")).body["groups"]).toBe(5);
      expect((await postCommand(again.right, "pg-1", formGroupJson("pg-1", "g5"))).status).toBe(409);
    } finally {
      await again.right.close();
    }
  });

  it("erases a subject: its key destroyed in the event store's database, its value stored nowhere in the clear, erased across a restart", async () => {
    const marker = "canary-王-pg";
    const lines: string[] = [];
    const started = await start({ TENFOLD_PG_URL: url }, lines);
    if (E.isLeft(started)) throw new Error(started.left);
    const assignment = async (service: RunningService): Promise<RecordedEvent | undefined> => {
      const read = await readWholeStream(service.container.resolve(EVENT_STORE), campaignStreamId("pg-2"))();
      return E.isRight(read) ? read.right.find((e) => e.type === "AssignmentMade") : undefined;
    };
    let statistics: unknown;
    try {
      for (const command of [launchJson("pg-2"), formGroupJson("pg-2", "g1"), enrollJson("pg-2", "m1", "g1"), assignJson("pg-2", "g1", "h1", marker)]) {
        expect((await postCommand(started.right, "pg-2", command)).status).toBe(201);
      }
      expect((await assignment(started.right))?.data).toMatchObject({ contactName: marker });
      statistics = (await getJson(started.right, "/campaigns/pg-2/statistics")).body;
      const erased = await postErasure(started.right, "pg-2", { subject: "contact:h1", requestRef: "PIPL-2014-001", erasedOn: "2014-01-05" });
      expect(erased).toMatchObject({ status: 201, body: { nextExpectedRevision: "4", recorded: [{ type: "SubjectErased", streamRevision: "4" }] } });
      expect(JSON.stringify(erased.body)).not.toContain(marker);
      expect((await assignment(started.right))?.erased).toEqual(["contactName"]);
      expect((await postErasure(started.right, "pg-2", { subject: "contact:h1", requestRef: "PIPL-2014-002", erasedOn: "2014-01-06" })).body).toMatchObject({ tag: "SubjectAlreadyErased", rule: 6 });
    } finally {
      await started.right.close();
    }
    const keys = await query(url, "SELECT campaign_id, subject, key IS NULL AS destroyed, erased_at IS NOT NULL AS erased FROM tenfold.subject_keys WHERE campaign_id = 'pg-2' ORDER BY subject");
    expect(keys).toEqual([
      { campaign_id: "pg-2", subject: "cadre:m1", destroyed: false, erased: false },
      { campaign_id: "pg-2", subject: "contact:h1", destroyed: true, erased: true },
    ]);
    expect(JSON.stringify(await query(url, "SELECT * FROM tenfold.events"))).not.toContain(marker);
    const again = await start({ TENFOLD_PG_URL: url }, lines);
    if (E.isLeft(again)) throw new Error(again.left);
    try {
      const read = await assignment(again.right);
      expect([read?.erased, (read?.data as { contactName?: unknown } | undefined)?.contactName]).toEqual([["contactName"], null]);
      expect((await getJson(again.right, "/campaigns/pg-2/statistics")).body).toEqual(statistics);
    } finally {
      await again.right.close();
    }
    expect(lines.join("\n")).not.toContain(marker);
  });

  it("does not start on a server it cannot open, and never prints the password", async () => {
    const wrong = await start({ TENFOLD_PG_URL: changed(url, { password: "wr0ng-s3cret" }) });
    expect(E.isLeft(wrong) && wrong.left).toMatch(/^TENFOLD_PG_URL \(postgres:\/\/tenfold:\*\*\*@127\.0\.0\.1:\d+\/embedding_\w+\): .*password authentication failed/);
    const unreachable = await start({ TENFOLD_PG_URL: "postgres://tenfold:s3cret-unreachable@127.0.0.1:1/tenfold" });
    expect(E.isLeft(unreachable) && unreachable.left).toMatch(/^TENFOLD_PG_URL \(postgres:\/\/tenfold:\*\*\*@127\.0\.0\.1:1\/tenfold\): .*ECONNREFUSED/);
    for (const result of [wrong, unreachable]) for (const secret of ["wr0ng-s3cret", "s3cret-unreachable", password, encodedPassword]) expect(JSON.stringify(result)).not.toContain(secret);
    const inQuery = await start({ TENFOLD_PG_URL: "postgres://tenfold@127.0.0.1:1/tenfold?password=s3cret-query" });
    expect(inQuery).toStrictEqual(E.left("TENFOLD_PG_URL gives a password as a query parameter, where it would be logged: put it in the URL (postgres://user:password@host/database) or in PGPASSWORD"));
    const keysInQuery = await start({ TENFOLD_PG_URL: url, TENFOLD_KEYS_PG_URL: "postgres://tenfold@127.0.0.1:1/keys?password=s3cret-query" });
    expect(keysInQuery).toStrictEqual(E.left("TENFOLD_KEYS_PG_URL gives a password as a query parameter, where it would be logged: put it in the URL (postgres://user:password@host/database) or in PGPASSWORD"));
    const keysUnreachable = await start({ TENFOLD_PG_URL: url, TENFOLD_KEYS_PG_URL: "postgres://tenfold:s3cret-keys@127.0.0.1:1/keys" });
    expect(E.isLeft(keysUnreachable) && keysUnreachable.left).toMatch(/^TENFOLD_KEYS_PG_URL \(postgres:\/\/tenfold:\*\*\*@127\.0\.0\.1:1\/keys\): the key store cannot be opened: .*ECONNREFUSED/);
    expect(JSON.stringify(keysUnreachable)).not.toContain("s3cret-keys");
    const both = await start({ TENFOLD_PG_URL: url, TENFOLD_ESDB_URL: "esdb://127.0.0.1:2113?tls=false" });
    expect(E.isLeft(both) && both.left).toMatch(/^TENFOLD_ESDB_URL and TENFOLD_PG_URL are both set/);
  });
});
