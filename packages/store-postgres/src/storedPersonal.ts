import type { DecodeIssue, PersonalEntries, PersonalEntry } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";

/*
 * Schema 2's `personal` as the events table keeps it (migration 3): the exact JSON text of the
 * appended entries, field name to `{ subject, commitment, salt?, encrypted? }` (DOMAIN.md,
 * personal data). Reading checks its shape, so that a malformed one is an InvalidStoredEvent
 * naming the field, never a value that breaks a reader later; messages give a value's kind, never
 * its content (it is ciphertext, or a salt).
 */

// model

/** What a stored `personal` gives a read: the entries as appended, and the same without `encrypted`, as an interchange line carries them. */
export interface StoredPersonal {
  readonly entries: PersonalEntries;
  readonly line: PersonalEntries;
}

const ENTRY_FIELDS: ReadonlySet<string> = new Set(["subject", "commitment", "salt", "encrypted"]);
const ENCRYPTED_FIELDS: ReadonlySet<string> = new Set(["algorithm", "nonce", "ciphertext"]);
const ALGORITHMS: ReadonlySet<string> = new Set(["AES-256-GCM"]);

// utils

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u);

const kindOf = (u: unknown): string => (u === null ? "null" : Array.isArray(u) ? "an array" : typeof u === "object" ? "an object" : `a ${typeof u}`);

const unknownFields = (record: Record<string, unknown>, known: ReadonlySet<string>, at: string): DecodeIssue[] =>
  Object.keys(record)
    .filter((k) => !known.has(k))
    .map((k) => ({ path: `${at}.${k}`, message: "is not a member of a stored personal entry" }));

const stringIssues = (value: unknown, at: string, optional: boolean): DecodeIssue[] => {
  if (value === undefined) return optional ? [] : [{ path: at, message: "is required: expected a string" }];
  return typeof value === "string" ? [] : [{ path: at, message: `expected a string, got ${kindOf(value)}` }];
};

const encryptedIssues = (value: unknown, at: string): DecodeIssue[] => {
  if (value === undefined) return [];
  if (!isRecord(value)) return [{ path: at, message: `expected an object, got ${kindOf(value)}` }];
  const algorithm = value["algorithm"];
  return [
    ...unknownFields(value, ENCRYPTED_FIELDS, at),
    ...(typeof algorithm === "string" && ALGORITHMS.has(algorithm) ? [] : [{ path: `${at}.algorithm`, message: `expected one of ${[...ALGORITHMS].join(", ")}` }]),
    ...stringIssues(value["nonce"], `${at}.nonce`, false),
    ...stringIssues(value["ciphertext"], `${at}.ciphertext`, false),
  ];
};

const entryIssues = (entry: unknown, at: string): DecodeIssue[] => {
  if (!isRecord(entry)) return [{ path: at, message: `expected a personal entry (a subject and a commitment), got ${kindOf(entry)}` }];
  return [
    ...unknownFields(entry, ENTRY_FIELDS, at),
    ...stringIssues(entry["subject"], `${at}.subject`, false),
    ...stringIssues(entry["commitment"], `${at}.commitment`, false),
    ...stringIssues(entry["salt"], `${at}.salt`, true),
    ...encryptedIssues(entry["encrypted"], `${at}.encrypted`),
  ];
};

const freeze = (entries: Record<string, unknown>): PersonalEntries => {
  for (const entry of Object.values(entries) as Array<Record<string, unknown>>) {
    if (isRecord(entry["encrypted"])) Object.freeze(entry["encrypted"]);
    Object.freeze(entry);
  }
  return Object.freeze(entries) as PersonalEntries;
};

// constructors

/**
 * @internal The stored `personal` text, checked: the entries exactly as parsed (frozen, key order
 * and all), and those entries without `encrypted` for decoding the event as a line; or every issue
 * found, each at its path from `personal` (`personal.name.subject`).
 */
export const decodeStoredPersonal = (source: string): E.Either<ReadonlyArray<DecodeIssue>, StoredPersonal> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    return E.left([{ path: "personal", message: "is not valid JSON text" }]);
  }
  if (!isRecord(parsed)) return E.left([{ path: "personal", message: `expected an object from field name to its personal entry, got ${kindOf(parsed)}` }]);
  const issues = Object.entries(parsed).flatMap(([field, entry]) => entryIssues(entry, `personal.${field}`));
  if (issues.length > 0) return E.left(issues);
  // Object.fromEntries makes own keys, even of "__proto__" (JSON.parse keeps those as keys too).
  const line = Object.fromEntries(
    Object.entries(parsed as Record<string, PersonalEntry>).map(([field, { subject, commitment, salt }]) => [field, salt === undefined ? { subject, commitment } : { subject, commitment, salt }]),
  );
  return E.right({ entries: freeze(parsed), line });
};
