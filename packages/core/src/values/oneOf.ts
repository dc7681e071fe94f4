import * as t from "io-ts";
import { show } from "./refine.js";

/** A codec of one of the given string literals; its failure lists them. */
export const oneOf = <const L extends readonly [string, ...string[]]>(
  name: string,
  literals: L,
): t.Type<L[number], L[number], unknown> => {
  const allowed: ReadonlySet<string> = new Set(literals);
  const is = (u: unknown): u is L[number] => typeof u === "string" && allowed.has(u);
  return new t.Type<L[number], L[number], unknown>(
    name,
    is,
    (u, c) => (is(u) ? t.success(u) : t.failure(u, c, `expected one of ${literals.join(" | ")}, got ${show(u)}`)),
    (l) => l,
  );
};
