import type { SealedEnvelope } from "../interchange/envelopeLine.js";
import type { ChainProblem } from "./ChainProblem.js";
import type { ChainLink, ChainSummary, ChainVerifier, ChainVerifierOptions } from "./ChainVerifier.js";
import { GENESIS_HASH, sealedText } from "./seal.js";

// model

interface Entry {
  readonly line: number;
  readonly revision: bigint;
  readonly previousHash: string;
  readonly hash: string;
  /** The hash recomputed from the content; equal to `hash` when intact. */
  readonly recomputed: string;
}

interface Stream {
  readonly id: string;
  next: bigint;
  /** Hashes the next revision may link to: the last one's stated hash, and its recomputed one if they differ. */
  links: ReadonlyArray<string>;
  last: Entry | null;
  /** Events that came before a revision they follow. */
  readonly early: Map<bigint, Entry>;
  /** A late event claiming a placed revision with other content: judged by what the next revision links to. */
  contender: Entry | null;
  /** The stream's events among the `window` placed last in any stream, by revision ({@link revisionKey}): for duplicates. */
  readonly recent: Map<number | bigint, Placed>;
}

/** What is remembered of a placed event. */
interface Placed {
  readonly hash: string;
  readonly line: number;
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** A revision as a map key: a number where it is exact (a small integer key hashes fast), else the bigint. */
const revisionKey = (revision: bigint): number | bigint => (revision <= MAX_EXACT ? Number(revision) : revision);

// constructors

/**
 * A chain verifier: for each stream, every hash is recomputed and every link checked, and each
 * fault is classified (tampered, deleted, inserted, duplicated, reordered; truncated against
 * `heads`). Memory is bounded by `window` and the number of streams, never by their length.
 * Law: a history sealed by `withSeal` (or `sealEvents`) and fed in order has no problem.
 */
export const verifyChain = ({ sha256, heads = [], window = 2048, onSealedText }: ChainVerifierOptions): ChainVerifier => {
  if (!Number.isSafeInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
  const streams = new Map<string, Stream>();
  const published = new Map(heads.map((h) => [h.streamId, h]));
  /**
   * Recently placed events, for duplicates: at most `window` over all streams, the first placed
   * forgotten first (placing a revision again changes what is remembered, not when it is
   * forgotten). Each stream keeps its own by revision, and this ring says which to forget: no key
   * is built of the stream id and the revision on every event.
   */
  const ringStreams = new Array<Stream | undefined>(window).fill(undefined);
  const ringKeys = new Array<number | bigint>(window).fill(0);
  let oldest = 0;
  let remembered = 0;
  const remember = (s: Stream, revision: bigint, placed: Placed): void => {
    const key = revisionKey(revision);
    if (s.recent.has(key)) {
      s.recent.set(key, placed);
      return;
    }
    if (remembered === window) ringStreams[oldest]?.recent.delete(ringKeys[oldest] as number | bigint);
    else remembered++;
    ringStreams[oldest] = s;
    ringKeys[oldest] = key;
    oldest = (oldest + 1) % window;
    s.recent.set(key, placed);
  };
  /** Lines not fed as sealed (unreadable, or unsealed in a sealed history): a gap over them was reported already. */
  const skipped: number[] = [];
  let sealedMode: { readonly sealed: boolean; readonly line: number } | null = null;
  let strayReported = false;
  let events = 0;

  const streamOf = (id: string): Stream => {
    const known = streams.get(id);
    if (known !== undefined) return known;
    const created: Stream = { id, next: 0n, links: [GENESIS_HASH], last: null, early: new Map(), contender: null, recent: new Map() };
    streams.set(id, created);
    return created;
  };
  const skip = (line: number): void => {
    skipped.push(line);
    if (skipped.length > window) skipped.shift();
  };
  const skippedBetween = (after: number, before: number): number => skipped.filter((l) => l > after && l < before).length;

  const inserted = (s: Stream, e: Entry, otherLine: number | null): ChainProblem => ({ _tag: "Inserted", line: e.line, streamId: s.id, revision: e.revision, otherLine });

  /** Judges a pending contender now that `e` (the next revision) shows which event the chain goes on from. */
  const settleContender = (s: Stream, e: Entry, out: ChainProblem[]): boolean => {
    const c = s.contender;
    if (c === null) return false;
    s.contender = null;
    const viaContender = c.revision + 1n === e.revision && (e.previousHash === c.hash || e.previousHash === c.recomputed);
    if (viaContender && s.last !== null && !s.links.includes(e.previousHash)) {
      out.push(inserted(s, s.last, c.line));
      return true;
    }
    out.push(inserted(s, c, s.last?.line ?? null));
    return false;
  };

  const place = (s: Stream, e: Entry, out: ChainProblem[]): void => {
    const relinked = settleContender(s, e, out);
    const intact = e.hash === e.recomputed;
    if (!relinked && intact && !s.links.includes(e.previousHash)) {
      out.push({ _tag: "Tampered", line: e.line, streamId: s.id, revision: e.revision, evidence: "link", otherLine: s.last?.line ?? null });
    }
    s.next = e.revision + 1n;
    s.links = intact ? [e.hash] : [e.hash, e.recomputed];
    s.last = e;
    remember(s, e.revision, { hash: e.hash, line: e.line });
    const head = published.get(s.id);
    if (head !== undefined && head.revision === e.revision && !s.links.includes(head.hash)) {
      out.push({ _tag: "Tampered", line: e.line, streamId: s.id, revision: e.revision, evidence: "head", otherLine: null });
    }
  };

  const drain = (s: Stream, out: ChainProblem[]): void => {
    for (let e = s.early.get(s.next); e !== undefined; e = s.early.get(s.next)) {
      s.early.delete(e.revision);
      place(s, e, out);
    }
  };

  /** Gives up waiting for the revisions before the earliest held event: they are deleted. */
  const closeGap = (s: Stream, out: ChainProblem[]): void => {
    let first: Entry | undefined;
    for (const e of s.early.values()) if (first === undefined || e.revision < first.revision) first = e;
    if (first === undefined) return;
    const missing = Number(first.revision - s.next);
    if (skippedBetween(s.last?.line ?? 0, first.line) < missing) {
      out.push({ _tag: "Deleted", line: first.line, streamId: s.id, from: s.next, to: first.revision - 1n });
    }
    s.early.delete(first.revision);
    s.links = [first.previousHash];
    place(s, first, out);
    drain(s, out);
  };

  const late = (s: Stream, e: Entry, out: ChainProblem[]): void => {
    const known = s.recent.get(revisionKey(e.revision));
    if (known === undefined) out.push({ _tag: "Duplicated", line: e.line, streamId: s.id, revision: e.revision, firstLine: null });
    else if (known.hash === e.hash) out.push({ _tag: "Duplicated", line: e.line, streamId: s.id, revision: e.revision, firstLine: known.line });
    else {
      if (s.contender !== null) out.push(inserted(s, s.contender, known.line));
      s.contender = e;
    }
  };

  /** Whether a sealed line comes where the history is sealed; the first stray seal in an unsealed one is a problem. */
  const strayProblems = (line: number): ReadonlyArray<ChainProblem> | null => {
    if (sealedMode === null) sealedMode = { sealed: true, line };
    if (sealedMode.sealed) return null;
    if (strayReported) return [];
    strayReported = true;
    return [{ _tag: "StraySeal", line, unsealedLine: sealedMode.line }];
  };

  const hashed = (line: number, link: ChainLink, recomputed: string): ReadonlyArray<ChainProblem> => {
    const stray = strayProblems(line);
    if (stray !== null) return stray;
    events++;
    const out: ChainProblem[] = [];
    const e: Entry = { line, revision: BigInt(link.streamRevision), previousHash: link.previousHash, hash: link.hash, recomputed };
    const s = streamOf(link.streamId);
    if (recomputed !== link.hash) out.push({ _tag: "Tampered", line, streamId: s.id, revision: e.revision, evidence: "hash", otherLine: null });
    if (e.revision === s.next) {
      let firstEarly: Entry | undefined;
      for (const held of s.early.values()) if (firstEarly === undefined || held.line < firstEarly.line) firstEarly = held;
      if (firstEarly !== undefined) {
        out.push({ _tag: "Reordered", line, streamId: s.id, revision: e.revision, afterRevision: firstEarly.revision, afterLine: firstEarly.line });
      }
      place(s, e, out);
      drain(s, out);
    } else if (e.revision > s.next) {
      const held = s.early.get(e.revision);
      if (held === undefined) {
        s.early.set(e.revision, e);
        if (s.early.size > window) closeGap(s, out);
      } else if (held.hash === e.hash) out.push({ _tag: "Duplicated", line, streamId: s.id, revision: e.revision, firstLine: held.line });
      else out.push(inserted(s, e, null));
    } else late(s, e, out);
    return out;
  };

  const sealed = (line: number, envelope: SealedEnvelope): ReadonlyArray<ChainProblem> => {
    // hashEnvelope, with the sealed text kept for the observer.
    const text = sealedText(envelope);
    onSealedText?.(line, envelope, text);
    if (sealedMode !== null && !sealedMode.sealed) return hashed(line, envelope, "");
    return hashed(line, envelope, sha256.hex(`${envelope.previousHash}\n${text}`));
  };

  const unsealed = (line: number): ReadonlyArray<ChainProblem> => {
    if (sealedMode === null) sealedMode = { sealed: false, line };
    if (!sealedMode.sealed) return [];
    skip(line);
    return [{ _tag: "Unsealed", line, sealedLine: sealedMode.line }];
  };

  const end = (): ChainSummary => {
    const out: ChainProblem[] = [];
    for (const s of streams.values()) {
      while (s.early.size > 0) closeGap(s, out);
      if (s.contender !== null) out.push(inserted(s, s.contender, s.last?.line ?? null));
      s.contender = null;
    }
    for (const head of published.values()) {
      const last = streams.get(head.streamId)?.last ?? null;
      const missing = head.revision - (last?.revision ?? -1n);
      // Lines after the stream's last event that could not be read were reported already.
      if (missing > 0n && BigInt(skippedBetween(last?.line ?? 0, Infinity)) < missing) {
        out.push({ _tag: "Truncated", line: last?.line ?? null, streamId: head.streamId, lastRevision: last?.revision ?? null, headRevision: head.revision });
      }
    }
    const ids = [...streams.keys()].sort();
    const finalHeads = ids.flatMap((id) => {
      const last = streams.get(id)?.last;
      return last === undefined || last === null ? [] : [{ streamId: id, revision: last.revision, hash: last.hash }];
    });
    return { problems: out, heads: finalHeads, events, sealed: sealedMode?.sealed ?? null };
  };

  return { sealed, hashed, unsealed, unreadable: skip, end };
};
