import type * as t from "io-ts";
import { refine, stringOf } from "./refine.js";

// model

/** Brand of {@link Text}. */
export interface TextBrand {
  readonly Text: unique symbol;
}

/** Free text: trimmed, 1–500 characters (Unicode code points). */
export type Text = t.Branded<string, TextBrand>;

// constructors

const MAX = 500;

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

const explain = (s: string): string | undefined => {
  if (s.length === 0) return "expected text of 1–500 characters, got an empty string";
  if (s.trim() !== s) return "expected trimmed text, got leading or trailing white space";
  if (s.length > MAX && codePoints(s) > MAX) return `expected at most ${MAX} characters, got ${codePoints(s)}`;
  return undefined;
};

/**
 * Codec of {@link Text}. Decoding never trims: untrimmed text is refused so that what is
 * recorded is exactly what was sent.
 * @example
 * Text.is("Ban Zhong Ying village") // true
 * Text.is(" padded ") // false
 */
export const Text = refine<string, string, Text>("Text", stringOf("text"), explain);
