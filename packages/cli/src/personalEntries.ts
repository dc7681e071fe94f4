import type { PersonalEntries, PersonalEntry } from "@tenfold/core";
import type { HistoryLine } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import * as E from "fp-ts/lib/Either.js";
import { commitmentProblems, decodePersonalEntries, type PersonalField } from "@tenfold/core/personal";

/*
 * A line's personal entries (DOMAIN.md, personal data) as the CLI judges them. Every message names
 * the field and the subject (a pseudonym), never a personal value.
 */

// utils

/** The entries of a bare or older line: each personal field's subject, for the store to commit to. */
export const subjectsOnly = (fields: ReadonlyArray<PersonalField>): PersonalEntries => {
  const entries: Record<string, PersonalEntry> = {};
  for (const { field, subject } of fields) entries[field] = { subject };
  return entries;
};

const valueOf = (data: unknown, field: string): unknown => (data as Readonly<Record<string, unknown>>)[field] ?? null;

/**
 * What is wrong with a schema-2 line's `personal`, given the personal fields and subjects the
 * decider fixes for the state before it: a field missing or not personal here, another subject,
 * a value given without its salt or beside its encrypted form, a salt and value that do not open
 * the commitment. Each issue is `path: message`.
 */
export const personalProblems = (line: HistoryLine, fields: ReadonlyArray<PersonalField>): ReadonlyArray<string> => {
  const personal = line.personal ?? {};
  const { type, data } = line.event;
  const problems: string[] = [];
  for (const { field, subject } of fields) {
    const entry = personal[field];
    if (entry === undefined) problems.push(`personal.${field}: is missing: ${type}.${field} is personal data of ${subject}`);
    else if (entry.subject !== subject) problems.push(`personal.${field}.subject: expected ${subject} (the subject of ${type}.${field} here), got ${entry.subject}`);
  }
  for (const field of Object.keys(personal)) {
    if (!fields.some((f) => f.field === field)) problems.push(`personal.${field}: is not personal data here: this ${type} names no contact (leave the entry out)`);
  }
  for (const [field, entry] of Object.entries(personal)) {
    if (valueOf(data, field) === null || !fields.some((f) => f.field === field)) continue;
    if (entry.encrypted !== undefined) problems.push(`data.${field}: must be null: its value is given encrypted in personal.${field}`);
    else if (entry.salt === undefined) problems.push(`personal.${field}.salt: is required with the value given in data.${field} (or give the value as null)`);
  }
  for (const issue of commitmentProblems(nodeSha256, data, personal)) problems.push(`${issue.path}: ${issue.message}`);
  return problems;
};

/** Whether an entry carries its value encrypted (the stored form of a file kept with --keys). */
export const isEncrypted = (entries: PersonalEntries | undefined): boolean => Object.values(entries ?? {}).some((e) => e.encrypted !== undefined);

/** The personal entries of `subject` among a line's. */
export const fieldsOfSubject = (entries: PersonalEntries | undefined, subject: string): ReadonlyArray<string> =>
  Object.entries(entries ?? {}).flatMap(([field, entry]) => (entry.subject === subject ? [field] : []));

/** The commitments of a parsed line that its salts and values do not open (`--chains-only`: the line is not decoded as an event). */
export const commitmentsOfParsed = (parsed: unknown): ReadonlyArray<string> => {
  if (typeof parsed !== "object" || parsed === null || !("personal" in parsed)) return [];
  const { personal, type, data } = parsed as { readonly personal: unknown; readonly type: unknown; readonly data: unknown };
  const entries = decodePersonalEntries(personal, typeof type === "string" ? type : "");
  return E.isLeft(entries) ? [] : commitmentProblems(nodeSha256, data, entries.right).map((issue) => `${issue.path}: ${issue.message}`);
};
