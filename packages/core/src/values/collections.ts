import * as t from "io-ts";
import { show } from "./refine.js";

/** `A | null`, reporting the inner codec's failure at the same path. */
export const nullable = <A, O>(codec: t.Type<A, O, unknown>): t.Type<A | null, O | null, unknown> =>
  new t.Type<A | null, O | null, unknown>(
    `${codec.name} | null`,
    (u): u is A | null => u === null || codec.is(u),
    (u, c) => (u === null ? t.success(null) : codec.validate(u, c)),
    (a) => (a === null ? null : codec.encode(a)),
  );

/** Options of {@link listOf}. */
export interface ListConstraints {
  /** Refuse the empty list. @defaultValue false */
  readonly nonEmpty?: boolean;
  /** Refuse repeated elements. @defaultValue false */
  readonly unique?: boolean;
}

/** A list of `codec`, optionally non-empty and without repeats; failures name the element index. */
export const listOf = <A, O>(
  codec: t.Type<A, O, unknown>,
  { nonEmpty = false, unique = false }: ListConstraints = {},
): t.Type<ReadonlyArray<A>, ReadonlyArray<O>, unknown> => {
  const elements = t.readonlyArray(codec);
  const problem = (as: ReadonlyArray<unknown>): string | undefined => {
    if (nonEmpty && as.length === 0) return "expected at least one element, got an empty list";
    if (unique) {
      // Lists of ids are short: compare pairs up to a few dozen elements, index them beyond.
      if (as.length <= 32) {
        for (let i = 1; i < as.length; i++) {
          for (let first = 0; first < i; first++) {
            if (as[first] === as[i]) return `expected no repeats, got ${show(as[i])} at [${first}] and [${i}]`;
          }
        }
        return undefined;
      }
      const seen = new Map<unknown, number>();
      for (let i = 0; i < as.length; i++) {
        const a = as[i];
        const first = seen.get(a);
        if (first !== undefined) return `expected no repeats, got ${show(a)} at [${first}] and [${i}]`;
        seen.set(a, i);
      }
    }
    return undefined;
  };
  return new t.Type<ReadonlyArray<A>, ReadonlyArray<O>, unknown>(
    `ReadonlyArray<${codec.name}>`,
    (u): u is ReadonlyArray<A> => elements.is(u) && problem(u) === undefined,
    (u, c) => {
      if (!Array.isArray(u)) return t.failure(u, c, `expected a list, got ${show(u)}`);
      const decoded = elements.validate(u, c);
      if (decoded._tag === "Left") return decoded;
      const p = problem(decoded.right);
      return p === undefined ? decoded : t.failure(u, c, p);
    },
    (as) => elements.encode(as),
  );
};

const NONE: ReadonlyArray<string> = [];

/** The keys of `u` that `known` lacks, in order; allocates nothing when there are none. */
export const unknownKeys = (u: object, known: ReadonlySet<string>): ReadonlyArray<string> => {
  let unknown: string[] | undefined;
  for (const k in u) {
    if (Object.prototype.hasOwnProperty.call(u, k) && !known.has(k)) (unknown ??= []).push(k);
  }
  return unknown ?? NONE;
};

/** A record of exactly `props`: unknown fields are refused, each named by its path. */
export const closed = <P extends t.Props>(name: string, props: P): t.Type<t.TypeOfProps<P>, t.OutputOfProps<P>, unknown> => {
  const open = t.type(props, name);
  const known: ReadonlySet<string> = new Set(Object.keys(props));
  const isRecord = (u: unknown): u is Record<string, unknown> =>
    typeof u === "object" && u !== null && !Array.isArray(u);
  return new t.Type<t.TypeOfProps<P>, t.OutputOfProps<P>, unknown>(
    name,
    (u): u is t.TypeOfProps<P> => open.is(u) && Object.keys(u).every((k) => known.has(k)),
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, `expected ${name} as an object, got ${show(u)}`);
      const unknown = unknownKeys(u, known);
      if (unknown.length > 0) {
        return t.failures(
          unknown.map((k) => ({
            value: u[k],
            context: [...c, { key: k, type: open, actual: u[k] }],
            message: `is not a field of ${name}`,
          })),
        );
      }
      return open.validate(u, c);
    },
    (a) => open.encode(a),
  );
};
