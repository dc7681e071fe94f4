import type * as t from "io-ts";
import { oneOf } from "./oneOf.js";

/** The seven kinds of contact a group makes, in the campaign's order. */
export const CONTACT_KINDS = [
  "village",
  "village-party-secretary",
  "poor-household",
  "party-member-in-difficulty",
  "college-graduate-village-official",
  "community",
  "non-public-enterprise-party-organization",
] as const;

/** Codec of {@link ContactKind}. */
export const ContactKind = oneOf("ContactKind", CONTACT_KINDS);

/** A kind of contact: village, secretary, poor household, and so on. */
export type ContactKind = t.TypeOf<typeof ContactKind>;
