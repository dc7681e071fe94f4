import { newEvent } from "../store/envelope.js";
import { personalWithoutState } from "../decider/personal.js";
import type { NewEvent, PersonalEntry } from "../store/RecordedEvent.js";
import type { Sha256 } from "../seal/seal.js";
import type { PersonalCipher } from "./PersonalCipher.js";
import { type SubjectKey, type SubjectRef, subjectRefKey } from "./SubjectKeyStore.js";
import { commitPersonalValue, isCommitment, isSalt, newSalt, personalAssociatedData } from "./commitment.js";

/** @internal What protecting personal values needs. */
export interface Protection {
  readonly cipher: PersonalCipher;
  readonly sha256: Sha256;
  readonly randomBytes: (length: number) => Uint8Array;
}

/** @internal One personal value about to be stored: where it is, its salt and commitment. */
interface Pending {
  readonly field: string;
  readonly subject: string;
  readonly salt: string;
  readonly commitment: string;
  readonly value: unknown;
}

/** @internal An event of an append with its personal values committed to, not yet encrypted. */
export interface Committed {
  readonly event: NewEvent;
  readonly pending: ReadonlyArray<Pending>;
}

const campaignIdOf = (event: NewEvent): string => (event.data as { readonly campaignId: string }).campaignId;

/**
 * @internal Commits to each personal value of an event: a new salt and commitment, or the ones the
 * event carries (an imported export), checked. Throws a RangeError naming the event and field,
 * never the value, when an entry is malformed or its commitment does not open.
 */
export const commitEvent = (protection: Protection, given: NewEvent, at: string): Committed => {
  const event = withPersonalMember(given, at);
  const personal = event.personal;
  if (personal === undefined) return { event, pending: [] };
  const data = event.data as unknown as Readonly<Record<string, unknown>>;
  const pending: Pending[] = [];
  for (const field of Object.keys(personal)) {
    const entry: unknown = personal[field];
    const where = `${at}.personal.${field}`;
    if (typeof entry !== "object" || entry === null || typeof (entry as Partial<PersonalEntry>).subject !== "string") throw new RangeError(`${where}: expected { subject, commitment?, salt? }`);
    if ((entry as PersonalEntry).encrypted !== undefined) throw new RangeError(`${where}.encrypted: an encrypted value is written by the store, not appended`);
    if (!Object.hasOwn(data, field)) throw new RangeError(`${where}: the event's data has no field "${field}"`);
    const value = data[field];
    const { subject, commitment, salt } = entry as PersonalEntry;
    if (commitment !== undefined && !isCommitment(commitment)) throw new RangeError(`${where}.commitment: expected 64 lowercase hex digits`);
    if (salt !== undefined && !isSalt(salt)) throw new RangeError(`${where}.salt: expected 32 lowercase hex digits`);
    if (value === null) {
      // The value is not given (an export without personal values): only its commitment is kept.
      if (commitment === undefined) throw new RangeError(`${where}: a personal value given as null needs its commitment`);
      continue;
    }
    if (commitment !== undefined && salt === undefined) throw new RangeError(`${where}: a commitment given with a value needs its salt`);
    if (salt !== undefined && commitment === undefined) throw new RangeError(`${where}: a salt given needs its commitment`);
    const chosen = salt ?? newSalt(protection.randomBytes);
    const committed = commitPersonalValue(protection.sha256, chosen, value);
    if (commitment !== undefined && commitment !== committed) throw new RangeError(`${where}.commitment: the salt and the value do not open it`);
    pending.push({ field, subject, salt: chosen, commitment: committed, value });
  }
  return { event, pending };
};

/**
 * A schema-2 event with its `personal` member: as given, `{}` added for an event that has no personal
 * field; a RangeError for one that has a personal field and does not say whose value it is.
 */
const withPersonalMember = (event: NewEvent, at: string): NewEvent => {
  if (event.personal !== undefined || !(event.schemaVersion >= PERSONAL_SINCE)) return event;
  const judged = personalWithoutState(event);
  if (judged === undefined) {
    throw new RangeError(`${at}.personal: a schemaVersion ${event.schemaVersion} ${event.type} carries a personal value and must say whose (personalSubjectsOf(state, event) gives it)`);
  }
  const { type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash } = event;
  return newEvent({ type, data, eventId, schemaVersion, recordedAt, metadata, previousHash, hash, personal: judged });
};

/** The first schema version with personal data. */
const PERSONAL_SINCE = 2;

/** @internal The subjects whose keys a batch needs. */
export const subjectsOf = (batch: ReadonlyArray<Committed>): ReadonlyArray<SubjectRef> => {
  const refs = new Map<string, SubjectRef>();
  for (const { event, pending } of batch) {
    for (const p of pending) {
      const ref = { campaignId: campaignIdOf(event), subject: p.subject };
      refs.set(subjectRefKey(ref), ref);
    }
  }
  return [...refs.values()];
};

/** @internal The event as stored: each personal value null in `data`, salt and value encrypted in its entry. */
export const storedForm = (protection: Protection, committed: Committed, keys: ReadonlyMap<string, SubjectKey>): NewEvent => {
  const { event, pending } = committed;
  const personal = event.personal;
  if (personal === undefined) return event;
  const data: Record<string, unknown> = { ...(event.data as unknown as Record<string, unknown>) };
  const entries: Record<string, PersonalEntry> = {};
  for (const field of Object.keys(personal)) {
    const entry = personal[field] as PersonalEntry;
    entries[field] = { subject: entry.subject, commitment: entry.commitment };
  }
  for (const p of pending) {
    const key = keys.get(subjectRefKey({ campaignId: campaignIdOf(event), subject: p.subject })) as SubjectKey;
    const encrypted = protection.cipher.encrypt(key.material, JSON.stringify({ salt: p.salt, value: p.value }), personalAssociatedData(event.eventId, p.field, p.commitment));
    entries[p.field] = { subject: p.subject, commitment: p.commitment, encrypted };
    data[p.field] = null;
  }
  const { type, eventId, schemaVersion, recordedAt, metadata } = event;
  return newEvent({ type, data: data as unknown as NewEvent["data"], eventId, schemaVersion, recordedAt, metadata, personal: entries });
};

/** @internal The event as its appender sees it once recorded: values, salts and commitments, nothing encrypted. */
export const revealedEntries = (committed: Committed): Record<string, PersonalEntry> | undefined => {
  const personal = committed.event.personal;
  if (personal === undefined) return undefined;
  const entries: Record<string, PersonalEntry> = {};
  for (const field of Object.keys(personal)) {
    const entry = personal[field] as PersonalEntry;
    entries[field] = { subject: entry.subject, commitment: entry.commitment };
  }
  for (const p of committed.pending) entries[p.field] = { subject: p.subject, commitment: p.commitment, salt: p.salt };
  return entries;
};
