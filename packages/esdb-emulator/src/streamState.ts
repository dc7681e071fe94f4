import { DELETED_STREAM, type EmulatorData, type StoredEvent } from "./data.js";

/*
 * What a stream's metadata and tombstone make of its stored events, as the server's index reader
 * sees them: the metadata is the last event of `$$<stream>`, and its `$tb` (truncate before) hides
 * the events before it; `$tb` = long.MaxValue is a soft delete (the stream reads as not found). A
 * tombstoned stream reads as deleted. `$all` shows every stored record regardless, as a server does
 * until a scavenge.
 */

/** The metastream holding a stream's metadata. */
export const metastreamOf = (streamName: string): string => `$$${streamName}`;

/** Whether a stream is a metastream (`$$<stream>`). */
export const isMetastream = (streamName: string): boolean => streamName.startsWith("$$");

const truncations = new WeakMap<StoredEvent, bigint | undefined>();

// JSON.parse reads long.MaxValue as 2^63 (a double): anything that large is a soft delete.
const truncateBeforeOf = (metadata: StoredEvent): bigint | undefined => {
  if (truncations.has(metadata)) return truncations.get(metadata);
  let value: unknown;
  try {
    value = (JSON.parse(Buffer.from(metadata.data).toString("utf8")) as Record<string, unknown> | null)?.["$tb"];
  } catch {
    value = undefined;
  }
  const truncateBefore =
    typeof value !== "number" || !Number.isInteger(value) || value < 0 ? undefined : value >= 2 ** 63 ? DELETED_STREAM : BigInt(value);
  truncations.set(metadata, truncateBefore);
  return truncateBefore;
};

/** A stream's `$tb` from its metadata: undefined when none is set; `DELETED_STREAM` when soft-deleted. */
export const truncateBefore = (data: EmulatorData, streamName: string): bigint | undefined => {
  if (isMetastream(streamName)) return undefined;
  const metadata = data.stream(metastreamOf(streamName)).at(-1);
  return metadata === undefined ? undefined : truncateBeforeOf(metadata);
};

/** Whether a stream is soft-deleted: its metadata's `$tb` is long.MaxValue (and it is not tombstoned). */
export const isSoftDeleted = (data: EmulatorData, streamName: string): boolean =>
  data.tombstoneOf(streamName) === undefined && truncateBefore(data, streamName) === DELETED_STREAM;

/** How a read sees a stream: deleted (tombstoned), not found, or found with its first visible revision. */
export type StreamView =
  | { readonly kind: "deleted" }
  | { readonly kind: "not-found" }
  | { readonly kind: "found"; readonly events: readonly StoredEvent[]; readonly from: number };

/** How a read of `streamName` sees it now. */
export const viewOf = (data: EmulatorData, streamName: string): StreamView => {
  if (data.tombstoneOf(streamName) !== undefined) return { kind: "deleted" };
  const events = data.stream(streamName);
  const floor = truncateBefore(data, streamName) ?? 0n;
  if (events.length === 0 || floor === DELETED_STREAM) return { kind: "not-found" };
  return { kind: "found", events, from: Number(floor < BigInt(events.length) ? floor : BigInt(events.length)) };
};

/** The first revision a read of the stream can see (its `$tb`, or 0); undefined while it reads as deleted or soft-deleted. */
export const visibleFrom = (data: EmulatorData, streamName: string): number | undefined => {
  if (data.tombstoneOf(streamName) !== undefined) return undefined;
  const floor = truncateBefore(data, streamName) ?? 0n;
  return floor === DELETED_STREAM ? undefined : Number(floor);
};

/** An event of a stream as the server's event read sees it (-1: the last); undefined when deleted, truncated or missing. */
export const readVisibleEvent = (data: EmulatorData, streamName: string, revision: bigint): StoredEvent | undefined => {
  const view = viewOf(data, streamName);
  if (view.kind !== "found") return undefined;
  const index = revision === -1n ? view.events.length - 1 : Number(revision);
  return revision < -1n || index < view.from ? undefined : view.events[index];
};
