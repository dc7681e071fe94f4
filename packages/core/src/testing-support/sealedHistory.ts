/* Test support: histories sealed as a store seals them, written as export lines, and read back through the chain verifier. */
import * as E from "fp-ts/lib/Either.js";
import type { CampaignEvent } from "../events/catalog.js";
import { envelopeLine, sealedEnvelopeOf } from "../interchange/envelopeLine.js";
import { nodeSha256 } from "../node/index.js";
import type { ChainProblem } from "../seal/ChainProblem.js";
import { GENESIS_HASH, type StreamHead } from "../seal/seal.js";
import { verifyChain } from "../seal/verifyChain.js";
import { sealEvents } from "../seal/withSeal.js";
import { noMetadata, type RecordedEvent } from "../store/RecordedEvent.js";

export const STREAM = "tenfold-campaign-xining-2013";

/** Recorded, sealed events: event i gets a sequential id, an instant i minutes after the launch's morning, and `streamOf(i)`. */
export const sealHistory = (events: ReadonlyArray<CampaignEvent>, streamOf: (i: number) => string = () => STREAM): ReadonlyArray<RecordedEvent> => {
  const heads = new Map<string, { revision: bigint | null; hash: string }>();
  return events.map((event, i) => {
    const streamId = streamOf(i);
    const head = heads.get(streamId) ?? { revision: null, hash: GENESIS_HASH };
    const fresh = {
      ...event,
      eventId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
      schemaVersion: 1,
      recordedAt: new Date(Date.UTC(2013, 2, 1, 8) + i * 60_000).toISOString(),
      metadata: noMetadata,
    };
    const [sealed] = sealEvents(nodeSha256, streamId, head, [fresh]);
    const revision = head.revision === null ? 0n : head.revision + 1n;
    heads.set(streamId, { revision, hash: sealed!.hash! });
    return { ...sealed!, streamId, streamRevision: revision, position: BigInt(i) };
  });
};

/** The export lines of a history. */
export const exportLines = (events: ReadonlyArray<RecordedEvent>): ReadonlyArray<string> => events.map((e) => envelopeLine(e, "include"));

/** A problem found by reading lines: a chain problem, or a line that is not JSON or not a valid sealed line. */
export type LineProblem = { readonly line: number | null; readonly kind: string; readonly problem?: ChainProblem };

/** Reads lines as the CLI does: JSON, then the seal, then the chain; every problem with its line (1-based). */
export const verifyLines = (lines: ReadonlyArray<string>, heads?: ReadonlyArray<StreamHead>): { problems: ReadonlyArray<LineProblem>; heads: ReadonlyArray<StreamHead> } => {
  const verifier = verifyChain({ sha256: nodeSha256, ...(heads === undefined ? {} : { heads }) });
  const problems: LineProblem[] = [];
  const chain = (found: ReadonlyArray<ChainProblem>): void => {
    for (const p of found) problems.push({ line: p.line, kind: p._tag, problem: p });
  };
  lines.forEach((text, i) => {
    const line = i + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      verifier.unreadable(line);
      problems.push({ line, kind: "invalid JSON" });
      return;
    }
    const sealed = sealedEnvelopeOf(parsed);
    if (E.isLeft(sealed)) {
      verifier.unreadable(line);
      problems.push({ line, kind: "invalid seal" });
    } else if (sealed.right === null) chain(verifier.unsealed(line));
    else chain(verifier.sealed(line, sealed.right));
  });
  const summary = verifier.end();
  chain(summary.problems);
  return { problems, heads: summary.heads };
};
