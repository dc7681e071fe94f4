import { randomUUID } from "node:crypto";
import { emptyPrepareSize, type EmulatorData, type ProposedEvent, type StoredEvent } from "./data.js";
import { isMetastream, isSoftDeleted, metastreamOf } from "./streamState.js";

/** The expected state of a stream an append states. */
export type Expected =
  | { readonly kind: "any" }
  | { readonly kind: "no_stream" }
  | { readonly kind: "stream_exists" }
  | { readonly kind: "revision"; readonly revision: bigint };

/** A log position as the server reports it. */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** What an append did. */
export type WriteOutcome =
  | {
      readonly kind: "success";
      /** The revision the server reports (undefined: no stream). */
      readonly revision: bigint | undefined;
      /** Undefined when nothing was written (the server's "no position"). */
      readonly position: LogPosition | undefined;
    }
  | { readonly kind: "wrong-expected-version"; readonly current: bigint | undefined }
  | { readonly kind: "stream-deleted" };

/** The server's commit decision for a write. */
export type Decision =
  | { readonly kind: "ok" }
  | { readonly kind: "wrong" }
  | { readonly kind: "deleted" }
  | { readonly kind: "idempotent"; readonly last: StoredEvent };

const OK: Decision = { kind: "ok" };
const WRONG: Decision = { kind: "wrong" };
const DELETED: Decision = { kind: "deleted" };

/**
 * Mirrors the server's commit check (IndexWriter.CheckCommit). A tombstoned stream takes no write.
 * With `any`/`stream_exists`, the events are a repeat when the first id is already in this stream
 * (and then every id must be, or it is a conflict); `stream_exists` fails on a soft-deleted stream
 * (deleted) and on one with neither events nor metadata. With an explicit expectation below the
 * current revision, the events are a repeat when the events after it carry exactly these ids in
 * order; when the first differs, `no_stream` on a soft-deleted stream is a write (it recreates the
 * stream), anything else a conflict.
 */
export const decide = (data: EmulatorData, streamName: string, expected: Expected, ids: readonly string[]): Decision => {
  if (data.tombstoneOf(streamName) !== undefined) return DELETED;
  const current = data.lastRevision(streamName) ?? -1n;
  const softDeleted = isSoftDeleted(data, streamName);
  if (expected.kind === "stream_exists") {
    if (softDeleted) return DELETED;
    if (current < 0n && data.lastRevision(metastreamOf(streamName)) === undefined) return WRONG;
  }
  if (expected.kind === "any" || expected.kind === "stream_exists") {
    let last: StoredEvent | undefined;
    for (const [index, id] of ids.entries()) {
      const known = data.lastWithId(id);
      if (known?.streamName !== streamName) return index === 0 ? OK : WRONG;
      last = known;
    }
    return last === undefined ? OK : { kind: "idempotent", last };
  }
  const expectedRevision = expected.kind === "no_stream" ? -1n : expected.revision;
  if (expectedRevision < current) {
    const stream = data.stream(streamName);
    let last: StoredEvent | undefined;
    for (const [offset, id] of ids.entries()) {
      const existing = stream[Number(expectedRevision) + 1 + offset];
      if (existing?.id !== id) return offset === 0 && expected.kind === "no_stream" && softDeleted ? OK : WRONG;
      last = existing;
    }
    if (last !== undefined) return { kind: "idempotent", last };
    return expected.kind === "no_stream" && softDeleted ? OK : WRONG;
  }
  return expectedRevision > current ? WRONG : OK;
};

/** Rewrites raw JSON metadata with `$tb` set, keeping its other keys; undefined when it is not a JSON object. */
const withTruncateBefore = (raw: Uint8Array | undefined, truncateBefore: bigint): Uint8Array | undefined => {
  let metadata: unknown;
  try {
    metadata = raw === undefined ? {} : JSON.parse(Buffer.from(raw).toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return undefined;
  return Buffer.from(JSON.stringify({ ...metadata, $tb: Number(truncateBefore) }), "utf8");
};

/** Writes `$$<stream>` metadata whose `$tb` makes the stream readable again from `from` (the server's soft undelete). */
const softUndelete = (data: EmulatorData, streamName: string, raw: Uint8Array | undefined, from: bigint): void => {
  const metadata = withTruncateBefore(raw, from);
  if (metadata === undefined) return;
  data.write(metastreamOf(streamName), [{ id: randomUUID(), type: "$metadata", isJson: true, data: metadata, metadata: new Uint8Array() }]);
};

/**
 * Appends events to a stream with the server's expected-revision, idempotency and deletion rules.
 * Appending to a soft-deleted stream recreates it: its revisions continue, and its metadata's `$tb`
 * becomes the first new revision. Writing the metadata of a soft-deleted stream undeletes it too,
 * its `$tb` then hiding every old event.
 */
export const appendToStream = (
  data: EmulatorData,
  streamName: string,
  expected: Expected,
  events: readonly ProposedEvent[],
): WriteOutcome => {
  const decision = decide(data, streamName, expected, events.map((event) => event.id));
  switch (decision.kind) {
    case "wrong":
      return { kind: "wrong-expected-version", current: data.lastRevision(streamName) };
    case "deleted":
      return { kind: "stream-deleted" };
    case "idempotent": {
      const { revision, position } = decision.last;
      return { kind: "success", revision, position: { commit: position, prepare: position } };
    }
    case "ok": {
      const softDeleted = isSoftDeleted(data, streamName);
      const original = isMetastream(streamName) ? streamName.slice(2) : undefined;
      const undeleteOriginal = original !== undefined && isSoftDeleted(data, original);
      const current = data.lastRevision(streamName) ?? -1n;
      const last = data.write(streamName, events).at(-1);
      if (last === undefined) {
        // No events: the server still writes one empty prepare (invisible in $all) and reports
        // its position with the stream's current revision.
        const position = data.writeRecord(emptyPrepareSize(streamName));
        return { kind: "success", revision: data.lastRevision(streamName), position: { commit: position, prepare: position } };
      }
      if (softDeleted) softUndelete(data, streamName, data.stream(metastreamOf(streamName)).at(-1)?.data, current + 1n);
      if (undeleteOriginal) softUndelete(data, original, last.data, (data.lastRevision(original) ?? -1n) + 1n);
      // The server reports the log position of the record that ends the write, the last event's,
      // as both the commit and the prepare position: that event's own $all position.
      return { kind: "success", revision: last.revision, position: { commit: last.position, prepare: last.position } };
    }
  }
};
