import * as E from "fp-ts/lib/Either.js";
import { type DecodeError, decodeIssue, fromValidationErrors } from "../decoding/DecodeError.js";
import { Sha256Hex } from "../interchange/HistoryLine.js";
import { closed } from "../values/collections.js";
import { Count } from "../values/Count.js";
import { stringOf } from "../values/refine.js";
import type { StreamHead } from "./seal.js";

// model

/** A published head as one line of JSON: `{"streamId": …, "revision": n, "hash": …}`. */
export const StreamHeadJson = closed("StreamHead", {
  streamId: stringOf("a stream id"),
  revision: Count,
  hash: Sha256Hex,
});

// constructors

/**
 * Each stream's head — its last revision and hash — from sealed events in stream order, by
 * stream id. Events without a seal are passed over. Does not check the chain: see `verifyChain`.
 */
export const headsOf = (
  events: Iterable<{ readonly streamId: string; readonly streamRevision: bigint | number; readonly hash?: string }>,
): ReadonlyArray<StreamHead> => {
  const heads = new Map<string, StreamHead>();
  for (const e of events) {
    if (e.hash === undefined) continue;
    const revision = BigInt(e.streamRevision);
    const known = heads.get(e.streamId);
    if (known === undefined || known.revision < revision) heads.set(e.streamId, { streamId: e.streamId, revision, hash: e.hash });
  }
  return [...heads.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
};

// utils

/**
 * One head as a line of JSON, for publishing or signing (no newline).
 * Law: `parseStreamHead(formatStreamHead(h))` is `right(h)`.
 * @example
 * formatStreamHead({ streamId: "tenfold-campaign-c1", revision: 18n, hash: "9f…" })
 * // '{"streamId":"tenfold-campaign-c1","revision":18,"hash":"9f…"}'
 */
export const formatStreamHead = (head: StreamHead): string =>
  JSON.stringify({ streamId: head.streamId, revision: Number(head.revision), hash: head.hash });

/** Parses one line of a heads file; invalid JSON is a decode error at `(line)`. */
export const parseStreamHead = (text: string): E.Either<DecodeError, StreamHead> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return E.left(decodeIssue("(line)", `invalid JSON: ${e instanceof Error ? e.message : String(e)}`));
  }
  const decoded = StreamHeadJson.decode(parsed);
  if (E.isLeft(decoded)) return E.left(fromValidationErrors(decoded.left));
  return E.right({ streamId: decoded.right.streamId, revision: BigInt(decoded.right.revision), hash: decoded.right.hash });
};
