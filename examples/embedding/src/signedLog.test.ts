import "reflect-metadata";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RecordedEvent, campaignStreamId, createCommandHandler, decodeCommand, readWholeStream } from "@tenfold/core";
import {
  type Checkpoint,
  eventLeafHash,
  formatSignerKey,
  formatVerifierKey,
  merkleRoot,
  openCheckpoint,
  signerKeyOf,
  verifierOf,
  verifyCheckpointConsistency,
  verifyEventInclusion,
} from "@tenfold/core/audit";
import { nodeEd25519, nodeSha256Digest } from "@tenfold/core/node";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import { container } from "tsyringe";
import { afterEach, describe, expect, it } from "vitest";
import { readLogKey, startFromEnvironment } from "./environment.js";
import type { RunningService } from "./service.js";
import { enrollJson, formGroupJson, launchJson } from "./testing-support/commands.js";
import { getJson, postCommand, startTestService } from "./testing-support/service.js";

const PLATFORM = { sha256: nodeSha256Digest, ed25519: nodeEd25519 };
const LOG_KEY = signerKeyOf(PLATFORM, "xining.example.gov.cn/tenfold", "ed25519", new Uint8Array(32).fill(42));
const VKEY = verifierOf(LOG_KEY);
const ORIGIN = `xining.example.gov.cn/tenfold/${campaignStreamId("c-1")}`;

let service: RunningService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

const getText = async (path: string): Promise<{ status: number; type: string | null; text: string }> => {
  const response = await fetch(`${(service as RunningService).url}${path}`);
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
};

const post = async (body: ReturnType<typeof launchJson>): Promise<void> => {
  expect((await postCommand(service as RunningService, "c-1", body)).status).toBe(201);
};

const storedEvents = async (store: ReturnType<typeof createMemoryEventStore>): Promise<ReadonlyArray<RecordedEvent>> => {
  const read = await readWholeStream(store, campaignStreamId("c-1"))();
  if (E.isLeft(read)) throw new Error("the store could not be read");
  return read.right;
};

const openedCheckpoint = (note: string): Checkpoint => {
  const opened = openCheckpoint(nodeEd25519, note, VKEY, ORIGIN);
  if (E.isLeft(opened)) throw new Error(`the checkpoint does not open: ${JSON.stringify(opened.left)}`);
  return opened.right.checkpoint;
};

describe("the service's signed log", () => {
  it("publishes the campaign's signed checkpoint, its root the Merkle root of the stored events, this service's writes applied", async () => {
    const store = createMemoryEventStore();
    service = await startTestService({ store, logKey: LOG_KEY });
    await post(launchJson("c-1"));
    await post(formGroupJson("c-1", "g1"));
    const first = await getText("/campaigns/c-1/checkpoint");
    expect([first.status, first.type]).toEqual([200, "text/plain; charset=utf-8"]);
    const events = await storedEvents(store);
    expect(openedCheckpoint(first.text)).toEqual({ origin: ORIGIN, size: 2, root: merkleRoot(nodeSha256Digest, events.map((event) => eventLeafHash(nodeSha256Digest, event))) });
    expect((await getText("/campaigns/c-1/checkpoint")).text).toBe(first.text);
    await post(enrollJson("c-1", "k1", "g1"));
    expect(openedCheckpoint((await getText("/campaigns/c-1/checkpoint")).text).size).toBe(3);
  });

  it("serves every event's inclusion proof, which verifies offline against the stored event", async () => {
    const store = createMemoryEventStore();
    service = await startTestService({ store, logKey: LOG_KEY });
    await post(launchJson("c-1"));
    for (const group of ["g1", "g2", "g3", "g4"]) await post(formGroupJson("c-1", group));
    const events = await storedEvents(store);
    for (const event of events) {
      const proof = await getText(`/campaigns/c-1/events/${event.streamRevision}/proof`);
      expect(proof.text.startsWith(`c2sp.org/tlog-proof@v1\nindex ${event.streamRevision}\n`)).toBe(true);
      const verified = verifyEventInclusion(PLATFORM, proof.text, event, VKEY);
      expect(E.isRight(verified) && verified.right.checkpoint.size).toBe(5);
      const other = events[(Number(event.streamRevision) + 1) % events.length] as RecordedEvent;
      expect(E.isLeft(verifyEventInclusion(PLATFORM, proof.text, other, VKEY))).toBe(true);
    }
  });

  it("serves the consistency proof from a checkpoint held to the current one, and from size 0", async () => {
    service = await startTestService({ logKey: LOG_KEY });
    await post(launchJson("c-1"));
    await post(formGroupJson("c-1", "g1"));
    const held = openedCheckpoint((await getText("/campaigns/c-1/checkpoint")).text);
    for (const group of ["g2", "g3", "g4"]) await post(formGroupJson("c-1", group));
    const proof = await getText(`/campaigns/c-1/consistency?old=${held.size}`);
    expect(proof.status).toBe(200);
    const extended = verifyCheckpointConsistency(PLATFORM, held, proof.text, VKEY);
    expect(E.isRight(extended) && extended.right.checkpoint.size).toBe(5);
    const fromNothing = await getText("/campaigns/c-1/consistency?old=0");
    expect(fromNothing.text.startsWith("old 0\n\n")).toBe(true);
    const same = await getText("/campaigns/c-1/consistency?old=5");
    expect(same.text.startsWith("old 5\n\n")).toBe(true);
  });

  it("catches up with the events the store held before it started", async () => {
    const store = createMemoryEventStore();
    const handler = createCommandHandler({ store });
    for (const json of [launchJson("c-1"), formGroupJson("c-1", "g1"), formGroupJson("c-1", "g2")]) {
      const command = decodeCommand(json);
      if (E.isRight(command)) await handler.handle(command.right)();
    }
    service = await startTestService({ store, logKey: LOG_KEY });
    expect(openedCheckpoint((await getText("/campaigns/c-1/checkpoint")).text).size).toBe(3);
  });

  it("refuses what it cannot answer, saying which part of the request is wrong", async () => {
    service = await startTestService({ logKey: LOG_KEY });
    await post(launchJson("c-1"));
    const json = (path: string) => getJson(service as RunningService, path);
    for (const revision of ["x", "01", "-1", "1.5", "99999999999999999"]) {
      expect(await json(`/campaigns/c-1/events/${revision}/proof`), revision).toMatchObject({ status: 400, body: { error: "invalid revision", issues: [{ path: "revision" }] } });
    }
    expect(await json("/campaigns/c-1/events/1/proof")).toMatchObject({ status: 404, body: { error: "event not found", campaignId: "c-1", revision: 1 } });
    for (const old of ["", "?old=", "?old=abc", "?old=2"]) {
      expect(await json(`/campaigns/c-1/consistency${old}`), old).toMatchObject({ status: 400, body: { error: "invalid old", issues: [{ path: "old" }] } });
    }
    expect(await json("/campaigns/nobody/checkpoint")).toMatchObject({ status: 404, body: { error: "campaign not found", campaignId: "nobody" } });
    expect((await json("/campaigns/c!1/checkpoint")).status).toBe(400);
    const posted = await fetch(`${service.url}/campaigns/c-1/checkpoint`, { method: "POST" });
    expect([posted.status, posted.headers.get("allow")]).toEqual([405, "GET"]);
  });

  it("answers 404 on the signed log's routes when started without the log's key", async () => {
    service = await startTestService();
    await post(launchJson("c-1"));
    for (const path of ["/campaigns/c-1/checkpoint", "/campaigns/c-1/events/0/proof", "/campaigns/c-1/consistency?old=0"]) {
      expect(await getJson(service, path)).toMatchObject({ status: 404, body: { error: "no signed log" } });
    }
  });
});

