import * as t from "io-ts";

/**
 * @internal Builds a codec over an already-decoded base value, failing with a message a person reads.
 * `explain` returns `undefined` when the value is acceptable, else what is wrong with it.
 */
export const refine = <A, O, B extends A>(
  name: string,
  base: t.Type<A, O, unknown>,
  explain: (value: A) => string | undefined,
): t.Type<B, O, unknown> =>
  new t.Type<B, O, unknown>(
    name,
    (u): u is B => base.is(u) && explain(u) === undefined,
    (u, c) => {
      const decoded = base.validate(u, c);
      if (decoded._tag === "Left") return decoded;
      const problem = explain(decoded.right);
      return problem === undefined ? t.success(decoded.right as B) : t.failure(u, c, problem);
    },
    (b) => base.encode(b),
  );

/** @internal A string codec whose failure says "expected <what>". */
export const stringOf = (what: string): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    "string",
    (u): u is string => typeof u === "string",
    (u, c) => (typeof u === "string" ? t.success(u) : t.failure(u, c, `expected ${what}, got ${show(u)}`)),
    (s) => s,
  );

/** @internal A number codec whose failure says "expected <what>". */
export const numberOf = (what: string): t.Type<number, number, unknown> =>
  new t.Type<number, number, unknown>(
    "number",
    (u): u is number => typeof u === "number",
    (u, c) => (typeof u === "number" ? t.success(u) : t.failure(u, c, `expected ${what}, got ${show(u)}`)),
    (n) => n,
  );

/** @internal Renders an offending value briefly for an error message. */
export const show = (u: unknown): string => {
  if (u === undefined) return "nothing";
  if (typeof u === "string") return JSON.stringify(u.length > 40 ? `${u.slice(0, 40)}…` : u);
  if (Array.isArray(u)) return "a list";
  if (u === null) return "null";
  if (typeof u === "number" || typeof u === "boolean" || typeof u === "bigint") return String(u);
  return typeof u === "object" ? "an object" : `a ${typeof u}`;
};
