import type * as t from "io-ts";
import { refine, show, stringOf } from "./refine.js";

// model

/** Brand of {@link Id}. */
export interface IdBrand {
  readonly Id: unique symbol;
}

/** An identifier: 1–64 characters from `A–Z a–z 0–9 . _ -`. */
export type Id = t.Branded<string, IdBrand>;

// constructors

const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const WHAT = "an Id (1–64 characters from A–Z a–z 0–9 . _ -)";

/**
 * Codec of {@link Id}. Law: `decode(encode(id))` is `right(id)`.
 * @example
 * Id.is("group-1") // true
 * Id.is("group 1") // false
 */
export const Id = refine<string, string, Id>("Id", stringOf(WHAT), (s) =>
  ID_PATTERN.test(s) ? undefined : `expected ${WHAT}, got ${show(s)}`,
);
