import type { HistoryLine } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import { lineBytesAsRead } from "./lineBatches.js";
import { type PreparedLine, type PreparedSeal, readAgain, type SealedLink } from "./preparedLine.js";

/*
 * How a worker sends a batch of prepared lines: JSON text of tuples instead of objects, without
 * what the reading thread can tell itself. Lines of a batch are numbered from its first one; a
 * seal's `previousHash` that is the hash of the line before, and a `streamId` that is the line
 * before's, are left out. A sealed line of an export is about 90 characters instead of 330: less
 * to write, copy and parse on the thread everything goes through. A decoded line that is exactly
 * its own JSON (its `ownText`) is sent as that text instead: writing a decoded line as JSON and
 * reading it back cost about 5 µs across both threads, parsing the line again about 2.
 */

// model

const NEWLINE = 0x0a;

type WireSeal =
  | null
  | readonly [0, ReadonlyArray<string>]
  | readonly [1]
  | readonly [2, string | 0, number, string | 0, string, string | 0, string | 0, string | 0];

/** A decoded line's envelope but for the fields its seal's link gives (`streamId`, `streamRevision`, `previousHash`, `hash`). */
type WireEnvelope = Pick<Required<HistoryLine["envelope"]>, "schemaVersion" | "eventId" | "recordedAt" | "metadata">;

/** A decoded line: its issues, the line, or (sealed, with its whole envelope) the line without what its seal gives. */
type WireDecoded = readonly [0, string] | readonly [1, HistoryLine] | readonly [2, HistoryLine["event"], WireEnvelope, HistoryLine["personal"] | 0];

/** A line sent as its own text (its `ownText`, the next of the batch's texts): sealed (1) or prepared without its seal (0), its leaf, whether an export writes it as read. */
type WireOwnText = readonly [3, 0 | 1, string | 0, 0 | 1];

type WireLine = readonly [0, string] | readonly [1, WireSeal, WireDecoded | null, ReadonlyArray<string>, 1?] | WireOwnText;

/** A batch as a worker sends it: its prepared lines, a line of JSON each, and the own texts of those sent as such, one a line. */
export interface WireBatch {
  readonly lines: string;
  readonly texts: string;
}

/** The fields of a whole envelope, in the order a decoded line gives them. */
const ENVELOPE_FIELDS = 8;

// utils

/** A decoded line as sent: without the envelope fields its seal's link gives, when it has them all and they agree. */
const wireDecoded = (line: HistoryLine, seal: PreparedSeal | null): WireDecoded => {
  const { envelope } = line;
  if (seal?._tag !== "Sealed") return [1, line];
  const { link } = seal;
  const { schemaVersion, eventId, recordedAt, metadata } = envelope;
  const whole = schemaVersion !== undefined && eventId !== undefined && recordedAt !== undefined && metadata !== undefined && Object.keys(envelope).length === ENVELOPE_FIELDS;
  const linked = envelope.streamId === link.streamId && envelope.streamRevision === Number(link.streamRevision) && envelope.previousHash === link.previousHash && envelope.hash === link.hash;
  return whole && linked ? [2, line.event, { schemaVersion, eventId, recordedAt, metadata }, line.personal ?? 0] : [1, line];
};

/** A decoded line from what was sent, its envelope's fields in the decoder's order. */
const decodedOfWire = (decoded: WireDecoded, link: SealedLink | null): E.Either<string, HistoryLine> => {
  if (decoded[0] === 0) return E.left(decoded[1]);
  if (decoded[0] === 1) return E.right(decoded[1]);
  const [, event, { schemaVersion, eventId, recordedAt, metadata }, personal] = decoded;
  if (link === null) throw new Error("preparedWire: a line sent without its envelope's seal fields has no seal");
  const { streamId, streamRevision, previousHash, hash } = link;
  // The wire's revision is a number, as the decoder's is.
  const envelope = { schemaVersion, eventId, streamId, streamRevision: streamRevision as Required<HistoryLine["envelope"]>["streamRevision"], recordedAt, metadata, previousHash, hash };
  return E.right(personal === 0 ? { event, envelope } : { event, envelope, personal });
};

// constructors

/**
 * A batch's prepared lines as text, a line of JSON each (numbered from the batch's first line,
 * which is not written); a line with its `ownText` is sent as that text, with the little else the
 * worker knows of it.
 */
