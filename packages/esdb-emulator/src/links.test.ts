import { binaryEvent, jsonEvent, streamNameFilter, type EventStoreDBClient, type ResolvedEvent } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "./index.js";
import { collect, useHarness, userEvents, watch } from "./testing-support/harness.js";

const harness = useHarness();

const link = (payload: string) => binaryEvent({ type: "$>", data: Buffer.from(payload, "utf8") });

// Each link payload and what a resolving read sends for it: the target's place, or "none" (link only), or "itself" (unresolved).
const LINKS = [
  ["1@order-1", "Shipped@order-1:1"],
  ["0@order-1", "Placed@order-1:0"],
  ["-1@order-1", "Shipped@order-1:1"], // -1: the stream's last event
  ["5@order-1", "none"], // no such event
  ["0@missing", "none"], // no such stream
  ["3", "none"], // a number but no stream
  ["abc@order-1", "itself"], // not a number: left unresolved
] as const;

const setUp = async (): Promise<{ emulator: RunningEmulator; client: EventStoreDBClient }> => {
  const emulator = await harness.start();
  const client = harness.client(emulator);
  await client.appendToStream("order-1", [jsonEvent({ type: "Placed", data: {} }), jsonEvent({ type: "Shipped", data: {} })]);
  await client.appendToStream("links", LINKS.map(([payload]) => link(payload)));
  return { emulator, client };
};

/** What one read event carries: the event's place, or none, and the link's place. */
const shapeOf = (resolved: ResolvedEvent): { event: string; link: string | undefined } => ({
  event: resolved.event === undefined ? "none" : `${resolved.event.type}@${resolved.event.streamId}:${resolved.event.revision}`,
  link: resolved.link === undefined ? undefined : `${resolved.link.type}@${resolved.link.streamId}:${resolved.link.revision}`,
});

const expectedResolved = LINKS.map(([, target], index) =>
  target === "itself" ? { event: `$>@links:${index}`, link: undefined } : { event: target, link: `$>@links:${index}` },
);
const expectedUnresolved = LINKS.map((_link, index) => ({ event: `$>@links:${index}`, link: undefined }));

describe("link events", () => {
  it("a stream read resolves links only when asked: event = the target, link = the link; unresolvable links carry only the link", async () => {
    const { emulator, client } = await setUp();
    expect((await collect(client.readStream("links"))).map(shapeOf)).toEqual(expectedUnresolved);
    const resolved = await collect(client.readStream("links", { resolveLinkTos: true }));
    expect(resolved.map(shapeOf)).toEqual(expectedResolved);

    const [first] = resolved;
    const [placed, shipped] = emulator.data.stream("order-1");
    const linkRecord = emulator.data.stream("links")[0];
    expect(first?.event?.id).toBe(shipped?.id);
    expect(first?.event?.data).toEqual({});
    expect(first?.event?.position).toEqual({ commit: shipped?.position, prepare: shipped?.position });
    expect(first?.link?.position).toEqual({ commit: linkRecord?.position, prepare: linkRecord?.position });
    expect(first?.commitPosition).toBe(linkRecord?.position); // the record read, the link
    expect(Buffer.from(first?.link?.data as Uint8Array).toString()).toBe("1@order-1");
    expect(resolved[1]?.event?.id).toBe(placed?.id);
  });

  it("a $all read resolves links when asked, at the links' place in the log", async () => {
    const { client } = await setUp();
    const fromLinks = (events: ResolvedEvent[]) => userEvents(events).slice(2);
    expect(fromLinks(await collect(client.readAll())).map(shapeOf)).toEqual(expectedUnresolved);
    const resolved = await collect(client.readAll({ resolveLinkTos: true }));
    expect(userEvents(resolved).slice(0, 2).map(shapeOf)).toEqual([
      { event: "Placed@order-1:0", link: undefined },
      { event: "Shipped@order-1:1", link: undefined },
    ]);
    expect(fromLinks(resolved).map(shapeOf)).toEqual(expectedResolved);
  });

  it("subscriptions resolve links when asked, in catch-up and live, filtering on the link's own stream", async () => {
    const { client } = await setUp();
    const toStream = watch(client.subscribeToStream("links", { resolveLinkTos: true }));
    const unresolved = watch(client.subscribeToStream("links"));
    const toAll = watch(client.subscribeToAll({ resolveLinkTos: true, filter: streamNameFilter({ prefixes: ["links"] }) }));
    for (const watched of [toStream, unresolved, toAll]) {
      await watched.until(() => watched.caughtUp() && watched.events.length === LINKS.length, "catch-up");
    }
    await client.appendToStream("links", link("0@order-1"));
    for (const watched of [toStream, unresolved, toAll]) await watched.until(() => watched.events.length === LINKS.length + 1, "a live link");
    const live = { event: "Placed@order-1:0", link: `$>@links:${LINKS.length}` };
    expect(toStream.events.map(shapeOf)).toEqual([...expectedResolved, live]);
    expect(toAll.events.map(shapeOf)).toEqual([...expectedResolved, live]);
    expect(unresolved.events.map(shapeOf)).toEqual([...expectedUnresolved, { event: `$>@links:${LINKS.length}`, link: undefined }]);
  });

  it("a link to a soft-deleted, truncated or tombstoned target carries only the link", async () => {
    const { client } = await setUp();
    await client.appendToStream("order-2", [jsonEvent({ type: "Placed", data: {} }), jsonEvent({ type: "Paid", data: {} })]);
    await client.appendToStream("order-3", jsonEvent({ type: "Placed", data: {} }));
    await client.appendToStream("more-links", [link("0@order-1"), link("0@order-2"), link("1@order-2"), link("0@order-3")]);
    await client.deleteStream("order-1");
    await client.setStreamMetadata("order-2", { truncateBefore: 1 });
    await client.tombstoneStream("order-3");
    expect((await collect(client.readStream("more-links", { resolveLinkTos: true }))).map(shapeOf)).toEqual([
      { event: "none", link: "$>@more-links:0" },
      { event: "none", link: "$>@more-links:1" },
      { event: "Paid@order-2:1", link: "$>@more-links:2" },
      { event: "none", link: "$>@more-links:3" },
    ]);
  });
});
