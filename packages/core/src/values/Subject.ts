import type * as t from "io-ts";
import { refine, show, stringOf } from "./refine.js";

// model

/** Brand of {@link Subject}. */
export interface SubjectBrand {
  readonly Subject: unique symbol;
}

/** A data subject (DOMAIN.md, personal data): `cadre:<cadreId>` or `contact:<contactId>`, the id an Id. */
export type Subject = t.Branded<string, SubjectBrand>;

// constructors

const SUBJECT_PATTERN = /^(cadre|contact):[A-Za-z0-9._-]{1,64}$/;
const WHAT = "a subject (cadre:<cadreId> or contact:<contactId>)";

/**
 * Codec of {@link Subject}.
 * @example
 * Subject.is("contact:household-1") // true
 * Subject.is("group:g1") // false
 */
export const Subject = refine<string, string, Subject>("Subject", stringOf(WHAT), (s) =>
  SUBJECT_PATTERN.test(s) ? undefined : `expected ${WHAT}, got ${show(s)}`,
);

// utils

/** The subject of a cadre. */
export const cadreSubject = (cadreId: string): string => `cadre:${cadreId}`;

/** The subject of a contact. */
export const contactSubject = (contactId: string): string => `contact:${contactId}`;

/** A subject's kind and id: `cadre:c1` is `["cadre", "c1"]`. */
export const subjectParts = (subject: string): readonly ["cadre" | "contact", string] => {
  const colon = subject.indexOf(":");
  return [subject.slice(0, colon) as "cadre" | "contact", subject.slice(colon + 1)];
};
