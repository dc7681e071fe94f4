import { type CampaignEvent, type PersonalEntries, type RecordedEvent, campaignStreamId, noMetadata } from "@tenfold/core";
import { SCHEMA_VERSION } from "@tenfold/core/adapter";
import { GENESIS_HASH, envelopeLine, hashEnvelope } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import { omittedForm, subjectsOfHistory } from "./personal.js";

/*
 * Recorded, sealed envelopes of a generated history (one stream), built without a store so that
 * S5 and S6 (and S11's files) can make a million of them quickly: what `tenfold export` writes
 * today, with the hash chain computed by core's `hashEnvelope`. They are schema 2 (SCHEMA_VERSION),
 * in the form of an export with `--personal omit` (the default): each personal value null in
 * `data`, each `personal` entry its subject (`personalSubjectsOf` on the folded state, as the
 * handler writes it) and a real commitment to the value. Version 1 envelopes are not what these
 * scenarios measure: they decode and verify exports, and every export Tenfold writes now is
 * version 2 (`tenfold migrate` rewrites older ones). The salt of event n is the 32 hex digits of
 * its event id: fixed for every run and process (S6's two sides must reach the same chain head),
 * distinct per event; a store draws random salts instead, which changes no size or cost here.
 */

const START = Date.UTC(2013, 2, 1, 8);

/** The stream of the generated campaign. */
export const streamOf = (events: ReadonlyArray<CampaignEvent>): string =>
  campaignStreamId(events[0]?.data.campaignId ?? "bench-2013");

/** The recording time of event `n`: a second after event `n - 1`. */
export const recordedAtOf = (n: number): string => new Date(START + n * 1000).toISOString();

/** A deterministic UUID-shaped event id. */
export const eventIdOf = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

/** The salt of event `n`'s personal value: its event id's 32 hex digits. */
export const saltOf = (n: number): string => eventIdOf(n).replaceAll("-", "");

/**
 * The unsealed fields of event `n` of one stream as an export without personal values holds them
 * (schema 2, `--personal omit`), given its `personal` subjects.
 */
export const exportedFields = (event: CampaignEvent, n: number, streamId: string, subjects: PersonalEntries): RecordedEvent => {
  const { data, personal } = omittedForm(event.data, subjects, saltOf(n));
  const streamRevision = BigInt(n);
  // Object literals, not `{ ...fields, more }`: on Node 20 a spread copy costs microseconds.
  return { type: event.type, data, eventId: eventIdOf(n), schemaVersion: SCHEMA_VERSION, recordedAt: recordedAtOf(n), metadata: noMetadata, personal, streamId, streamRevision, position: streamRevision } as RecordedEvent;
};

/**
 * Envelopes of `events[from, to)`, sealed on top of `previousHash` (the hash of event `from - 1`,
 * or 64 zeros for the first), as an export without personal values holds them; `previousHash`
 * null: not sealed (no `previousHash` or `hash`), for when only the canonical fields matter.
 * `subjects` are the `personal` subjects of every event of `events` (computed when not given: a
 * fold of the whole history, so a caller that builds chunks gives them once).
 */
export const sealedEnvelopes = (
  events: ReadonlyArray<CampaignEvent>,
  from: number,
  to: number,
  previousHash: string | null = GENESIS_HASH,
  subjects: ReadonlyArray<PersonalEntries> = subjectsOfHistory(events.slice(0, to)),
): RecordedEvent[] => {
  const streamId = streamOf(events);
  const out: RecordedEvent[] = [];
  let previous = previousHash;
  for (let i = from; i < Math.min(to, events.length); i++) {
    const fields = exportedFields(events[i] as CampaignEvent, i, streamId, subjects[i] ?? {});
    if (previous === null) {
      out.push(fields);
      continue;
    }
    const hash = hashEnvelope(nodeSha256, previous, fields);
    const { type, data, eventId, schemaVersion, recordedAt, metadata, personal, streamRevision, position } = fields;
    out.push({ type, data, eventId, schemaVersion, recordedAt, metadata, personal, streamId, streamRevision, position, previousHash: previous, hash } as RecordedEvent);
    previous = hash;
  }
  return out;
};

/** One NDJSON line of an export (`tenfold export`, `--personal omit`): core's `envelopeLine`. */
export const toLine = (e: RecordedEvent): string => envelopeLine(e, "omit");
