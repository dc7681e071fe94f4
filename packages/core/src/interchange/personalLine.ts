import * as E from "fp-ts/lib/Either.js";
import type { DecodeError, DecodeIssue } from "../decoding/DecodeError.js";
import { PERSONAL_FIELD } from "../decider/personal.js";
import type { PersonalEntries, PersonalEntry } from "../store/RecordedEvent.js";
import { commitPersonalValue, isCommitment, isSalt } from "../personal/commitment.js";
import type { Sha256 } from "../seal/seal.js";
import type { EventType } from "../events/catalog.js";
import type { EncryptedValue } from "../personal/PersonalCipher.js";

/*
 * The `personal` member of a schema-2 line (DOMAIN.md, personal data): field name to `{subject,
 * commitment}`, with `salt` where the line carries the value (`--personal include`). Messages name
 * the field and never quote a personal value.
 */

const SUBJECT = /^(cadre|contact):[A-Za-z0-9._-]{1,64}$/;
const ENTRY_KEYS: ReadonlySet<string> = new Set(["subject", "commitment", "salt", "encrypted"]);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** An entry's `encrypted` member (a file kept with a key store): the algorithm named, nonce and ciphertext in base64. */
const decodeEncrypted = (u: unknown, at: string, issues: DecodeIssue[]): EncryptedValue | undefined => {
  if (!isRecord(u)) {
    issues.push({ path: at, message: "expected { algorithm, nonce, ciphertext }" });
    return undefined;
  }
  const { algorithm, nonce, ciphertext } = u;
  if (algorithm !== "AES-256-GCM") issues.push({ path: `${at}.algorithm`, message: "expected \"AES-256-GCM\"" });
  if (typeof nonce !== "string" || !BASE64.test(nonce)) issues.push({ path: `${at}.nonce`, message: "expected base64" });
  if (typeof ciphertext !== "string" || !BASE64.test(ciphertext)) issues.push({ path: `${at}.ciphertext`, message: "expected base64" });
  for (const key of Object.keys(u)) if (!["algorithm", "nonce", "ciphertext"].includes(key)) issues.push({ path: `${at}.${key}`, message: "is not a member of an encrypted value" });
  return { algorithm: "AES-256-GCM", nonce: String(nonce), ciphertext: String(ciphertext) };
};

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u);

/** A line's `personal` member checked: each entry's subject, commitment and optional salt, on a field of the event's type that is personal. */
export const decodePersonalEntries = (u: unknown, type: string): E.Either<DecodeError, PersonalEntries> => {
  const issues: DecodeIssue[] = [];
  if (!isRecord(u)) return E.left({ _tag: "DecodeError", issues: [{ path: "personal", message: "expected an object of personal fields (field → { subject, commitment })" }] });
  const fields = Object.keys(u);
  // Most events have no personal field: their lines carry `{}`.
  if (fields.length === 0) return E.right({});
  const personalField = PERSONAL_FIELD[type as EventType];
  const entries: Record<string, PersonalEntry> = {};
  for (const field of fields) {
    const entry = u[field];
    const at = `personal.${field}`;
    if (field !== personalField) {
      issues.push({ path: at, message: personalField === undefined ? `${type} has no personal field` : `is not the personal field of ${type} (${personalField})` });
      continue;
    }
    if (!isRecord(entry)) {
      issues.push({ path: at, message: "expected { subject, commitment, salt? }" });
      continue;
    }
    for (const key of Object.keys(entry)) if (!ENTRY_KEYS.has(key)) issues.push({ path: `${at}.${key}`, message: "is not a member of a personal entry (subject, commitment, salt, encrypted)" });
    const { subject, commitment, salt } = entry;
    const encrypted = entry["encrypted"] === undefined ? undefined : decodeEncrypted(entry["encrypted"], `${at}.encrypted`, issues);
    if (encrypted !== undefined && salt !== undefined) issues.push({ path: `${at}.salt`, message: "is inside the encrypted value of an entry that has one" });
    if (typeof subject !== "string" || !SUBJECT.test(subject)) issues.push({ path: `${at}.subject`, message: "expected cadre:<cadreId> or contact:<contactId>" });
    if (typeof commitment !== "string" || !isCommitment(commitment)) issues.push({ path: `${at}.commitment`, message: "expected 64 lowercase hex digits" });
    if (salt !== undefined && (typeof salt !== "string" || !isSalt(salt))) issues.push({ path: `${at}.salt`, message: "expected 32 lowercase hex digits" });
    const base = { subject: subject as string, commitment: commitment as string };
    entries[field] = encrypted !== undefined ? { ...base, encrypted } : salt === undefined ? base : { ...base, salt: salt as string };
  }
  return issues.length > 0 ? E.left({ _tag: "DecodeError", issues }) : E.right(entries);
};

/** A stand-in for a personal value the line leaves out (null), so the event's codec judges the rest; put back as null after. */
const WITHHELD = "(withheld)";

/** The line's data with each withheld personal value (null) stood in for, and the fields stood in for. */
export const standInWithheld = (data: unknown, personal: PersonalEntries): { readonly data: unknown; readonly withheld: ReadonlyArray<string> } => {
  if (!isRecord(data)) return { data, withheld: [] };
  const withheld = Object.keys(personal).filter((field) => data[field] === null);
  if (withheld.length === 0) return { data, withheld };
  const out = { ...data };
  for (const field of withheld) out[field] = WITHHELD;
  return { data: out, withheld };
};

/** Decoded data with the withheld values null again. */
export const putBackWithheld = <D>(data: D, withheld: ReadonlyArray<string>): D => {
  if (withheld.length === 0) return data;
  const out = { ...(data as Record<string, unknown>) };
  for (const field of withheld) out[field] = null;
  return out as D;
};

/**
 * Where a line's salts and values are given, whether each opens its commitment: the fields whose
 * commitment does not open (the value is never quoted).
 */
export const commitmentProblems = (sha256: Sha256, data: unknown, personal: PersonalEntries | undefined): ReadonlyArray<DecodeIssue> => {
  if (personal === undefined || !isRecord(data)) return [];
  const problems: DecodeIssue[] = [];
  for (const [field, entry] of Object.entries(personal)) {
    const value = data[field];
    if (entry.salt === undefined || value === null || value === undefined || entry.commitment === undefined) continue;
    if (commitPersonalValue(sha256, entry.salt, value) !== entry.commitment) {
      problems.push({ path: `personal.${field}.commitment`, message: "the salt and the value given do not open the commitment" });
    }
  }
  return problems;
};
