import {
  type Day,
  type EventStore,
  campaignStreamId,
  computeStatistics,
  createCommandHandler,
  readWholeStream,
  statisticsAsOfDay,
  statisticsInView,
  createStatisticsReader,
} from "@tenfold/core";
import { storeUnavailable } from "@tenfold/core/adapter";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import * as O from "fp-ts/lib/Option.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { beforeAll, describe, expect, it } from "vitest";
import { steppingClock } from "../../handler/platform.js";
import { formGroup, launch } from "../../testing-support/campaign.js";

const store = createMemoryEventStore();

beforeAll(async () => {
  const handler = createCommandHandler({ store, clock: steppingClock(new Date("2013-03-06T08:00:00Z"), 60_000) });
  const commands = [launch("c-1"), formGroup("c-1", "g1", "2013-03-05"), formGroup("c-1", "g2", "2013-03-02"), formGroup("c-1", "g3", "2013-04-01")];
  for (const c of commands) expect(E.isRight(await handler.handle(c)())).toBe(true);
});

const events = async () => {
  const read = await readWholeStream(store, campaignStreamId("c-1"))();
  if (E.isLeft(read)) throw new Error("unreadable");
  return read.right;
};

describe("createStatisticsReader", () => {
  it("reads the statistics as recorded now: those of the whole stream", async () => {
    const reader = createStatisticsReader(store, 2); // pages of two events
    expect(await reader.statistics("c-1")()).toEqual(E.right(computeStatistics(await events())));
  });

  it.each(["2013-02-28", "2013-03-01", "2013-03-02", "2013-03-04", "2013-03-05", "2013-12-31"])(
    "reads them as of a business day (%s), like statisticsAsOfDay",
    async (day) => {
      const reader = createStatisticsReader(store, 3);
      expect(await reader.statistics("c-1", { asOf: day as Day })()).toEqual(E.right(statisticsAsOfDay(await events(), day as Day)));
    },
  );

  it("reads them within any view, like statisticsInView: recorded before each event's instant, and with a day as well", async () => {
    const all = await events();
    const reader = createStatisticsReader(store, 2);
    for (const event of [...all, { recordedAt: "9999-12-31T00:00:00.000Z" }]) {
      for (const view of [{ recordedBefore: new Date(event.recordedAt) }, { recordedBefore: new Date(event.recordedAt), asOf: "2013-03-04" as Day }]) {
        expect(await reader.statistics("c-1", view)()).toEqual(E.right(statisticsInView(all, view)));
      }
    }
  });

  it("has none for a campaign never launched", async () => {
    expect(await createStatisticsReader(store).statistics("nobody")()).toEqual(E.right(O.none));
  });

  it("passes a store error on", async () => {
    const down: EventStore = { ...store, readStream: () => TE.left(storeUnavailable("deadline exceeded")) };
    expect(await createStatisticsReader(down).statistics("c-1")()).toEqual(E.left(storeUnavailable("deadline exceeded")));
  });
});
