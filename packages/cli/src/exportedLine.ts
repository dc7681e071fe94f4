import { campaignStreamId, type NewEvent } from "@tenfold/core";
import { newEvent, recordedEvent } from "@tenfold/core/adapter";
import { envelopeLine, type HistoryLine, type PersonalValues } from "@tenfold/core/audit";

/*
 * The line an export writes for a sealed event, and whether a line read from a file is already
 * that line. A history exported once and exported again (an auditor's copy, a file moved between
 * stores) is mostly such lines: the thread that prepares a line can tell, so that the export
 * writes the bytes it read instead of sealing and writing the event anew.
 */

// constructors

/**
 * Whether an event's personal entries are each a subject and a commitment whose value is not given
 * (an export without personal values): then there is nothing to reveal, commit to or encrypt,
 * and the event is written as it is.
 */
export const committedWithoutValues = (event: NewEvent): boolean => {
  if (event.personal === undefined) return false;
  const data = event.data as unknown as Readonly<Record<string, unknown>>;
  for (const field of Object.keys(event.personal)) {
    const entry = event.personal[field];
    if (entry === undefined || entry.commitment === undefined || entry.salt !== undefined || entry.encrypted !== undefined || data[field] !== null) return false;
  }
  return true;
};

/** The line an export writes (without its newline) for an event sealed at revision `streamRevision` of `streamId`. */
export const exportedLine = (sealed: NewEvent, streamId: string, streamRevision: bigint, mode: PersonalValues): string =>
  envelopeLine(recordedEvent(sealed, { streamId, streamRevision, position: 0n }), mode);

/**
 * Whether `text`, a sealed line whose hash is intact (`line` decoded from it), is exactly what an
 * export in `mode` writes for it when its stream's head is the line's own `previousHash` at the
 * revision before: a schema-2 line with its whole envelope, on its campaign's stream, whose personal
 * values are withheld, in the export's form and order. The export then writes the line as read: the
 * event sealed anew would get the same hash (the seal covers the same fields, as written) and the
 * same text. Whether the head is the line's `previousHash` is for the export to check as it goes.
 */
export const exportsAsRead = (text: string, line: HistoryLine, mode: PersonalValues): boolean => {
  const { envelope, event, personal } = line;
  const { schemaVersion, eventId, streamId, streamRevision, recordedAt, metadata, previousHash, hash } = envelope;
  if (schemaVersion !== 2 || personal === undefined || eventId === undefined || streamRevision === undefined || recordedAt === undefined || metadata === undefined) return false;
  if (previousHash === undefined || hash === undefined || streamId !== campaignStreamId(event.data.campaignId)) return false;
  const sealed = newEvent({ type: event.type, data: event.data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash, personal });
  return committedWithoutValues(sealed) && exportedLine(sealed, streamId, BigInt(streamRevision), mode) === text;
};
