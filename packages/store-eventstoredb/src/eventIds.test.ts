import { fc, test } from "@fast-check/vitest";
import { createCommandHandler, decodeCommand, noStream, readWholeStream, steppingClock } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { TENFOLD_EVENT_ID_NAMESPACE, deterministicEventIds, eventIdFor, uuidV5 } from "./eventIds.js";
import { emulated } from "./testing-support/emulated.js";
import { newEvents } from "./testing-support/events.js";

const V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("uuidV5", () => {
  it("matches the RFC's example (www.example.com in the DNS namespace)", () => {
    expect(uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });
  it("refuses a namespace that is not a UUID", () => {
    expect(() => uuidV5("tenfold", "x")).toThrow(RangeError);
  });
});

describe("eventIdFor and deterministicEventIds", () => {
  test.prop([fc.string({ minLength: 1 }), fc.nat({ max: 10_000 })])("are version-5 UUIDs, the same on every call", (commandId, index) => {
    const id = eventIdFor(commandId, index);
    expect(id).toMatch(V5);
    expect(eventIdFor(commandId, index)).toBe(id);
    expect(uuidV5(TENFOLD_EVENT_ID_NAMESPACE, `${commandId}#${index}`)).toBe(id);
  });

  test.prop([fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.nat({ max: 100 }), fc.nat({ max: 100 })])(
    "differ between commands and between indices",
    (a, b, i, j) => {
      fc.pre(a !== b || i !== j);
      expect(eventIdFor(a, i)).not.toBe(eventIdFor(b, j));
    },
  );

  it("a generator per command yields its ids in order; a fresh one starts again", () => {
    const ids = deterministicEventIds("request-42");
    expect([ids.eventId(), ids.eventId()]).toEqual([eventIdFor("request-42", 0), eventIdFor("request-42", 1)]);
    expect(deterministicEventIds("request-42").eventId()).toBe(eventIdFor("request-42", 0));
    expect(() => deterministicEventIds("")).toThrow(RangeError);
    expect(() => eventIdFor("x", -1)).toThrow(RangeError);
  });

  it("make a retried append after a lost reply a no-op on the server (one copy)", async () => {
    const env = await emulated(true);
    try {
      const store = env.store();
      const events = newEvents(2, "retried-command");
      env.emulator.dropNextAppendReply();
      const lost = await store.append("tenfold-campaign-retry", events, noStream)();
      expect(E.isLeft(lost) && lost.left._tag).toBe("StoreUnavailable");
      const again = await store.append("tenfold-campaign-retry", newEvents(2, "retried-command"), noStream)();
      expect(E.isRight(again) && again.right.nextExpectedRevision).toBe(1n);
      expect(env.emulator.data.stream("tenfold-campaign-retry").map((e) => e.id)).toEqual([eventIdFor("retried-command", 0), eventIdFor("retried-command", 1)]);
    } finally {
      await env.dispose();
    }
  });

  it("plug into the command handler as its IdGenerator", async () => {
    const env = await emulated(false);
    try {
      const handler = createCommandHandler({ store: env.store(), ids: deterministicEventIds("launch-1"), clock: steppingClock(new Date("2013-03-01T08:00:00Z")) });
      const command = decodeCommand({
        type: "LaunchCampaign",
        data: { campaignId: "ids", name: "Ten ones", organizer: "Organisation department", launchedOn: "2013-03-01", checklist: ["village"] },
      });
      if (E.isLeft(command)) throw new Error("bad command");
      expect(E.isRight(await handler.handle(command.right)())).toBe(true);
      const read = await readWholeStream(env.store(), "tenfold-campaign-ids")();
      expect(E.isRight(read) && read.right.map((e) => e.eventId)).toEqual([eventIdFor("launch-1", 0)]);
    } finally {
      await env.dispose();
    }
  });

  it("make a command sent again after a lost reply a no-op through the command handler", async () => {
    const env = await emulated(true);
    try {
      const handler = createCommandHandler({ store: env.store() });
      const command = decodeCommand({
        type: "LaunchCampaign",
        data: { campaignId: "lost-reply", name: "Ten ones", organizer: "Organisation department", launchedOn: "2013-03-01", checklist: ["village"] },
      });
      if (E.isLeft(command)) throw new Error("bad command");
      const eventIds = [eventIdFor("request-7", 0)];
      env.emulator.dropNextAppendReply();
      const lost = await handler.handle(command.right, { eventIds })();
      expect(E.isLeft(lost) && lost.left._tag).toBe("StoreUnavailable");
      const again = await handler.handle(command.right, { eventIds })();
      expect(E.isRight(again) && again.right.recorded.map((e) => e.eventId)).toEqual(eventIds);
      const elsewhere = await createCommandHandler({ store: env.store() }).handle(command.right, { eventIds })();
      expect(E.isRight(elsewhere)).toBe(true);
      expect(env.emulator.data.stream("tenfold-campaign-lost-reply").map((e) => e.id)).toEqual(eventIds);
    } finally {
      await env.dispose();
    }
  });
});
