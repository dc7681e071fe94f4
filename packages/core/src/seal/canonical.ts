/*
 * Canonical JSON is on the path of every append (the seal) and of every verification, so it is
 * written for speed: no intermediate arrays or objects, keys sorted in place by insertion sort
 * (objects have few keys), and strings that need no escaping quoted without JSON.stringify. The
 * output is exactly what the straightforward definition gives (a property test compares them).
 */

/** Characters JSON.stringify would escape (or check, for surrogates): any of them takes the slow path. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

const quote = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

/** `"key":` for keys seen before; bounded, so that arbitrary data cannot grow it without limit. */
const QUOTED_KEYS = new Map<string, string>();
const MAX_QUOTED_KEYS = 4096;

const quotedKey = (key: string): string => {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = `${quote(key)}:`;
    if (QUOTED_KEYS.size < MAX_QUOTED_KEYS) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
};

/** Sorts by UTF-16 code units (as the default sort does), in place. */
const sortKeys = (keys: string[]): string[] => {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
};

/**
 * Canonical JSON (DOMAIN.md): object keys sorted by UTF-16 code units, no white space, arrays in
 * order, strings and numbers as `JSON.stringify` writes them. Bigints are written as numbers.
 * Object members whose value is `undefined` are left out.
 * @example
 * canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export const canonicalJson = (value: unknown): string => {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return `${value}`;
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ",") + canonicalJson(value[i]);
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = sortKeys(Object.keys(record));
      let out = "{";
      let first = true;
      for (const key of keys) {
        const member = record[key];
        if (member === undefined) continue;
        out += (first ? "" : ",") + quotedKey(key) + canonicalJson(member);
        first = false;
      }
      return `${out}}`;
    }
    case "undefined":
    case "function":
    case "symbol":
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
};
