import type { DecodeIssue, PersonalEntries, PersonalEntry } from "@tenfold/core";
import type { EncryptedValue } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";

/*
 * Schema 2's `personal` member as stored in an event's metadata JSON: an object from field name
 * to `{ subject, commitment, salt?, encrypted? }` (DOMAIN.md, personal data). Reading checks its
 * shape, so that a malformed one is an InvalidStoredEvent naming the field, never a value that
 * breaks a reader later. The values themselves are ciphertext: nothing here ever prints them.
 */

// model

const ENTRY_FIELDS: ReadonlySet<string> = new Set(["subject", "commitment", "salt", "encrypted"]);
const ENCRYPTED_FIELDS: ReadonlySet<string> = new Set(["algorithm", "nonce", "ciphertext"]);
const ALGORITHMS: ReadonlySet<string> = new Set<EncryptedValue["algorithm"]>(["AES-256-GCM"]);

// utils

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u);

/** What a value is, for a message: its kind only, never its content (it may be ciphertext). */
const kindOf = (u: unknown): string => (u === null ? "null" : Array.isArray(u) ? "an array" : typeof u === "object" ? "an object" : `a ${typeof u}`);

const unknownFields = (record: Record<string, unknown>, known: ReadonlySet<string>, at: string): DecodeIssue[] =>
  Object.keys(record)
    .filter((k) => !known.has(k))
    .map((k) => ({ path: `${at}.${k}`, message: "is not a field of a stored personal entry" }));

const stringIssue = (value: unknown, at: string, optional: boolean): DecodeIssue[] => {
  if (value === undefined) return optional ? [] : [{ path: at, message: "is required: expected a string" }];
  if (typeof value !== "string") return [{ path: at, message: `expected a string, got ${kindOf(value)}` }];
  return value.length === 0 && !optional ? [{ path: at, message: "expected a non-empty string" }] : [];
};

const encryptedIssues = (value: unknown, at: string): DecodeIssue[] => {
  if (value === undefined) return [];
  if (!isRecord(value)) return [{ path: at, message: `expected an object, got ${kindOf(value)}` }];
  const algorithm = value["algorithm"];
  return [
    ...unknownFields(value, ENCRYPTED_FIELDS, at),
    ...(typeof algorithm === "string" && ALGORITHMS.has(algorithm)
      ? []
      : [{ path: `${at}.algorithm`, message: `expected one of ${[...ALGORITHMS].join(", ")}` }]),
    ...stringIssue(value["nonce"], `${at}.nonce`, false),
    ...stringIssue(value["ciphertext"], `${at}.ciphertext`, false),
  ];
};

const entryIssues = (entry: unknown, at: string): DecodeIssue[] => {
  if (!isRecord(entry)) return [{ path: at, message: `expected a personal entry object, got ${kindOf(entry)}` }];
  return [
    ...unknownFields(entry, ENTRY_FIELDS, at),
    ...stringIssue(entry["subject"], `${at}.subject`, false),
    ...stringIssue(entry["commitment"], `${at}.commitment`, false),
    ...stringIssue(entry["salt"], `${at}.salt`, true),
    ...encryptedIssues(entry["encrypted"], `${at}.encrypted`),
  ];
};

/** A checked entry, rebuilt with its fields in one order and frozen (nothing of the client's JSON is kept). */
const entryOf = (entry: Record<string, unknown>): PersonalEntry => {
  const { subject, commitment, salt, encrypted } = entry as unknown as PersonalEntry;
  const sealed = salt === undefined ? { subject, commitment } : { subject, commitment, salt };
  if (encrypted === undefined) return Object.freeze(sealed);
  const { algorithm, nonce, ciphertext } = encrypted;
  return Object.freeze({ ...sealed, encrypted: Object.freeze({ algorithm, nonce, ciphertext }) });
};

/**
 * @internal The stored `personal` member, checked: the entries (frozen), or every issue found,
 * each at its path from `personal` (`personal.name.subject`).
 */
export const decodeStoredPersonal = (u: unknown): E.Either<ReadonlyArray<DecodeIssue>, PersonalEntries> => {
  if (!isRecord(u)) return E.left([{ path: "personal", message: `expected an object from field name to its personal entry, got ${kindOf(u)}` }]);
  const issues = Object.entries(u).flatMap(([field, entry]) => entryIssues(entry, `personal.${field}`));
  if (issues.length > 0) return E.left(issues);
  const entries: Record<string, PersonalEntry> = {};
  for (const [field, entry] of Object.entries(u)) {
    // An own "__proto__" key (JSON.parse makes them) must stay a key, not become the prototype.
    Object.defineProperty(entries, field, { value: entryOf(entry as Record<string, unknown>), enumerable: true, writable: true, configurable: true });
  }
  return E.right(Object.freeze(entries));
};

/** @internal The entries as an interchange line carries them: subject, commitment and salt, nothing encrypted. */
export const lineEntriesOf = (entries: PersonalEntries): PersonalEntries => {
  const out: Record<string, PersonalEntry> = {};
  for (const [field, { subject, commitment, salt }] of Object.entries(entries)) {
    Object.defineProperty(out, field, { value: salt === undefined ? { subject, commitment } : { subject, commitment, salt }, enumerable: true, writable: true, configurable: true });
  }
  return out;
};
