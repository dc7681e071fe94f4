import { readWholeLog, readWholeStream, sequentialIds, steppingClock } from "@tenfold/core";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { importHistory } from "./importHistory.js";
import type { LineItem } from "./ndjson.js";
import { MINI_HISTORY, MINI_HISTORY_WITH_ENVELOPES, runCli } from "./testing-support/harness.js";

const items = async function* (texts: ReadonlyArray<string>): AsyncGenerator<LineItem> {
  for (const [i, text] of texts.entries()) yield await Promise.resolve({ _tag: "Line", number: i + 1, text } as const);
};

describe("importHistory", () => {
  it("appends in batches of 500: a bad line stops the import before its batch, and the failure says which lines are in the store", async () => {
    const generated = await runCli("generate", "--seed", "3", "--events", "800");
    const lines = generated.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(800);
    const broken = lines.map((text, i) => (i === 699 ? '{"type":"NoSuchEvent","data":{}}' : text));
    const store = createMemoryEventStore();
    const deps = { store, clock: steppingClock(new Date("2030-01-01T00:00:00Z")), ids: sequentialIds() };
    const imported = await importHistory("h.ndjson", items(broken), deps)();
    expect(E.isLeft(imported) && imported.left._tag === "Failure" && imported.left.lines.slice(1)).toEqual([
      'The import stops at the first bad line: lines 1–500 were imported (500 events, in the store now), lines 501–700 were not. "tenfold verify --input h.ndjson" lists every problem.',
    ]);
    expect(E.isLeft(imported) && imported.left._tag === "Failure" && imported.left.lines[0]).toMatch(/^h\.ndjson:700: /);
    const events = await readWholeLog(store)();
    expect(E.isRight(events) && events.right.length).toBe(500);
  });

  it("appends every line to the campaign's stream, in order, with expected revisions", async () => {
    const store = createMemoryEventStore();
    const deps = { store, clock: steppingClock(new Date("2030-01-01T00:00:00Z")), ids: sequentialIds() };
    const imported = await importHistory("h.ndjson", items(MINI_HISTORY_WITH_ENVELOPES), deps)();
    expect(imported).toEqual(E.right({ campaignId: "c1", streamId: "tenfold-campaign-c1", lines: 19 }));
    const events = await readWholeStream(store, "tenfold-campaign-c1")();
    if (E.isLeft(events)) throw new Error("read failed");
    expect(events.right.map((e) => e.streamRevision)).toEqual(MINI_HISTORY.map((_, i) => BigInt(i)));
    expect(events.right.map((e) => e.type)).toEqual(MINI_HISTORY.map((text) => (JSON.parse(text) as { type: string }).type));
  });

  it("takes eventId, recordedAt and metadata from the envelope when given, else from the ids, the clock and empty metadata", async () => {
    const store = createMemoryEventStore();
    const deps = { store, clock: steppingClock(new Date("2030-01-01T00:00:00Z")), ids: sequentialIds() };
    await importHistory("h.ndjson", items(MINI_HISTORY_WITH_ENVELOPES), deps)();
    const events = await readWholeStream(store, "tenfold-campaign-c1")();
    if (E.isLeft(events)) throw new Error("read failed");
    const [first] = events.right;
    const last = events.right.at(-1);
    expect(first).toMatchObject({
      eventId: "00000000-0000-4000-8000-aaaaaaaaaaa1",
      recordedAt: "2013-08-01T09:00:00.000Z",
      metadata: { actor: "auditor", correlationId: null, causationId: null },
      schemaVersion: 2,
    });
    expect(last).toMatchObject({
      type: "CampaignClosed",
      eventId: "00000000-0000-4000-8000-000000000001",
      recordedAt: "2030-01-01T00:00:00.000Z",
      metadata: { actor: null, correlationId: null, causationId: null },
    });
  });

  it("refuses an event id given before, whether a line gave it or the import did, and appends nothing", async () => {
    const deps = () => ({ store: createMemoryEventStore(), clock: steppingClock(new Date("2030-01-01T00:00:00Z")), ids: sequentialIds() });
    const withId = (text: string, eventId: string): string => JSON.stringify({ ...(JSON.parse(text) as object), eventId });
    const given = "00000000-0000-4000-8000-0000000000aa";
    const twice = [withId(MINI_HISTORY[0] as string, given), MINI_HISTORY[1] as string, withId(MINI_HISTORY[2] as string, given)];
    const first = deps();
    const refused = await importHistory("h.ndjson", items(twice), first)();
    expect(E.isLeft(refused) && refused.left._tag === "Failure" && refused.left.lines[0]).toBe(`h.ndjson:3: eventId: "${given}" is already the id of line 1`);
    // The bare first line gets the ids' first id; a later line may not give it.
    const second = deps();
    const generated = sequentialIds().eventId();
    const refusedAgain = await importHistory("h.ndjson", items([MINI_HISTORY[0] as string, withId(MINI_HISTORY[1] as string, generated)]), second)();
    expect(E.isLeft(refusedAgain) && refusedAgain.left._tag === "Failure" && refusedAgain.left.lines[0]).toBe(`h.ndjson:2: eventId: "${generated}" is already the id of line 1`);
    for (const { store } of [first, second]) expect(await readWholeLog(store)()).toEqual(E.right([]));
  });

  it("reports a read failure as a file error", async () => {
    const failing = async function* (): AsyncGenerator<LineItem> {
      yield await Promise.resolve({ _tag: "ReadFailed", reason: "input/output error" } as const);
    };
    const deps = { store: createMemoryEventStore(), clock: steppingClock(new Date()), ids: sequentialIds() };
    expect(await importHistory("h.ndjson", failing(), deps)()).toEqual(
      E.left({ _tag: "FileError", file: "h.ndjson", reason: "input/output error" }),
    );
  });
});
