import "reflect-metadata";
import type { EventStore } from "@tenfold/core";
import { nodePersonalCipher } from "@tenfold/core/node";
import { createMemoryKeyStore } from "@tenfold/core/personal";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import { container } from "tsyringe";
import { describe, expect, it } from "vitest";
import { readEnvironment, startFromEnvironment } from "./environment.js";
import { BOTH_STORES, openEventStore } from "./eventStore.js";
import { ESDB_NEEDS_KEYS, MEMORY_KEYS_ELSEWHERE, openKeyStore } from "./keyStore.js";
import { launchJson } from "./testing-support/commands.js";
import { postCommand, startTestService } from "./testing-support/service.js";

describe("the environment", () => {
  it("reads PORT (default 3000, 0: any free port), HOST, and TENFOLD_ESDB_URL or TENFOLD_PG_URL (not both)", () => {
    expect(readEnvironment({})).toStrictEqual(E.right({ port: 3000, host: "127.0.0.1", esdbUrl: undefined, pgUrl: undefined, keysPgUrl: undefined, logKeyFile: undefined }));
    expect(readEnvironment({ PORT: "0", HOST: "::1", TENFOLD_ESDB_URL: "esdb://db:2113", TENFOLD_KEYS_PG_URL: "postgres://u:p@keys/tenfold" })).toStrictEqual(
      E.right({ port: 0, host: "::1", esdbUrl: "esdb://db:2113", pgUrl: undefined, keysPgUrl: "postgres://u:p@keys/tenfold", logKeyFile: undefined }),
    );
    expect(readEnvironment({ TENFOLD_PG_URL: " postgres://u:p@db/tenfold ", TENFOLD_ESDB_URL: "  " })).toStrictEqual(
      E.right({ port: 3000, host: "127.0.0.1", esdbUrl: undefined, pgUrl: "postgres://u:p@db/tenfold", keysPgUrl: undefined, logKeyFile: undefined }),
    );
    expect(readEnvironment({ TENFOLD_ESDB_URL: "esdb://db:2113", TENFOLD_PG_URL: "postgres://u:p@db/tenfold" })).toStrictEqual(E.left(BOTH_STORES));
    expect(readEnvironment({ TENFOLD_PG_URL: "postgres://u:p@db/tenfold", TENFOLD_KEYS_PG_URL: "postgres://u:p@keys/tenfold" })).toMatchObject(E.right({ keysPgUrl: "postgres://u:p@keys/tenfold" }));
    for (const port of ["-1", "65536", "80a", "1e3"]) expect(readEnvironment({ PORT: port })).toEqual(E.left(`PORT must be an integer from 0 to 65535, got "${port}"`));
  });

  it("takes the keys of personal data from the store, and refuses EventStoreDB without TENFOLD_KEYS_PG_URL, or that variable without a store", async () => {
    expect(readEnvironment({ TENFOLD_ESDB_URL: "esdb://db:2113", TENFOLD_KEYS_PG_URL: " " })).toStrictEqual(E.left(ESDB_NEEDS_KEYS));
    expect(ESDB_NEEDS_KEYS).toMatch(/^TENFOLD_ESDB_URL is set but TENFOLD_KEYS_PG_URL is not: EventStoreDB holds no keys/);
    expect(readEnvironment({ TENFOLD_KEYS_PG_URL: "postgres://u:p@keys/tenfold" })).toStrictEqual(E.left(MEMORY_KEYS_ELSEWHERE));
    const refused = await startFromEnvironment({ PORT: "0", TENFOLD_ESDB_URL: "esdb://admin:s3cret@db:2113" }, container.createChildContainer(), () => undefined);
    expect(refused).toStrictEqual(E.left(ESDB_NEEDS_KEYS));
    const memory = await openKeyStore();
    expect(E.isRight(memory) && memory.right.description).toBe("in memory");
    expect(await openKeyStore({ esdbUrl: "esdb://db:2113" })).toStrictEqual(E.left(ESDB_NEEDS_KEYS));
    expect(await openKeyStore({ esdbUrl: "esdb://db:2113", pgUrl: "postgres://db/x" })).toStrictEqual(E.left(BOTH_STORES));
    const inQuery = await openKeyStore({ esdbUrl: "esdb://db:2113", keysPgUrl: "postgres://u@keys/tenfold?password=s3cret-query" });
    expect(inQuery).toStrictEqual(E.left("TENFOLD_KEYS_PG_URL gives a password as a query parameter, where it would be logged: put it in the URL (postgres://user:password@host/database) or in PGPASSWORD"));
  });

  it("opens the in-memory store by default, and says what is wrong with a bad EventStoreDB connection string", async () => {
    const keys = createMemoryKeyStore(nodePersonalCipher);
    const memory = await openEventStore({}, keys);
    expect(E.isRight(memory) && memory.right.description).toBe("in memory");
    expect(await openEventStore({ esdbUrl: "esdb://db:2113", pgUrl: "postgres://db/x" }, keys)).toStrictEqual(E.left(BOTH_STORES));
    const bad = await openEventStore({ esdbUrl: "http://user:secret@db:2113" }, keys);
    expect(E.isLeft(bad) && bad.left).toMatch(/^TENFOLD_ESDB_URL: /);
    expect(E.isLeft(bad) && bad.left).not.toContain("secret");
  });

  it("starts on any free loopback port with PORT=0, and reports a port already taken", async () => {
    const lines: string[] = [];
    const started = await startFromEnvironment({ PORT: "0" }, container.createChildContainer(), (line) => lines.push(line));
    if (E.isLeft(started)) throw new Error(started.left);
    expect(started.right.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines).toEqual(["event store: in memory", "key store: in memory", "erasures: reconciled (no key of an erased subject was found)"]);
    const taken = await startFromEnvironment({ PORT: String(started.right.port) }, container.createChildContainer(), () => undefined);
    expect(E.isLeft(taken) && taken.left).toMatch(new RegExp(`^cannot listen on 127\\.0\\.0\\.1:${started.right.port}: .*EADDRINUSE`));
    await started.right.close();
  });
});

describe("shutting down", () => {
  it("lets a request in flight finish, then stops accepting and closes the store", async () => {
    const memory = createMemoryEventStore();
    let appending: () => void = () => undefined;
    const appendCalled = new Promise<void>((resolve) => (appending = resolve));
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const gated: EventStore = {
      ...memory,
      append: (...args) => async () => {
        appending();
        await released;
        return memory.append(...args)();
      },
    };
    let storeClosed = false;
    const service = await startTestService({ store: gated, closeStore: () => Promise.resolve(void (storeClosed = true)) });
    const inFlight = postCommand(service, "c-1", launchJson("c-1"));
    await appendCalled;
    const closing = service.close();
    expect(service.close()).toBe(closing);
    release();
    expect((await inFlight).status).toBe(201);
    await closing;
    expect(storeClosed).toBe(true);
    await expect(fetch(`${service.url}/campaigns/c-1/statistics`)).rejects.toThrow();
  });
});
