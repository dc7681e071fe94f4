/**
 * Canonical JSON (DOMAIN.md): object keys sorted by UTF-16 code units, no white space, arrays in
 * order, strings and numbers as `JSON.stringify` writes them. Bigints are written as numbers.
 * @example
 * canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export const canonicalJson = (value: unknown): string => {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
      const record = value as Record<string, unknown>;
      // The default sort compares UTF-16 code units, as the contract asks.
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      let out = "{";
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        out += `${i === 0 ? "" : ","}${JSON.stringify(k)}:${canonicalJson(record[k])}`;
      }
      return `${out}}`;
    }
    case "undefined":
    case "function":
    case "symbol":
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
};
