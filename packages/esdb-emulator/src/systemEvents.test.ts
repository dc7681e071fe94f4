import { END, START, eventTypeFilter, excludeSystemEvents, jsonEvent, streamNameFilter, type ResolvedEvent } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import { EmulatorData } from "./index.js";
import { collect, eventually, typesOf, useHarness, watch } from "./testing-support/harness.js";
import { FRESH_NODE } from "./testing-support/waiting.js";

const harness = useHarness();

const placeOf = (resolved: ResolvedEvent): string => `${resolved.event?.type ?? "?"}@${resolved.event?.streamId ?? "?"}`;


const jsonOf = (resolved: ResolvedEvent | undefined): unknown => resolved?.event?.data;

describe("system events", () => {
  it("a fresh node's $all starts with $epoch-information and the default users, before any user event", async () => {
    const data = new EmulatorData();
    const emulator = await harness.start({ data });
    const client = harness.client(emulator);
    await client.appendToStream("order-1", jsonEvent({ type: "Placed", data: {} }));
    const all = await collect(client.readAll());
    expect(all.map(placeOf)).toEqual([...FRESH_NODE, "Placed@order-1"]);
    const positions = all.map((resolved) => resolved.event?.position.commit ?? -1n);
    expect(positions[0]).toBeGreaterThan(0n); // after the epoch record, itself at 0
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);

    const [epoch, adminAcl, admin, adminLogin, , ops, opsLogin] = all;
    expect(epoch?.event).toMatchObject({ revision: 0n, isJson: true });
    // Epoch 0 at position 0: epochNumber and epochPosition are defaults, left out.
    const epochInfo = jsonOf(epoch) as Record<string, unknown>;
    expect(Object.keys(epochInfo)).toEqual(["epochId", "prevEpochPosition", "timeStamp", "leaderInstanceId"]);
    expect(epochInfo["prevEpochPosition"]).toBe(-1);
    expect(String(epochInfo["epochId"])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(String(epochInfo["timeStamp"])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z$/);
    expect(Buffer.from(data.all[0]?.data ?? []).toString()).toContain('{\n  "epochId": '); // indented
    expect(jsonOf(adminAcl)).toEqual({ $acl: { $w: "$admins", $d: "$admins", $mw: "$admins" } });
    const adminUser = jsonOf(admin) as Record<string, unknown>;
    expect(Object.keys(adminUser)).toEqual(["loginName", "fullName", "salt", "hash", "groups"]);
    expect(adminUser).toMatchObject({ loginName: "admin", fullName: "Event Store Administrator", groups: ["$admins"] });
    expect(Buffer.from(String(adminUser["salt"]), "base64")).toHaveLength(16);
    expect(Buffer.from(String(adminUser["hash"]), "base64")).toHaveLength(20);
    expect(jsonOf(ops)).toMatchObject({ loginName: "ops", fullName: "Event Store Operations", groups: ["$ops"] });
    expect(adminLogin?.event).toMatchObject({ isJson: false, revision: 0n });
    expect(Buffer.from(adminLogin?.event?.data as Uint8Array).toString()).toBe("admin");
    expect(opsLogin?.event?.revision).toBe(1n);
    expect(typesOf(await collect(client.readStream("$users")))).toEqual(["$User", "$User"]);
  });

  it("reaches $all subscriptions, filtered or not, as user events do", async () => {
    const emulator = await harness.start();
    const client = harness.client(emulator);
    await client.appendToStream("user-1", jsonEvent({ type: "Registered", data: {} }));
    const everything = watch(client.subscribeToAll({ fromPosition: START }));
    const byStream = watch(client.subscribeToAll({ filter: streamNameFilter({ prefixes: ["$user-"] }) }));
    const byType = watch(client.subscribeToAll({ filter: eventTypeFilter({ prefixes: ["$User"] }) }));
    const noSystem = watch(client.subscribeToAll({ filter: excludeSystemEvents() }));
    for (const watched of [everything, byStream, byType, noSystem]) await watched.until(() => watched.caughtUp(), "caught-up");
    expect(everything.events.map(placeOf)).toEqual([...FRESH_NODE, "Registered@user-1"]);
    expect(byStream.events.map(placeOf)).toEqual(["$UserCreated@$user-admin", "$UserCreated@$user-ops"]);
    expect(byType.events.map(placeOf)).toEqual(["$UserCreated@$user-admin", "$User@$users", "$UserCreated@$user-ops", "$User@$users"]);
    expect(noSystem.events.map(placeOf)).toEqual(["Registered@user-1"]);
  });

  it("systemEvents: false leaves $all to the user's events", async () => {
    const emulator = await harness.start({ systemEvents: false });
    const client = harness.client(emulator);
    expect(await collect(client.readAll())).toEqual([]);
    await client.appendToStream("s", jsonEvent({ type: "A", data: {} }));
    const all = await collect(client.readAll());
    expect(all.map(placeOf)).toEqual(["A@s"]);
    expect(all[0]?.event?.position.commit).toBeGreaterThan(0n);
  });

  it("a restart over the same data writes $epoch-information again, with the next epoch, and no second set of users", async () => {
    const data = new EmulatorData();
    const first = await harness.start({ data });
    await first.stop();
    const second = await harness.start({ data, port: first.port });
    const client = harness.client(second);
    const epochs = await collect(client.readStream("$epoch-information"));
    expect(epochs.map((resolved) => resolved.event?.revision)).toEqual([0n, 1n]);
    // The first epoch record sits at the log's start, position 0.
    const nextEpoch = jsonOf(epochs[1]) as Record<string, unknown>;
    expect(nextEpoch).toMatchObject({ epochNumber: 1, prevEpochPosition: 0 });
    expect(Number(nextEpoch["epochPosition"])).toBeGreaterThan(Number(data.stream("$users").at(-1)?.position));
    expect(data.stream("$users")).toHaveLength(2);
    expect((await collect(client.readAll())).map(placeOf)).toEqual([...FRESH_NODE, "$epoch-information@$epoch-information"]);
  });

  it("writes $statsCollected to $stats-127.0.0.1:2113 at systemEventsEveryMs, live to subscribers, and stops with the emulator", async () => {
    const emulator = await harness.start({ systemEventsEveryMs: 40 });
    const client = harness.client(emulator);
    const live = watch(client.subscribeToAll({ fromPosition: END }));
    await live.until(() => live.events.length >= 2, "two stats events");
    expect(live.events.slice(0, 2).map(placeOf)).toEqual(["$statsCollected@$stats-127.0.0.1:2113", "$statsCollected@$stats-127.0.0.1:2113"]);
    const stats = await eventually(async () => {
      const read = await collect(client.readStream("$stats-127.0.0.1:2113"));
      if (read.length < 2) throw new Error("not yet");
      return read;
    });
    expect(stats[0]?.event).toMatchObject({ isJson: true, revision: 0n });
    const figures = jsonOf(stats[0]) as Record<string, unknown>;
    expect(figures["proc-id"]).toBe(process.pid);
    expect(typeof figures["proc-mem"]).toBe("number");
    await emulator.stop();
    const written = emulator.data.all.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(emulator.data.all).toHaveLength(written);
  });

  it("writes no stats by default", async () => {
    const emulator = await harness.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(emulator.data.stream("$stats-127.0.0.1:2113")).toEqual([]);
    expect(emulator.data.all).toHaveLength(FRESH_NODE.length);
  });
});
