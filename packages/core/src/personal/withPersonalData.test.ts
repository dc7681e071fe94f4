import * as E from "fp-ts/lib/Either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { describe, expect, it } from "vitest";
import { eventToCommand } from "../commands/convert.js";
import { createCommandHandler } from "../handler/CommandHandler.js";
import { sequentialIds, steppingClock } from "../handler/platform.js";
import { envelopeLine, sealedEnvelopeOf } from "../interchange/envelopeLine.js";
import { nodePersonalCipher, nodeSha256 } from "../node/index.js";
import { withSeal } from "../seal/withSeal.js";
import { verifyChain } from "../seal/verifyChain.js";
import type { RecordedEvent } from "../store/RecordedEvent.js";
import { campaignStreamId } from "../store/RecordedEvent.js";
import { readWholeStream } from "../store/reading.js";
import { CAMPAIGN, closedEvent, command, diary, enrolled, formed, launched, raised, resolved } from "../testing-support/events.js";
import { scriptedStore } from "../testing-support/scriptedStore.js";
import { commitPersonalValue } from "./commitment.js";
import { createMemoryKeyStore } from "./memoryKeyStore.js";
import type { SubjectKey, SubjectKeyStore } from "./SubjectKeyStore.js";
import { subjectRefKey } from "./SubjectKeyStore.js";
import { withPersonalData } from "./withPersonalData.js";

const STREAM = campaignStreamId(CAMPAIGN);
const MARKER = "Canary-Household-王小明-7f3a";

const run = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => {
  const r = await task();
  if (E.isLeft(r)) throw new Error(`expected right, got ${JSON.stringify(r.left, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`);
  return r.right;
};

/** A key store over a map the test can copy and restore, as a backup would. */
const mapKeyStore = (keys: Map<string, SubjectKey>): SubjectKeyStore => {
  const inner = createMemoryKeyStore(nodePersonalCipher);
  return {
    ...inner,
    keysFor: (refs) => async () => {
      const r = await inner.keysFor(refs.filter((ref) => !keys.has(subjectRefKey(ref))))();
      if (E.isLeft(r)) return r;
      for (const [k, v] of r.right) keys.set(k, v);
      return E.right(new Map(refs.map((ref) => [subjectRefKey(ref), keys.get(subjectRefKey(ref)) as SubjectKey])));
    },
    existingKeys: (refs) => () => Promise.resolve(E.right(new Map(refs.flatMap((ref) => (keys.has(subjectRefKey(ref)) ? [[subjectRefKey(ref), keys.get(subjectRefKey(ref)) as SubjectKey]] : []))))),
    destroy: (ref) => async () => {
      keys.delete(subjectRefKey(ref));
      return inner.destroy(ref)();
    },
  };
};

const setUp = (keys: SubjectKeyStore = createMemoryKeyStore(nodePersonalCipher)) => {
  const raw = scriptedStore();
  const store = withPersonalData(withSeal(raw, nodeSha256), { keys, cipher: nodePersonalCipher, sha256: nodeSha256 });
  const handler = createCommandHandler({ store, clock: steppingClock(new Date("2013-03-01T08:00:00Z")), ids: sequentialIds() });
  return { raw, store, handler, keys };
};

const history = [
  launched(),
  formed("g1"),
  enrolled("c1", "g1"),
  { type: "AssignmentMade", data: { campaignId: CAMPAIGN, groupId: "g1", contactId: "h1", contactKind: "poor-household", contactName: MARKER, assignedOn: "2013-03-04" } },
  raised("p1", "g1", "h1"),
  resolved("p1", ["c1"]),
] as const;

const record = async (handler: ReturnType<typeof setUp>["handler"]): Promise<void> => {
  for (const e of history) await run(handler.handle(eventToCommand(e as never)));
};

