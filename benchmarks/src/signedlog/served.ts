import "reflect-metadata";
import { Agent, get } from "node:http";
import { campaignStreamId, describeStoreError, expectRevision, noMetadata, sequentialIds } from "@tenfold/core";
import { consistencyPath, emptyMerkleTree, eventLeafHash, formatInclusionProof, inclusionPath, type MerkleTree, signerKeyOf, verifyEventInclusion, verifierOf } from "@tenfold/core/audit";
import { nodeEd25519, nodeSha256Digest } from "@tenfold/core/node";
import { startService } from "@tenfold/example-embedding";
import { createMemoryEventStore } from "@tenfold/store-memory";
import * as E from "fp-ts/lib/Either.js";
import { container } from "tsyringe";
import type { TaskResult } from "../harness/config.js";
import { collectGarbage, median, prng } from "../harness/measure.js";
import { makeBatches, tenfoldEnvelopes } from "../stores/workload.js";

/*
 * S11, the example service's side: one campaign of `events` events in the memory store, the
 * service started with the log's key, and the time until its log tree has caught up (the
 * subscription runner folding logTreeProjection); then proofs of random revisions, computed in
 * the process from the tree (inclusionPath and the tlog-proof text) and fetched over HTTP (GET
 * /campaigns/:id/events/:revision/proof, node:http on one keep-alive connection, one request at a time), and
 * the bytes the tree holds per event. Every fetched proof is verified against its event (outside
 * the time); the first 100 requests warm up and are not timed.
 */

const PLATFORM = { sha256: nodeSha256Digest, ed25519: nodeEd25519 };
const LOG_KEY = signerKeyOf(PLATFORM, "bench.example/tenfold", "ed25519", new Uint8Array(32).fill(11));

/** GETs a path on one keep-alive connection: status and body. */
const getText = (agent: Agent, url: string): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    }).on("error", reject);
  });

const percentile = (sorted: ReadonlyArray<number>, p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

/** Fills a memory store with one campaign's events (schema 2, as the handler writes them), sealed by the store, in appends of 1,000. */
const filledStore = async (events: number) => {
  const store = createMemoryEventStore();
  const ids = sequentialIds();
  const streamId = campaignStreamId("c0");
  let last: bigint | null = null;
  const recordedAt = "2013-03-10T08:00:00.000Z";
  for (const batch of makeBatches({ streams: 1, appends: Math.ceil(events / 1000), batch: 1000 })) {
    const appended = await store.append(streamId, tenfoldEnvelopes(batch.events, recordedAt, noMetadata, ids), expectRevision(last))();
    if (E.isLeft(appended)) throw new Error(describeStoreError(appended.left));
    last = appended.right.nextExpectedRevision;
  }
  return { store, streamId, size: Number(last ?? -1n) + 1 };
};

/** Values: `tree.seconds` (catch-up), `tree.bytesPerEvent`, `proof.computeUs` (median), `proof.httpUs` (median) and `proof.httpP99Us`. */
export const measureProofServing = async (events: number, requests: number): Promise<TaskResult> => {
  const { store, streamId, size } = await filledStore(events);
  const random = prng(20261203);
  const revisions = Array.from({ length: requests }, () => Math.floor(random() * size));

  // The tree alone, to weigh it: array buffers before and after.
  collectGarbage();
  const before = process.memoryUsage().arrayBuffers;
  let tree: MerkleTree = emptyMerkleTree(nodeSha256Digest);
  const all = await store.readStream(streamId, { fromRevision: 0n, maxCount: size })();
  if (E.isLeft(all)) throw new Error(describeStoreError(all.left));
  for (const event of all.right.events) tree = tree.append(eventLeafHash(nodeSha256Digest, event));
  collectGarbage();
  const bytesPerEvent = (process.memoryUsage().arrayBuffers - before) / size;

  const computeUs = revisions.map((revision) => {
    const start = process.hrtime.bigint();
    formatInclusionProof({ index: revision, path: inclusionPath(tree.rangeRoot, revision, size), checkpoint: "" });
    consistencyPath(tree.rangeRoot, revision, size);
    return Number(process.hrtime.bigint() - start) / 1000;
  });

  const started = process.hrtime.bigint();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const service = await startService({ container: container.createChildContainer(), store, logKey: LOG_KEY, port: 0, onDefect: () => undefined });
  try {
    // The first checkpoint answers once the log tree has caught up.
    const first = await fetch(`${service.url}/campaigns/c0/checkpoint`);
    if (first.status !== 200) throw new Error(`GET checkpoint answered ${first.status}: ${await first.text()}`);
    await first.text();
    const caughtUp = Number(process.hrtime.bigint() - started) / 1e9;
    // Warm-up: the first requests compile the route, the endpoint and the client.
    for (const revision of revisions.slice(0, 100)) await getText(agent, `${service.url}/campaigns/c0/events/${revision}/proof`);
    const httpUs: number[] = [];
    for (const revision of revisions) {
      const start = process.hrtime.bigint();
      const response = await getText(agent, `${service.url}/campaigns/c0/events/${revision}/proof`);
      const { text } = response;
      httpUs.push(Number(process.hrtime.bigint() - start) / 1000);
      const event = all.right.events[revision];
      if (response.status !== 200 || event === undefined || E.isLeft(verifyEventInclusion(PLATFORM, text, event, verifierOf(LOG_KEY)))) {
        throw new Error(`the proof of revision ${revision} (${response.status}) does not verify`);
      }
    }
    const sorted = [...httpUs].sort((a, b) => a - b);
    return {
      ok: true,
      values: { "tree.seconds": caughtUp, "tree.bytesPerEvent": bytesPerEvent, "proof.computeUs": median(computeUs), "proof.httpUs": median(httpUs), "proof.httpP99Us": percentile(sorted, 0.99) },
      check: `${size} events; ${requests} proofs fetched, each verified against its event`,
    };
  } finally {
    agent.destroy();
    await service.close();
  }
};
