import { END, eventTypeFilter, jsonEvent, streamNameFilter, type Position } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import { collect, typesOf, useHarness, userEvents, watch } from "./testing-support/harness.js";

const harness = useHarness();

const event = (type: string) => jsonEvent({ type, data: { type } });

describe("catch-up subscriptions", () => {
  it("to a stream: confirmation, stored events, caught-up, then live events", async () => {
    const emulator = await harness.start();
    const client = harness.client(emulator);
    await client.appendToStream("cart-1", [event("A"), event("B")]);
    await client.appendToStream("elsewhere", event("X"));

    const subscription = client.subscribeToStream("cart-1");
    const watched = watch(subscription);
    await watched.until(() => watched.caughtUp() && watched.events.length === 2, "catch-up");
    expect(watched.confirmed()).toBe(true);
    expect(typesOf(watched.events)).toEqual(["A", "B"]);

    await client.appendToStream("cart-1", event("C"));
    await client.appendToStream("elsewhere", event("Y"));
    await client.appendToStream("cart-1", event("D"));
    await watched.until(() => watched.events.length === 4, "live events");
    expect(typesOf(watched.events)).toEqual(["A", "B", "C", "D"]);
    expect(watched.events.map((resolved) => resolved.event?.revision)).toEqual([0n, 1n, 2n, 3n]);
    await subscription.unsubscribe();
  });

  it("to a stream from a revision starts after it; from the end, only live events", async () => {
    const emulator = await harness.start();
    const client = harness.client(emulator);
    await client.appendToStream("s", [event("A"), event("B"), event("C")]);
    const fromRevision = watch(client.subscribeToStream("s", { fromRevision: 0n }));
    const fromEnd = watch(client.subscribeToStream("s", { fromRevision: END }));
    const missing = watch(client.subscribeToStream("not-yet"));
    await fromRevision.until(() => fromRevision.caughtUp(), "caught-up from revision");
    await fromEnd.until(() => fromEnd.caughtUp(), "caught-up from end");
    await missing.until(() => missing.caughtUp(), "caught-up on a missing stream");
    expect(typesOf(fromRevision.events)).toEqual(["B", "C"]);
    expect(fromEnd.events).toEqual([]);

    await client.appendToStream("s", event("D"));
    await client.appendToStream("not-yet", event("First"));
    await fromEnd.until(() => fromEnd.events.length === 1, "live event from end");
    await missing.until(() => missing.events.length === 1, "first event of a new stream");
    await fromRevision.until(() => fromRevision.events.length === 3, "live event from revision");
    expect(typesOf(fromEnd.events)).toEqual(["D"]);
    expect(typesOf(missing.events)).toEqual(["First"]);
  });

  it("to $all with a stream prefix filter: only matching events, checkpoints, then live events", async () => {
    const emulator = await harness.start();
    const client = harness.client(emulator);
    await client.appendToStream("order-1", event("O1"));
    await client.appendToStream("invoice-1", event("I1"));
    await client.appendToStream("order-2", event("O2"));

    const checkpoints: Position[] = [];
    const subscription = client.subscribeToAll({
      filter: streamNameFilter({ prefixes: ["order-"], checkpointReached: (_subscription, position) => void checkpoints.push(position) }),
    });
    const watched = watch(subscription);
    await watched.until(() => watched.caughtUp() && watched.events.length === 2, "filtered catch-up");
    expect(typesOf(watched.events)).toEqual(["O1", "O2"]);
    const head = emulator.data.all.at(-1)?.position;
    expect(checkpoints.at(-1)).toEqual({ commit: head, prepare: head });

    await client.appendToStream("invoice-2", event("I2"));
    await client.appendToStream("order-3", event("O3"));
    await watched.until(() => watched.events.length === 3, "filtered live event");
    expect(typesOf(watched.events)).toEqual(["O1", "O2", "O3"]);
    const positions = watched.events.map((resolved) => resolved.event?.position?.commit ?? -1n);
    expect(positions[2]).toBe(emulator.data.stream("order-3")[0]?.position);
    expect(positions[0]).toBeLessThan(positions[1] ?? -1n);
  });

  it("to $all sends a checkpoint every interval of considered events", async () => {
    const emulator = await harness.start();
    const client = harness.client(emulator);
    for (let index = 0; index < 5; index++) await client.appendToStream(`noise-${index}`, event("Noise"));
    const checkpoints: Position[] = [];
    const watched = watch(
      client.subscribeToAll({
        filter: streamNameFilter({
          prefixes: ["wanted-"],
          maxSearchWindow: 2,
          checkpointInterval: 1,
          checkpointReached: (_subscription, position) => void checkpoints.push(position),
        }),
      }),
    );
    await watched.until(() => watched.caughtUp(), "caught-up");
    // Every event in the log is considered, the node's system events first: a checkpoint after
    // every second one (window 2 × interval 1), and one at the last just before caught-up.
    const considered = emulator.data.all.map((stored) => stored.position);
    const expected = [...considered.filter((_position, index) => index % 2 === 1), considered.at(-1)];
    expect(considered.length).toBeGreaterThan(5);
    expect(checkpoints.map((checkpoint) => checkpoint.commit)).toEqual(expected);
    expect(watched.events).toEqual([]);
  });

  it("to $all with an event type prefix filter", async () => {
    const emulator = await harness.start();
    const client = harness.client(emulator);
    await client.appendToStream("a", [event("user.created"), event("order.created"), event("user.renamed")]);
    const watched = watch(client.subscribeToAll({ filter: eventTypeFilter({ prefixes: ["user."] }) }));
    await watched.until(() => watched.caughtUp() && watched.events.length === 2, "event-type filtered catch-up");
    expect(typesOf(watched.events)).toEqual(["user.created", "user.renamed"]);
  });

  it("to $all from a position starts after it, and from the end sees only live events", async () => {
    const emulator = await harness.start();
    const client = harness.client(emulator);
    await client.appendToStream("x", [event("A"), event("B"), event("C")]);
    const [, second] = userEvents(await collect(client.readAll()));
    const position = second?.event?.position;
    if (position === undefined) throw new Error("no position");
    const fromPosition = watch(client.subscribeToAll({ fromPosition: position }));
    const fromEnd = watch(client.subscribeToAll({ fromPosition: END }));
    await fromPosition.until(() => fromPosition.caughtUp() && fromPosition.events.length === 1, "catch-up from position");
    await fromEnd.until(() => fromEnd.caughtUp(), "caught-up from end");
    expect(typesOf(fromPosition.events)).toEqual(["C"]);
    await client.appendToStream("y", event("D"));
    await fromEnd.until(() => fromEnd.events.length === 1, "live event");
    expect(typesOf(fromEnd.events)).toEqual(["D"]);
    await fromPosition.until(() => fromPosition.events.length === 2, "live event after position");
  });
});
