import type * as t from "io-ts";
import { CONTACT_KINDS } from "./ContactKind.js";
import { oneOf } from "./oneOf.js";

/** The "ten ones", in order: the default checklist. */
export const DEFAULT_CHECKLIST = [
  ...CONTACT_KINDS,
  "household-survey",
  "problem-solved",
  "research-report",
] as const;

/** Codec of {@link ChecklistItem}. */
export const ChecklistItem = oneOf("ChecklistItem", DEFAULT_CHECKLIST);

/** One item of a campaign's checklist: a contact kind or one of the three tasks. */
export type ChecklistItem = t.TypeOf<typeof ChecklistItem>;