export const encodeBatch = (lines: Iterable<PreparedLine>): WireBatch => {
  const out: string[] = [];
  const texts: string[] = [];
  let streamId: string | undefined;
  let hash: string | undefined;
  for (const line of lines) {
    if (line._tag === "Unreadable") {
      out.push(JSON.stringify([0, line.problem] satisfies WireLine));
      continue;
    }
    if (line.ownText !== undefined) {
      const sealed = line.seal?._tag === "Sealed" ? line.seal : null;
      out.push(JSON.stringify([3, sealed === null ? 0 : 1, sealed?.leaf ?? 0, line.exportsAsRead ? 1 : 0] satisfies WireOwnText));
      texts.push(line.ownText);
      if (sealed !== null) {
        streamId = sealed.link.streamId;
        hash = sealed.link.hash;
      }
      continue;
    }
    if (line.line === null && line.commitments.length === 0 && !line.exportsAsRead && line.seal?._tag === "Sealed") {
      // A sealed line of a chain check, the common case: written as JSON.stringify writes its tuple, without building it.
      // Hashes, leaves and event ids were checked as hex digits and dashes: nothing in them needs escaping.
      const { link, recomputed, leaf } = line.seal;
      const id = link.streamId === streamId ? "0" : JSON.stringify(link.streamId);
      const previous = link.previousHash === hash ? "0" : `"${link.previousHash}"`;
      const eventId = link.eventId === undefined ? "0" : `"${link.eventId}"`;
      out.push(`[1,[2,${id},${Number(link.streamRevision)},${previous},"${link.hash}",${recomputed === undefined ? "0" : `"${recomputed}"`},${leaf === null ? "0" : `"${leaf}"`},${eventId}],null,[]]`);
      streamId = link.streamId;
      hash = link.hash;
      continue;
    }
    const seal = ((s: PreparedSeal | null): WireSeal => {
      if (s === null) return null;
      switch (s._tag) {
        case "SealIssues":
          return [0, s.issues];
        case "Unsealed":
          return [1];
        case "Sealed": {
          const { link } = s;
          const wire: WireSeal = [2, link.streamId === streamId ? 0 : link.streamId, Number(link.streamRevision), link.previousHash === hash ? 0 : link.previousHash, link.hash, s.recomputed ?? 0, s.leaf ?? 0, link.eventId ?? 0];
          streamId = link.streamId;
          hash = link.hash;
          return wire;
        }
      }
    })(line.seal);
    const decoded = line.line === null ? null : E.isLeft(line.line) ? ([0, line.line.left] as const) : wireDecoded(line.line.right, line.seal);
    out.push(JSON.stringify((line.exportsAsRead ? [1, seal, decoded, line.commitments, 1] : [1, seal, decoded, line.commitments]) satisfies WireLine));
  }
  return { lines: out.join("\n"), texts: texts.join("\n") };
};

/**
 * The prepared lines of a batch that starts at line `firstLine`, from {@link encodeBatch}'s text,
 * each read when it is asked for: a line's objects live while it is looked at, not while the whole
 * batch waits (objects that live long are moved to the old generation, and cost a full collection).
 * Given the batch's `bytes`, a line that `exportsAsRead` gets its own.
 */
export const decodeBatch = function* ({ lines: text, texts }: WireBatch, firstLine: number, bytes?: Uint8Array): Generator<PreparedLine> {
  let streamId = "";
  let hash = "";
  let number = firstLine;
  /** Where the line's bytes start in the batch. */
  let from = 0;
  /** Where the next own text starts in `texts`. */
  let nextText = 0;
  for (let start = 0; start < text.length; number++) {
    const newline = bytes === undefined ? -1 : bytes.indexOf(NEWLINE, from);
    const lineStart = from;
    const lineEnd = newline === -1 ? (bytes?.length ?? 0) : newline;
    from = lineEnd + 1;
    const end = text.indexOf("\n", start);
    const line = JSON.parse(text.slice(start, end === -1 ? text.length : end)) as WireLine;
    start = end === -1 ? text.length : end + 1;
    if (line[0] === 0) {
      yield { _tag: "Unreadable", number, problem: line[1] };
      continue;
    }
    if (line[0] === 3) {
      const [, sealed, leaf, asRead] = line;
      const textEnd = texts.indexOf("\n", nextText);
      const own = texts.slice(nextText, textEnd === -1 ? texts.length : textEnd);
      nextText = textEnd === -1 ? texts.length : textEnd + 1;
      const again = readAgain(number, own, sealed === 1, leaf === 0 ? null : leaf, asRead === 1);
      if (again.seal?._tag === "Sealed") {
        streamId = again.seal.link.streamId;
        hash = again.seal.link.hash;
      }
      yield asRead === 1 && bytes !== undefined ? { ...again, bytes: lineBytesAsRead(bytes, lineStart, lineEnd) } : again;
      continue;
    }
    const [, s, decoded, commitments, asRead] = line;
    let seal: PreparedSeal | null = null;
    if (s !== null) {
      if (s[0] === 0) seal = { _tag: "SealIssues", issues: s[1] };
      else if (s[0] === 1) seal = { _tag: "Unsealed" };
      else {
        const [, id, streamRevision, previousHash, lineHash, recomputed, leaf, eventId] = s;
        streamId = id === 0 ? streamId : id;
        const link: SealedLink = { streamId, streamRevision, previousHash: previousHash === 0 ? hash : previousHash, hash: lineHash, ...(eventId === 0 ? {} : { eventId }) };
        hash = lineHash;
        seal = { _tag: "Sealed", link, ...(recomputed === 0 ? {} : { recomputed }), leaf: leaf === 0 ? null : leaf };
      }
    }
    const own = asRead === 1 && bytes !== undefined ? lineBytesAsRead(bytes, lineStart, lineEnd) : undefined;
    yield { _tag: "Read", number, seal, line: decoded === null ? null : decodedOfWire(decoded, seal?._tag === "Sealed" ? seal.link : null), commitments, exportsAsRead: asRead === 1, bytes: own, ownText: undefined };
  }
};
