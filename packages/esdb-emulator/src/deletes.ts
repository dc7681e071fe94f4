import { randomUUID } from "node:crypto";
import type { EmulatorData } from "./data.js";
import { metastreamOf } from "./streamState.js";
import { decide, type Expected, type LogPosition } from "./writes.js";

/** What a delete or tombstone did. */
export type DeleteOutcome =
  | { readonly kind: "deleted"; readonly position: LogPosition }
  | { readonly kind: "wrong-expected-version"; readonly current: bigint }
  | { readonly kind: "stream-deleted" };

// StreamMetadata(truncateBefore: EventNumber.DeletedStream).ToJsonBytes(): it replaces the metadata, ACLs and all.
const SOFT_DELETED_METADATA = Buffer.from('{"$tb":9223372036854775807}', "utf8");

/**
 * The server's WriteDelete. The expectation is checked as for a write of one new event (so a
 * tombstoned stream fails as deleted). A soft delete of a stream with neither events nor metadata
 * is a wrong expected version whatever the expectation; otherwise it writes `$$<stream>` metadata
 * `{"$tb":9223372036854775807}`. A hard delete writes the `$streamDeleted` tombstone, even for a
 * stream that never existed (under `any` or `no_stream`). The position is the written record's.
 */
export const deleteStream = (data: EmulatorData, streamName: string, expected: Expected, hard: boolean): DeleteOutcome => {
  const current = data.lastRevision(streamName) ?? -1n;
  const decision = decide(data, streamName, expected, [randomUUID()]);
  switch (decision.kind) {
    case "deleted":
      return { kind: "stream-deleted" };
    case "wrong":
    case "idempotent": // a fresh id cannot repeat a write
      return { kind: "wrong-expected-version", current };
    case "ok":
      break;
  }
  if (hard) {
    const { position } = data.writeTombstone(streamName, randomUUID());
    return { kind: "deleted", position: { commit: position, prepare: position } };
  }
  const metastream = metastreamOf(streamName);
  if (current < 0n && data.lastRevision(metastream) === undefined) return { kind: "wrong-expected-version", current: -1n };
  const [written] = data.write(metastream, [
    { id: randomUUID(), type: "$metadata", isJson: true, data: SOFT_DELETED_METADATA, metadata: new Uint8Array() },
  ]);
  const position = written?.position ?? -1n;
  return { kind: "deleted", position: { commit: position, prepare: position } };
};
