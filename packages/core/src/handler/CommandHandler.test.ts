import * as E from "fp-ts/lib/Either.js";
import { beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import type { CommandInput } from "../commands/catalog.js";
import { eventToCommand } from "../commands/convert.js";
import { anyRevision } from "../store/ExpectedRevision.js";
import { campaignStreamId, noMetadata, SCHEMA_VERSION } from "../store/RecordedEvent.js";
import { storeUnavailable } from "../store/StoreError.js";
import { CAMPAIGN, formed, launched } from "../testing-support/events.js";
import { type ScriptedStore, scriptedStore } from "../testing-support/scriptedStore.js";
import { createCommandHandler } from "./CommandHandler.js";
import { sequentialIds, steppingClock } from "./platform.js";

const STREAM = campaignStreamId(CAMPAIGN);
let store: ScriptedStore;
const handler = (maxAttempts = 10) =>
  createCommandHandler({ store, clock: steppingClock(new Date("2013-03-01T08:00:00Z")), ids: sequentialIds(), maxAttempts });

beforeEach(() => {
  store = scriptedStore();
});

describe("createCommandHandler", () => {
  it("records an accepted command with its envelope at the next revision", async () => {
    const h = handler();
    const metadata = { actor: "clerk-7", correlationId: "req-1", causationId: null };
    expect(await h.handle(eventToCommand(launched()), { metadata })()).toEqual(
      E.right({
        nextExpectedRevision: 0n,
        recorded: [
          {
            ...launched(),
            eventId: "00000000-0000-4000-8000-000000000001",
            schemaVersion: SCHEMA_VERSION,
            recordedAt: "2013-03-01T08:00:00.000Z",
            metadata,
            personal: {},
            streamId: STREAM,
            streamRevision: 0n,
            position: 0n,
          },
        ],
      }),
    );
    const second = await h.handle(eventToCommand(formed("g1")))();
    expect(E.isRight(second) && second.right.recorded.map((e) => [e.streamRevision, e.recordedAt, e.metadata])).toEqual([
      [1n, "2013-03-01T08:00:01.000Z", noMetadata],
    ]);
  });

  it("writes nothing when a rule is broken", async () => {
    const result = await handler().handle(eventToCommand(formed("g1")))();
    expect(result).toEqual(E.left({ _tag: "CampaignNotLaunched", campaignId: CAMPAIGN, eventType: "GroupFormed" }));
    expect(store.streams.size).toBe(0);
  });

  it("on a conflict, reloads and decides again on what the other writer recorded", async () => {
    const h = handler();
    await h.handle(eventToCommand(launched()))();
    let raced = false;
    store.beforeAppend = () => {
      if (!raced) {
        raced = true;
        const other = { ...formed("g1"), eventId: "aaaaaaaa-0000-4000-8000-000000000000", schemaVersion: 1, recordedAt: "2013-03-01T09:00:00.000Z", metadata: noMetadata };
        store.writeDirectly(STREAM, [other], anyRevision);
      }
      return Promise.resolve(undefined);
    };
    const result = await h.handle(eventToCommand(formed("g1")))();
    expect(result).toEqual(E.left({ _tag: "DuplicateId", entity: "group", id: "g1" }));
    expect(store.streams.get(STREAM)?.map((e) => e.type)).toEqual(["CampaignLaunched", "GroupFormed"]);
  });

  it("retries a bounded number of times, then says so", async () => {
    const h = handler(3);
    await h.handle(eventToCommand(launched()))();
    let n = 0;
    store.beforeAppend = () => {
      const other = { ...formed(`other-${++n}`), eventId: `bbbbbbbb-0000-4000-8000-00000000000${n}`, schemaVersion: 1, recordedAt: "2013-03-01T09:00:00.000Z", metadata: noMetadata };
      store.writeDirectly(STREAM, [other], anyRevision);
      return Promise.resolve(undefined);
    };
    expect(await h.handle(eventToCommand(formed("g1")))()).toEqual(
      E.left({ _tag: "ConcurrencyRetriesExhausted", streamId: STREAM, attempts: 3 }),
    );
    expect(n).toBe(3);
  });

  it("returns a store failure as it is, without retrying", async () => {
    let calls = 0;
    store.beforeAppend = () => {
      calls++;
      return Promise.resolve(storeUnavailable("connection refused"));
    };
    expect(await handler().handle(eventToCommand(launched()))()).toEqual(E.left(storeUnavailable("connection refused")));
    expect(calls).toBe(1);
  });

  it("reads only what is new since the last command", async () => {
    const h = handler();
    await h.handle(eventToCommand(launched()))();
    await h.handle(eventToCommand(formed("g1")))();
    await h.handle(eventToCommand(formed("g2")))();
    expect(store.reads.map((r) => r.fromRevision)).toEqual([0n, 1n, 2n]);
  });

  it("pages through a long stream when loading", async () => {
    store.writeDirectly(STREAM, [{ ...launched(), eventId: "cccccccc-0000-4000-8000-000000000000", schemaVersion: 1, recordedAt: "2013-03-01T09:00:00.000Z", metadata: noMetadata }], anyRevision);
    for (let i = 0; i < 2500; i++) {
      store.writeDirectly(STREAM, [{ ...formed(`g${i}`), eventId: `dddddddd-0000-4000-8000-${String(i).padStart(12, "0")}`, schemaVersion: 1, recordedAt: "2013-03-01T09:00:00.000Z", metadata: noMetadata }], anyRevision);
    }
    const result = await handler().handle(eventToCommand(formed("g0")))();
    expect(result).toEqual(E.left({ _tag: "DuplicateId", entity: "group", id: "g0" }));
    expect(store.reads.map((r) => r.fromRevision)).toEqual([0n, 1000n, 2000n]);
  });
});

describe("a command sent again after its reply was lost", () => {
  const ids = ["10000000-0000-4000-8000-000000000001"];
  it("with the same eventIds, gets back what was recorded, once, from this handler or a new one", async () => {
    const h = handler();
    await h.handle(eventToCommand(launched()))();
    let calls = 0;
    store.beforeAppend = () => {
      calls++;
      if (calls === 1) {
        store.writeDirectly(STREAM, [{ ...formed("g1"), eventId: ids[0]!, schemaVersion: 1, recordedAt: "2013-03-01T09:00:00.000Z", metadata: noMetadata }], anyRevision);
        return Promise.resolve(storeUnavailable("connection reset"));
      }
      return Promise.resolve(undefined);
    };
    expect(await h.handle(eventToCommand(formed("g1")), { eventIds: ids })()).toEqual(E.left(storeUnavailable("connection reset")));
    const again = await h.handle(eventToCommand(formed("g1")), { eventIds: ids })();
    expect(E.isRight(again) && again.right.recorded.map((e) => [e.eventId, e.streamRevision])).toEqual([[ids[0], 1n]]);
    const fresh = await handler().handle(eventToCommand(formed("g1")), { eventIds: ids })();
    expect(E.isRight(fresh) && fresh.right.recorded.map((e) => e.eventId)).toEqual(ids);
    expect(store.streams.get(STREAM)).toHaveLength(2);
    expect(calls).toBe(1);
  });

  it("without them, is decided again and refused", async () => {
    const h = handler();
    await h.handle(eventToCommand(launched()))();
    store.writeDirectly(STREAM, [{ ...formed("g1"), eventId: ids[0]!, schemaVersion: 1, recordedAt: "2013-03-01T09:00:00.000Z", metadata: noMetadata }], anyRevision);
    expect(await h.handle(eventToCommand(formed("g1")))()).toEqual(E.left({ _tag: "DuplicateId", entity: "group", id: "g1" }));
  });

  it("recognises the last 4,096 events it saw, and decides an older one again", async () => {
    const h = handler();
    await h.handle(eventToCommand(launched()))();
    const idOf = (n: number): string => `evt-group-${n}`;
    for (let n = 0; n <= 4096; n++) {
      const done = await h.handle(eventToCommand(formed(`g${n}`)), { eventIds: [idOf(n)] })();
      expect(E.isRight(done)).toBe(true);
    }
    // g0's event was followed by 4,096 others: forgotten, so the command is decided again and refused.
    expect(await h.handle(eventToCommand(formed("g0")), { eventIds: [idOf(0)] })()).toEqual(E.left({ _tag: "DuplicateId", entity: "group", id: "g0" }));
    // g1's is the oldest still remembered: its command gets back what was recorded.
    const again = await h.handle(eventToCommand(formed("g1")), { eventIds: [idOf(1)] })();
    expect(E.isRight(again) && again.right.recorded.map((e) => [e.eventId, e.streamRevision])).toEqual([[idOf(1), 2n]]);
    expect(store.streams.get(STREAM)).toHaveLength(4098);
  });

  it("uses the given ids for the events it records", async () => {
    const h = handler();
    const recorded = await h.handle(eventToCommand(launched()), { eventIds: ids })();
    expect(E.isRight(recorded) && recorded.right.recorded.map((e) => e.eventId)).toEqual(ids);
    expect(() => h.handle(eventToCommand(formed("g2")), { eventIds: [] })).toThrow(/options.eventIds: expected a non-empty list/);
    expect(() => h.handle(eventToCommand(formed("g2")), { eventIds: [""] })).toThrow(/options.eventIds\[0\]: expected a non-empty string/);
  });
});

describe("commands as literals", () => {
  const launch: CommandInput<"LaunchCampaign"> = {
    type: "LaunchCampaign",
    data: { campaignId: "c1", name: "Ten ones", organizer: "Organisation department", launchedOn: "2013-03-01", checklist: ["village"] },
  };

  it("are decoded and recorded", async () => {
    const h = handler();
    const result = await h.handle(launch)();
    expect(E.isRight(result) && result.right.recorded.map((e) => [e.type, e.data])).toEqual([["CampaignLaunched", launch.data]]);
    const formedLiteral = await h.handle({ type: "FormGroup", data: { campaignId: "c1", groupId: "g1", name: "Group one", formedOn: "2013-03-02" } })();
    expect(E.isRight(formedLiteral)).toBe(true);
  });

  it("that do not decode are a DecodeError naming each field, and nothing is read or written", async () => {
    const h = handler();
    const result = await h.handle({ ...launch, data: { ...launch.data, launchedOn: "2013-02-30", name: "" } })();
    expect(E.isLeft(result) && result.left._tag === "DecodeError" && result.left.issues.map((i) => i.path)).toEqual(["data.name", "data.launchedOn"]);
    expect(store.reads).toEqual([]);
    expect(store.streams.size).toBe(0);
  });

  it("refuse a misspelt or unknown field at compile time", () => {
    const typo = (): CommandInput<"FormGroup"> => ({
      type: "FormGroup",
      // @ts-expect-error: "formedDay" is not a field of FormGroup
      data: { campaignId: "c1", groupId: "g1", name: "Group one", formedDay: "2013-03-02" },
    });
    expect(typo).toBeTypeOf("function");
    expectTypeOf<CommandInput<"FormGroup">["data"]["formedOn"]>().toEqualTypeOf<string>();
  });
});
