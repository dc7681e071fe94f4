import { type NewEvent, exactRevision, noStream, readWholeStream } from "@tenfold/core";
import { GENESIS_HASH, sealEvents } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendEvents } from "./append.js";
import { toClientExpected } from "./arguments.js";
import { settingsOf } from "./options.js";
import { type Emulated, FAST, emulated } from "./testing-support/emulated.js";
import { newEvents } from "./testing-support/events.js";

/*
 * What an append returns, on the emulator: the events sent, with the revisions the server's answer
 * gives and the positions read back, when the stored batch ends with their seal; the events as
 * first stored when the server took the append as a repeat of an earlier one with other content.
 */

const right = <A>(either: E.Either<unknown, A>): A => {
  if (E.isLeft(either)) throw new Error(`expected Right, got ${JSON.stringify(either.left)}`);
  return either.right;
};

const sealed = (streamId: string, events: ReadonlyArray<NewEvent>): ReadonlyArray<NewEvent> => sealEvents(nodeSha256, streamId, { revision: null, hash: GENESIS_HASH }, events);

describe("appendEvents on the emulator", () => {
  let env: Emulated;
  beforeAll(async () => {
    env = await emulated(true);
  });
  afterAll(async () => {
    await env.dispose();
  });

  it("returns the events sent, at the revisions and positions the stream holds them", async () => {
    const settings = settingsOf({ ...FAST, namespace: "append-derived" });
    const events = sealed("s", newEvents(3));
    const appended = right(await appendEvents(env.client, settings, { streamId: "s", events, expected: noStream, clientExpected: toClientExpected(noStream) }));
    const stored = right(await readWholeStream(env.store({ namespace: "append-derived" }), "s")());
    expect(appended.nextExpectedRevision).toBe(2n);
    expect(appended.recorded.map((e) => [e.eventId, e.streamRevision, e.position, e.hash])).toEqual(stored.map((e) => [e.eventId, e.streamRevision, e.position, e.hash]));
    expect(appended.recorded).toEqual(events.map((e, i) => ({ ...e, streamId: "s", streamRevision: BigInt(i), position: stored[i]?.position })));
    expect(appended.recorded.every((e) => Object.isFrozen(e))).toBe(true);
  });

  it("returns the events as first stored when the server takes a batch of the same ids as a repeat, though their content differs", async () => {
    const settings = settingsOf({ ...FAST, namespace: "append-repeat" });
    const first = sealed("s", newEvents(2));
    right(await appendEvents(env.client, settings, { streamId: "s", events: first, expected: noStream, clientExpected: toClientExpected(noStream) }));
    // The same ids, recorded at another instant: another seal. The server answers as it did the first time.
    const again = sealed("s", first.map((e) => ({ ...e, recordedAt: "2031-01-01T00:00:00.000Z" })));
    expect(again.at(-1)?.hash).not.toBe(first.at(-1)?.hash);
    const repeated = right(await appendEvents(env.client, settings, { streamId: "s", events: again, expected: noStream, clientExpected: toClientExpected(noStream) }));
    expect(repeated.nextExpectedRevision).toBe(1n);
    expect(repeated.recorded.map((e) => [e.recordedAt, e.hash])).toEqual(first.map((e) => [e.recordedAt, e.hash]));
    expect(env.emulator.data.stream("tenfold-append-repeat:s")).toHaveLength(2);
  });

  it("keeps the stored head after the server takes an append as a repeat of other content, so the store's next append extends the stored chain", async () => {
    const store = env.store({ namespace: "append-chain" });
    const settings = settingsOf({ ...FAST, namespace: "append-chain" });
    const first = right(await store.append("s", newEvents(1), noStream)()); // the store now knows the head: revision 0
    const batch = newEvents(1);
    // Behind the store's back: the same ids at revision 1, recorded at another instant, so sealed otherwise.
    const head = { revision: 0n, hash: first.recorded[0]?.hash ?? "" };
    const behind = sealEvents(nodeSha256, "s", head, batch.map((e) => ({ ...e, recordedAt: "2031-01-01T00:00:00.000Z" })));
    right(await appendEvents(env.client, settings, { streamId: "s", events: behind, expected: exactRevision(0n), clientExpected: toClientExpected(exactRevision(0n)) }));
    // The store appends the same ids after the head it knows: the server answers it as a repeat.
    const repeated = right(await store.append("s", batch, exactRevision(0n))());
    expect(repeated.recorded.map((e) => [e.streamRevision, e.recordedAt, e.hash])).toEqual([[1n, "2031-01-01T00:00:00.000Z", behind[0]?.hash]]);
    const next = right(await store.append("s", newEvents(1), exactRevision(1n))());
    expect(next.recorded[0]?.previousHash).toBe(behind[0]?.hash);
  });
});
