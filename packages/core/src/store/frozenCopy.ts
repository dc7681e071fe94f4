/*
 * Deep copies that nobody can change: events are JSON-like (plain objects, arrays, strings,
 * numbers, booleans, null), so a copy is cheap and needs no structuredClone.
 */

/** Where in a value a part that is not JSON-like was found; becomes a RangeError at the top. */
class NotJsonLike extends Error {
  constructor(
    readonly kind: string,
    readonly path: Array<string | number>,
  ) {
    super(kind);
  }
}

/**
 * Returns `s`, flattened (exported as `flattenString`). V8 keeps a string built by concatenation (such as
 * `crypto.randomUUID()`'s) as a tree of pieces, several times its size; reading one character
 * flattens it in place, and the garbage collector then drops the pieces. Only strings of 13 or
 * more characters can be such trees.
 */
export const flatten = (s: string): string => {
  if (s.length > 12) s.charCodeAt(0);
  return s;
};

/** Flattens a string; says whether a value must be copied (objects) or checked (functions, symbols, numbers). */
const needsCopy = (value: unknown): boolean => {
  const type = typeof value;
  if (type === "string") flatten(value as string);
  return (type === "object" && value !== null) || type === "function" || type === "symbol" || (type === "number" && !Number.isFinite(value));
};

const within = <A>(key: string | number, copy: () => A): A => {
  try {
    return copy();
  } catch (e) {
    if (e instanceof NotJsonLike) e.path.unshift(key);
    throw e;
  }
};

const copyArray = (array: ReadonlyArray<unknown>): ReadonlyArray<unknown> => {
  const out = array.slice();
  for (let i = 0; i < out.length; i++) {
    const element = out[i];
    if (needsCopy(element)) out[i] = within(i, () => copy(element));
    else if (element === undefined) throw new NotJsonLike("undefined (an array element JSON cannot write)", [i]);
  }
  return Object.freeze(out);
};

/** Makes plain objects: objects made by `new` whose prototype is Object.prototype, as a literal's is. */
type PlainObjectMaker = new () => Record<string, unknown>;

const newPlainObjectMaker = (): PlainObjectMaker => {
  function PlainObject(): void {}
  PlainObject.prototype = Object.prototype;
  return PlainObject as unknown as PlainObjectMaker;
};

/**
 * One maker per number of keys, up to ten (the most an event's data has). An object made key by
 * key from `{}` keeps only four fields in itself and the rest in a separate array, so reading the
 * fifth field on costs a second cache miss (a third of the time of reading a stream). V8 sizes
 * the objects a constructor makes by what its first few objects held, up to ten fields: objects
 * made by a maker used only for n keys hold all n in themselves, at no extra size.
 */
const PLAIN_OBJECT_MAKERS: ReadonlyArray<PlainObjectMaker> = Array.from({ length: 11 }, newPlainObjectMaker);

const copyObject = (object: Readonly<Record<string, unknown>>): object => {
  // Key by key, not by spreading: V8 turns a frozen spread copy into a dictionary four times the size.
  const keys = Object.keys(object);
  const Maker = PLAIN_OBJECT_MAKERS[keys.length];
  const out: Record<string, unknown> = Maker === undefined ? {} : new Maker();
  for (const key of keys) {
    const value = object[key];
    const copied = needsCopy(value) ? within(key, () => copy(value)) : value;
    // An own "__proto__" key (JSON.parse makes them) must stay a key, not become the prototype.
    if (key === "__proto__") Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
    else out[key] = copied;
  }
  return Object.freeze(out);
};

const copy = (value: unknown): unknown => {
  if (typeof value !== "object") {
    if (typeof value === "function" || typeof value === "symbol") throw new NotJsonLike(`a ${typeof value}`, []);
    if (typeof value === "number" && !Number.isFinite(value)) throw new NotJsonLike(`${value}, a number JSON cannot write`, []);
    return typeof value === "string" ? flatten(value) : value;
  }
  if (value === null) return null;
  if (Array.isArray(value)) return copyArray(value);
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    throw new NotJsonLike(typeof name === "string" ? `a ${name}` : "an object that is not plain", []);
  }
  return copyObject(value as Readonly<Record<string, unknown>>);
};

const render = (root: string, path: ReadonlyArray<string | number>): string =>
  path.reduce<string>((at, key) => (typeof key === "number" ? `${at}[${key}]` : `${at}.${key}`), root);

/**
 * A deep copy of a JSON-like value, frozen at every level, every object made with its fields
 * inside it (exported as `frozenJsonCopy`); primitives come back as they are. Throws a RangeError naming the place (from `root`) of a function, symbol, non-plain object,
 * non-finite number or undefined array element: none of them has a JSON form, so none can be sealed.
 */
export const frozenCopy = <A>(value: A, root: string): A => {
  try {
    return copy(value) as A;
  } catch (e) {
    if (e instanceof NotJsonLike) {
      throw new RangeError(`${render(root, e.path)} is ${e.kind}: events hold only plain JSON-like values`);
    }
    throw e;
  }
};
