import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { formed } from "../testing-support/events.js";
import { scriptedStore } from "../testing-support/scriptedStore.js";
import { anyRevision } from "./ExpectedRevision.js";
import { readAllPages, readStreamPages } from "./pages.js";
import { noMetadata } from "./RecordedEvent.js";
import { readWholeLog } from "./reading.js";
import { storeUnavailable } from "./StoreError.js";

const seeded = () => {
  const store = scriptedStore();
  for (let i = 0; i < 25; i++) {
    const stream = i % 2 === 0 ? "a" : "b";
    store.writeDirectly(stream, [{ ...formed(`g${i}`), eventId: `e${i}`, schemaVersion: 1, recordedAt: "2013-03-02T00:00:00.000Z", metadata: noMetadata }], anyRevision);
  }
  return store;
};

const collect = async <A>(pages: AsyncIterable<E.Either<unknown, ReadonlyArray<A>>>): Promise<Array<ReadonlyArray<A> | "failed">> => {
  const out: Array<ReadonlyArray<A> | "failed"> = [];
  for await (const page of pages) out.push(E.isLeft(page) ? "failed" : page.right);
  return out;
};

describe("paged reading", () => {
  it("reads a stream page by page from a revision", async () => {
    const pages = await collect(readStreamPages(seeded(), "a", { pageSize: 5, fromRevision: 2n }));
    expect(pages.map((p) => (p === "failed" ? p : p.map((e) => e.streamRevision)))).toEqual([[2n, 3n, 4n, 5n, 6n], [7n, 8n, 9n, 10n, 11n], [12n]]);
  });

  it("reads all events in global order after a checkpoint, page by page", async () => {
    const store = seeded();
    const pages = await collect(readAllPages(store, { pageSize: 10, after: 4n }));
    expect(pages.map((p) => (p === "failed" ? p : p.length))).toEqual([10, 10]);
    expect(pages.flat().map((e) => (e === "failed" ? e : e.position))).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(i + 5)));
    expect(E.map((all: ReadonlyArray<{ eventId: string }>) => all.map((e) => e.eventId))(await readWholeLog(store, 7)())).toEqual(
      E.right(Array.from({ length: 25 }, (_, i) => `e${i}`)),
    );
  });

  it("ends with the failure when a page cannot be read", async () => {
    const store = seeded();
    const failing = { ...store, readStream: () => () => Promise.resolve(E.left(storeUnavailable("down"))) };
    expect(await collect(readStreamPages(failing, "a"))).toEqual(["failed"]);
  });
});
