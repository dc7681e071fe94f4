/*
 * The comparison is only fair if every implementation computes the same thing: each scenario runs
 * here on a small input and the results are compared (correctness of the benchmark, not speed).
 */
import { type CampaignEvent, decodeEvent, eventToCommand, initialCampaignState, replay } from "@tenfold/core";
import { SCHEMA_VERSION } from "@tenfold/core/adapter";
import { checkEvent, parseHistoryLine } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import { opensCommitment } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { saltOf, sealedEnvelopes, toLine } from "./domain/envelopes.js";
import { generateHistory } from "./domain/history.js";
import { subjectsOfHistory } from "./domain/personal.js";
import { measureCommands, measureDecode, measureStatistics, measureVerify } from "./domain/scenarios.js";
import { STORE_CONTENDERS } from "./stores/contender.js";
import { CONTENDERS, aggregateAll, appendAll } from "./stores/run.js";
import { eventCount, makeBatches, streamIds } from "./stores/workload.js";

const SMALL = { streams: 7, appends: 35, batch: 10 };

describe("S1–S3: every store holds and reads back the same events", () => {
  const filled = async (name: (typeof STORE_CONTENDERS)[number]) => {
    const store = CONTENDERS[name]();
    await appendAll(store, makeBatches(SMALL), SMALL.streams);
    return store;
  };

  it("S1 and S2: the same count and sum per stream and in total", async () => {
    const results = await Promise.all(
      STORE_CONTENDERS.map(async (name) => {
        const store = await filled(name);
        return Promise.all(streamIds(SMALL).map((id) => store.aggregate(id)));
      }),
    );
    const [tenfold, ...others] = results;
    for (const other of others) expect(other).toEqual(tenfold);
    expect(tenfold?.reduce((n, a) => n + a.count, 0)).toBe(eventCount(SMALL));
    const totals = await aggregateAll(await filled("baseline"), streamIds(SMALL));
    expect(totals.count).toBe(350);
    expect(totals.sum).toBeGreaterThan(0);
  });

  it("S3: the same counters by type", async () => {
    const counts = await Promise.all(STORE_CONTENDERS.map(async (name) => (await filled(name)).rebuild(streamIds(SMALL))));
    // 7 streams of 50 events, the types taking turns: 13, 13, 12 and 12 a stream.
    for (const c of counts) expect(c).toEqual({ VisitConducted: 91, DiaryWritten: 91, ProblemRaised: 84, FundDisbursed: 84 });
  });

  it("refuses an append whose expected revision is stale, in every store", async () => {
    for (const name of STORE_CONTENDERS) {
      const store = await filled(name);
      const [batch] = makeBatches(SMALL);
      await expect(store.append(batch?.streamId ?? "", batch?.events ?? [], -1)).rejects.toThrow();
    }
  });
});

describe("the generated history (S4, S5, S7)", () => {
  const history = generateHistory({ seed: 7, events: 2_345 });

  it("is valid: every event decodes and passes the decider, in recorded order", () => {
    let state = initialCampaignState();
    for (const event of history) {
      expect(E.isRight(decodeEvent(event))).toBe(true);
      expect(checkEvent(state, event)._tag).toBe("Right");
      state = replay([event], state);
    }
    expect(history).toHaveLength(2_345);
  });

  it("is the same for the same seed", () => {
    expect(generateHistory({ seed: 7, events: 500 })).toEqual(history.slice(0, 500));
  });
});

describe("S4–S7: Tenfold and its natural limit compute the same thing", () => {
  it("S4: the projection and the mutable fold give the same statistics", () => {
    for (const events of [1, 150, 2_001]) expect(measureStatistics("tenfold", events).check).toBe(measureStatistics("limit", events).check);
  });

  it("S5: every line is schema 2 without personal values and decodes to the event it was written from, its commitments opening", () => {
    const history = generateHistory({ seed: 3, events: 900 });
    const subjects = subjectsOfHistory(history);
    const envelopes = sealedEnvelopes(history, 0, history.length);
    let personal = 0;
    envelopes.forEach((envelope, i) => {
      const event = history[i] as CampaignEvent;
      const line = parseHistoryLine(toLine(envelope));
      const values = event.data as unknown as Record<string, unknown>;
      const withheld = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, k in (subjects[i] ?? {}) ? null : v]));
      expect(E.isRight(line) && line.right.event).toEqual({ type: event.type, data: withheld });
      expect(E.isRight(line) && line.right.envelope.hash).toBe(envelope.hash);
      expect(E.isRight(line) && line.right.envelope.schemaVersion).toBe(SCHEMA_VERSION);
      for (const [field, entry] of Object.entries(envelope.personal ?? {})) {
        expect(entry.subject).toBe(subjects[i]?.[field]?.subject);
        expect(opensCommitment(nodeSha256, entry.commitment ?? "", saltOf(i), values[field])).toBe(true);
        personal++;
      }
    });
    // Every kind of personal field appears: names, contact names, titles, summaries, resolutions, purposes.
    expect(new Set(envelopes.flatMap((e) => Object.keys(e.personal ?? {})))).toEqual(new Set(["name", "contactName", "title", "summary", "resolution", "purpose"]));
    expect(personal).toBeGreaterThan(100);
    expect(measureDecode("tenfold", 300).check).toBe(measureDecode("limit", 300).check);
  });

  it("S6: the verification and the bare SHA-256 chain agree, across chunks", () => {
    for (const [events, chunk] of [[1, 100], [700, 256]] as const) {
      const tenfold = measureVerify("tenfold", events, chunk);
      expect(tenfold.check).toMatch(new RegExp(`^${events} of ${events} verified, head [0-9a-f]{16}$`));
      expect(measureVerify("limit", events, chunk).check).toBe(tenfold.check);
    }
  });

  it("S7: every command of the history is accepted, and its time is split between the decider, the store and the rest", async () => {
    const sample = await measureCommands(400);
    expect(sample.check).toBe("400 recorded");
    const { decider, append, read, rest } = sample.split ?? { decider: 0, append: 0, read: 0, rest: 0 };
    for (const part of [decider, append, read]) expect(part).toBeGreaterThan(0);
    // The parts add up to the run's time per command (the rest is what is left of it).
    expect(decider + append + read + rest).toBeCloseTo(1e6 / sample.rate, 6);
    expect(eventToCommand(generateHistory({ seed: 1, events: 1 })[0]!).type).toBe("LaunchCampaign");
  });
});
