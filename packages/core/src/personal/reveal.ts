import * as E from "fp-ts/lib/Either.js";
import { recordedEvent } from "../store/envelope.js";
import type { PersonalEntry, RecordedEvent } from "../store/RecordedEvent.js";
import { type StoreError, invalidStoredEvent } from "../store/StoreError.js";
import type { PersonalCipher } from "./PersonalCipher.js";
import { type SubjectKey, type SubjectRef, subjectRefKey } from "./SubjectKeyStore.js";
import { personalAssociatedData } from "./commitment.js";

const campaignIdOf = (event: RecordedEvent): string => (event.data as { readonly campaignId: string }).campaignId;

const isEmpty = (record: object): boolean => {
  for (const _ in record) return false;
  return true;
};

/** Whether an event carries anything to decrypt. */
const hasEncrypted = (event: RecordedEvent): boolean => {
  const personal = event.personal;
  if (personal === undefined) return false;
  for (const field in personal) if (personal[field]?.encrypted !== undefined) return true;
  return false;
};

/** @internal The subjects whose keys reading these events needs. */
export const subjectsToReveal = (events: ReadonlyArray<RecordedEvent>): ReadonlyArray<SubjectRef> => {
  const refs = new Map<string, SubjectRef>();
  for (const event of events) {
    if (!hasEncrypted(event)) continue;
    for (const entry of Object.values(event.personal ?? {})) {
      if (entry.encrypted === undefined) continue;
      const ref = { campaignId: campaignIdOf(event), subject: entry.subject };
      refs.set(subjectRefKey(ref), ref);
    }
  }
  return [...refs.values()];
};

/**
 * @internal An event as a reader gets it: each personal value decrypted where its subject's key
 * exists, else null with the field in `erased`; entries with subject, commitment and (when read)
 * salt, nothing encrypted. A value its key does not open is an InvalidStoredEvent (it was changed).
 */
export const revealEvent = (cipher: PersonalCipher, event: RecordedEvent, keys: ReadonlyMap<string, SubjectKey>): E.Either<StoreError, RecordedEvent> => {
  const personal = event.personal;
  // No personal entry (version 1, or `{}`): nothing to reveal, the event as the store gave it.
  if (personal === undefined || isEmpty(personal)) return E.right(event);
  const data: Record<string, unknown> = { ...(event.data as unknown as Record<string, unknown>) };
  const entries: Record<string, PersonalEntry> = {};
  const erased: string[] = [];
  for (const field of Object.keys(personal)) {
    const entry = personal[field] as PersonalEntry;
    const { subject, commitment = "", encrypted } = entry;
    const key = encrypted === undefined ? undefined : keys.get(subjectRefKey({ campaignId: campaignIdOf(event), subject }));
    if (encrypted === undefined || key === undefined) {
      entries[field] = { subject, commitment };
      data[field] = null;
      erased.push(field);
      continue;
    }
    const opened = cipher.decrypt(key.material, encrypted, personalAssociatedData(event.eventId, field, commitment));
    const parsed = opened === null ? undefined : (JSON.parse(opened) as { salt?: unknown; value?: unknown });
    if (parsed === undefined || typeof parsed.salt !== "string" || !("value" in parsed)) {
      return E.left(invalidStoredEvent(event.streamId, event.streamRevision, [{ path: `personal.${field}`, message: `its encrypted value does not open with the key of ${subject}: it was changed or belongs to another event` }]));
    }
    entries[field] = Object.freeze({ subject, commitment, salt: parsed.salt });
    data[field] = parsed.value;
  }
  for (const field of erased) Object.freeze(entries[field]);
  Object.freeze(data);
  Object.freeze(entries);
  Object.freeze(erased);
  const { type, eventId, schemaVersion, recordedAt, metadata, previousHash, hash, streamId, streamRevision, position } = event;
  return E.right(
    recordedEvent(
      { type, data: data as unknown as RecordedEvent["data"], eventId, schemaVersion, recordedAt, metadata, previousHash, hash, personal: entries, erased },
      { streamId, streamRevision, position },
    ),
  );
};

/** @internal Reveals every event of a page, or the first that cannot be. */
export const revealAll = (cipher: PersonalCipher, events: ReadonlyArray<RecordedEvent>, keys: ReadonlyMap<string, SubjectKey>): E.Either<StoreError, ReadonlyArray<RecordedEvent>> => {
  if (events.every((e) => e.personal === undefined || isEmpty(e.personal))) return E.right(events);
  const out: RecordedEvent[] = [];
  for (const event of events) {
    const revealed = revealEvent(cipher, event, keys);
    if (E.isLeft(revealed)) return revealed;
    out.push(revealed.right);
  }
  return E.right(out);
};