describe("withPersonalData", () => {
  it("stores only ciphertext of personal values, outside the seal, and reads them back", async () => {
    const { raw, store, handler } = setUp();
    await record(handler);
    const stored = JSON.stringify(raw.streams.get(STREAM), (_, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    expect(stored).not.toContain(MARKER);
    expect(stored).not.toContain(Buffer.from(MARKER).toString("base64"));
    const assignment = raw.streams.get(STREAM)?.[3] as RecordedEvent;
    expect(assignment.schemaVersion).toBe(2);
    expect((assignment.data as { contactName: unknown }).contactName).toBeNull();
    expect(assignment.personal?.["contactName"]?.subject).toBe("contact:h1");
    expect(assignment.personal?.["contactName"]?.encrypted?.algorithm).toBe("AES-256-GCM");

    const read = await run(readWholeStream(store, STREAM));
    const back = read[3] as RecordedEvent;
    expect((back.data as { contactName: unknown }).contactName).toBe(MARKER);
    const entry = back.personal?.["contactName"];
    expect(entry?.encrypted).toBeUndefined();
    expect(entry?.commitment).toBe(commitPersonalValue(nodeSha256, entry?.salt ?? "", MARKER));
    expect(back.erased).toBeUndefined();
    // The resolution's subject is the contact of the problem raised.
    expect(read[5]?.personal?.["resolution"]?.subject).toBe("contact:h1");
    expect(read[1]?.personal).toEqual({});
  });

  it("erases a subject: its values read as null in `erased`, every hash unchanged, the chain still verifies", async () => {
    const { store, handler } = setUp();
    await record(handler);
    const before = await run(readWholeStream(store, STREAM));
    await run(handler.handle(command("EraseSubject", { campaignId: CAMPAIGN, subject: "contact:h1", requestRef: "PIPL-2014-001", erasedOn: "2014-01-05" })));
    const after = await run(readWholeStream(store, STREAM));
    expect(after.slice(0, before.length).map((e) => e.hash)).toEqual(before.map((e) => e.hash));
    expect(after[3]?.erased).toEqual(["contactName"]);
    expect((after[3]?.data as { contactName: unknown }).contactName).toBeNull();
    expect(after[2]?.erased).toBeUndefined(); // the cadre is not erased
    const lines = [...before, ...after.slice(before.length)].map((e) => envelopeLine(e, "include"));
    const erasedLines = after.map((e) => envelopeLine(e, "include"));
    for (const text of [lines, erasedLines]) {
      const verifier = verifyChain({ sha256: nodeSha256 });
      const problems = text.flatMap((t, i) => {
        const sealed = sealedEnvelopeOf(JSON.parse(t));
        if (E.isLeft(sealed) || sealed.right === null) throw new Error(`line ${i + 1} is not sealed`);
        return verifier.sealed(i + 1, sealed.right);
      });
      expect([...problems, ...verifier.end().problems]).toEqual([]);
      expect(verifier.end().events).toBe(after.length);
    }
    expect(erasedLines.join("\n")).not.toContain(MARKER);
  });

  it("refuses a personal value of an erased subject, a second erasure, and accepts an erasure after the close", async () => {
    const { handler } = setUp();
    await record(handler);
    await run(handler.handle(eventToCommand(closedEvent())));
    await run(handler.handle(command("EraseSubject", { campaignId: CAMPAIGN, subject: "cadre:c1", requestRef: "REQ-1", erasedOn: "2014-01-05" })));
    const again = await handler.handle(command("EraseSubject", { campaignId: CAMPAIGN, subject: "cadre:c1", requestRef: "REQ-2", erasedOn: "2014-01-06" }))();
    expect(E.isLeft(again) && again.left._tag).toBe("SubjectAlreadyErased");
    const unknown = await handler.handle(command("EraseSubject", { campaignId: CAMPAIGN, subject: "cadre:nobody", requestRef: "REQ-3", erasedOn: "2014-01-06" }))();
    expect(E.isLeft(unknown) && unknown.left._tag).toBe("CadreNotEnrolled");
  });

  it("refuses new personal data of an erased subject", async () => {
    const { handler } = setUp();
    await record(handler);
    await run(handler.handle(command("EraseSubject", { campaignId: CAMPAIGN, subject: "cadre:c1", requestRef: "REQ-1", erasedOn: "2013-05-01" })));
    const written = await handler.handle(eventToCommand(diary("d1", "c1", null, "2013-05-02")))();
    expect(E.isLeft(written) && written.left).toEqual({ _tag: "PersonalDataOfErasedSubject", subject: "cadre:c1", field: "title", erasedOn: "2013-05-01" });
  });

  it("destroys again on open the keys of subjects the log says were erased (a key store restored from a backup)", async () => {
    const keys = new Map<string, SubjectKey>();
    const first = setUp(mapKeyStore(keys));
    await record(first.handler);
    const backup = new Map(keys);
    await run(first.handler.handle(command("EraseSubject", { campaignId: CAMPAIGN, subject: "contact:h1", requestRef: "REQ-1", erasedOn: "2014-01-05" })));
    // The restored key store holds the erased subject's key again; the same events.
    const restored = withPersonalData(withSeal(first.raw, nodeSha256), { keys: mapKeyStore(backup), cipher: nodePersonalCipher, sha256: nodeSha256 });
    expect(await run(restored.reconcileErasures())).toEqual([{ campaignId: CAMPAIGN, subject: "contact:h1" }]);
    expect(backup.has(`${CAMPAIGN}/contact:h1`)).toBe(false);
    const read = await run(readWholeStream(restored, STREAM));
    expect(read[3]?.erased).toEqual(["contactName"]);
  });

  it("reconciles before the first read that decrypts anything, when told to (a store that opens lazily)", async () => {
    const keys = new Map<string, SubjectKey>();
    const first = setUp(mapKeyStore(keys));
    await record(first.handler);
    const backup = new Map(keys);
    await run(first.handler.handle(command("EraseSubject", { campaignId: CAMPAIGN, subject: "contact:h1", requestRef: "REQ-1", erasedOn: "2014-01-05" })));
    const restored = withPersonalData(withSeal(first.raw, nodeSha256), { keys: mapKeyStore(backup), cipher: nodePersonalCipher, sha256: nodeSha256, reconcileOnFirstRead: true });
    const read = await run(readWholeStream(restored, STREAM));
    expect(read[3]?.erased).toEqual(["contactName"]);
    expect(read[2]?.erased).toBeUndefined();
    expect(backup.has(`${CAMPAIGN}/contact:h1`)).toBe(false);
  });

  it("reports a changed ciphertext as an invalid stored event, naming the field and not the value", async () => {
    const { raw, store, handler } = setUp();
    await record(handler);
    const events = raw.streams.get(STREAM) as RecordedEvent[];
    const victim = events[3] as RecordedEvent;
    const entry = victim.personal?.["contactName"];
    const body = Buffer.from(entry?.encrypted?.ciphertext ?? "", "base64");
    body[0] = (body[0] ?? 0) ^ 1;
    events[3] = { ...victim, personal: { contactName: { ...entry, subject: entry?.subject ?? "", commitment: entry?.commitment ?? "", encrypted: { algorithm: "AES-256-GCM", nonce: entry?.encrypted?.nonce ?? "", ciphertext: body.toString("base64") } } } };
    const read = await readWholeStream(store, STREAM)();
    expect(E.isLeft(read) && read.left._tag).toBe("InvalidStoredEvent");
    expect(JSON.stringify(E.isLeft(read) ? read.left : null, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(MARKER);
  });

  it("keeps an imported salt and commitment (the hash of an exported event is reproduced) and refuses one that does not open", async () => {
    const { store } = setUp();
    const salt = "0123456789abcdef0123456789abcdef";
    const base = { eventId: "00000000-0000-4000-8000-0000000000aa", schemaVersion: 2, recordedAt: "2013-03-01T08:00:00.000Z", metadata: { actor: null, correlationId: null, causationId: null } };
    const good = { ...base, ...enrolled("c1", "g1"), personal: { name: { subject: "cadre:c1", salt, commitment: commitPersonalValue(nodeSha256, salt, "Cadre c1") } } };
    expect(() => store.append("s", [{ ...good, personal: { name: { ...good.personal.name, commitment: "0".repeat(64) } } }] as never, { _tag: "NoStream" })).toThrow(/personal\.name\.commitment: the salt and the value do not open it/);
    const appended = await run(store.append("s", [good] as never, { _tag: "NoStream" }));
    expect(appended.recorded[0]?.personal?.["name"]).toEqual({ subject: "cadre:c1", commitment: good.personal.name.commitment, salt });
  });
});
