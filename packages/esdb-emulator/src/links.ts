import type { EmulatorData, StoredEvent } from "./data.js";

/** The event type of a link: its data is `<revision>@<stream>` in UTF-8. */
export const LINK_TYPE = "$>";

/** A stored record as a read sends it, its link resolved or not. */
export interface ReadRecord {
  /** The record read: the link itself when there is one. Its position is the read event's `commit_position`. */
  readonly original: StoredEvent;
  /** The event to send as `event`: the record, a link's target, or undefined for a link that did not resolve. */
  readonly event: StoredEvent | undefined;
  /** The link to send as `link`, when the record is a link that was resolved (or failed to). */
  readonly link: StoredEvent | undefined;
}

// .NET's long.TryParse with the default (Integer) style: optional white space around an optional sign and digits.
const LONG = /^\s*[+-]?\d+\s*$/;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

const parseLong = (text: string): bigint | undefined => {
  if (!LONG.test(text)) return undefined;
  const value = BigInt(text.trim());
  return value < LONG_MIN || value > LONG_MAX ? undefined : value;
};

/** Reads one event of a stream as a link target is read: by revision, -1 meaning the last. */
export type EventReader = (data: EmulatorData, streamName: string, revision: bigint) => StoredEvent | undefined;

const readByRevision: EventReader = (data, streamName, revision) => {
  const events = data.stream(streamName);
  return revision === -1n ? events.at(-1) : revision < 0n ? undefined : events[Number(revision)];
};

/**
 * The server's ResolveLinkToEvent: without `resolveLinks`, or for a record that is not a link, the
 * record is the event. A link whose payload's number does not parse stays unresolved (the link is
 * the event); one whose target cannot be read (missing stream or event, deleted, no `@`) is sent as
 * its `link` with no `event`; otherwise `event` is the target and `link` the link.
 */
export const resolveRecord = (
  data: EmulatorData,
  record: StoredEvent,
  resolveLinks: boolean,
  read: EventReader = readByRevision,
): ReadRecord => {
  const unresolved: ReadRecord = { original: record, event: record, link: undefined };
  if (!resolveLinks || record.type !== LINK_TYPE) return unresolved;
  const payload = Buffer.from(record.data).toString("utf8");
  const at = payload.indexOf("@");
  const revision = parseLong(at < 0 ? payload : payload.slice(0, at));
  if (revision === undefined) return unresolved;
  const target = at < 0 ? undefined : read(data, payload.slice(at + 1), revision);
  return { original: record, event: target, link: record };
};
