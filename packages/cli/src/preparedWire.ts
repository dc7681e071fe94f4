import type { HistoryLine } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import type { PreparedLine, PreparedSeal, SealedLink } from "./preparedLine.js";

/*
 * How a worker sends a batch of prepared lines: JSON text of tuples instead of objects, without
 * what the reading thread can tell itself. Lines of a batch are numbered from its first one; a
 * seal's `previousHash` that is the hash of the line before, and a `streamId` that is the line
 * before's, are left out. A sealed line of an export is about 90 characters instead of 330: less
 * to write, copy and parse on the thread everything goes through.
 */

// model

type WireSeal =
  | null
  | readonly [0, ReadonlyArray<string>]
  | readonly [1]
  | readonly [2, string | 0, number, string | 0, string, string | 0, string | 0, string | 0];

type WireLine = readonly [0, string] | readonly [1, WireSeal, readonly [0, string] | readonly [1, HistoryLine] | null, ReadonlyArray<string>];

// constructors

/** A batch's prepared lines as text (numbered from the batch's first line, which is not written). */
export const encodeBatch = (lines: ReadonlyArray<PreparedLine>): string => {
  const out: WireLine[] = [];
  let streamId: string | undefined;
  let hash: string | undefined;
  for (const line of lines) {
    if (line._tag === "Unreadable") {
      out.push([0, line.problem]);
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
    const decoded = line.line === null ? null : E.isLeft(line.line) ? ([0, line.line.left] as const) : ([1, line.line.right] as const);
    out.push([1, seal, decoded, line.commitments]);
  }
  return JSON.stringify(out);
};

/** The prepared lines of a batch that starts at line `firstLine`, from {@link encodeBatch}'s text. */
export const decodeBatch = (text: string, firstLine: number): PreparedLine[] => {
  const wire = JSON.parse(text) as ReadonlyArray<WireLine>;
  const out: PreparedLine[] = [];
  let streamId = "";
  let hash = "";
  for (let i = 0; i < wire.length; i++) {
    const line = wire[i] as WireLine;
    const number = firstLine + i;
    if (line[0] === 0) {
      out.push({ _tag: "Unreadable", number, problem: line[1] });
      continue;
    }
    const [, s, decoded, commitments] = line;
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
    out.push({ _tag: "Read", number, seal, line: decoded === null ? null : decoded[0] === 0 ? E.left(decoded[1]) : E.right(decoded[1]), commitments });
  }
  return out;
};