describe("the log's key from the environment", () => {
  it("reads TENFOLD_LOG_KEY_FILE, logs the verifier key, and signs with it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tenfold-log-key-"));
    try {
      const file = join(dir, "log.key");
      await writeFile(file, `${formatSignerKey(LOG_KEY)}\n`, { mode: 0o600 });
      const lines: string[] = [];
      const started = await startFromEnvironment({ PORT: "0", TENFOLD_LOG_KEY_FILE: file }, container.createChildContainer(), (line) => lines.push(line));
      if (E.isLeft(started)) throw new Error(started.left);
      service = started.right;
      expect(lines).toEqual(["event store: in memory", "key store: in memory", "erasures: reconciled (no key of an erased subject was found)", `signed log: checkpoints signed by ${formatVerifierKey(VKEY)}`]);
      await post(launchJson("c-1"));
      expect(openedCheckpoint((await getText("/campaigns/c-1/checkpoint")).text).size).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a missing file, a file that is not a signer key and a witness's key, never quoting the key", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tenfold-log-key-"));
    try {
      expect(await readLogKey(join(dir, "none.key"))).toEqual(E.left(`TENFOLD_LOG_KEY_FILE (${join(dir, "none.key")}): cannot be read (no such file)`));
      const verifier = join(dir, "log.vkey");
      await writeFile(verifier, formatVerifierKey(VKEY));
      expect(await readLogKey(verifier)).toEqual(E.left(`TENFOLD_LOG_KEY_FILE (${verifier}): not a signer key: malformed key: a signer key starts with PRIVATE+KEY+`));
      const witness = signerKeyOf(PLATFORM, "witness.example", "cosignature", new Uint8Array(32).fill(9));
      const witnessFile = join(dir, "witness.key");
      await writeFile(witnessFile, formatSignerKey(witness));
      const refused = await readLogKey(witnessFile);
      expect(E.isLeft(refused) && refused.left).toMatch(/"witness.example" is a witness's cosigner key/);
      const corrupt = join(dir, "corrupt.key");
      const text = formatSignerKey(LOG_KEY);
      await writeFile(corrupt, `${text.slice(0, -4)}AAA=`);
      const bad = await readLogKey(corrupt);
      expect(E.isLeft(bad) && bad.left).toMatch(/^TENFOLD_LOG_KEY_FILE \(.*\): not a signer key: malformed key: /);
      expect(E.isLeft(bad) && bad.left).not.toContain(text.split("+").at(-1)?.slice(0, 12));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
