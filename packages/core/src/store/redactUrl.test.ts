import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { redactSecrets, redactUrl, urlSecrets } from "./redactUrl.js";

const CASES: ReadonlyArray<readonly [string, string]> = [
  ["esbd://admin:changeit@localhost:2113", "esbd://admin:***@localhost:2113"],
  ["postgres://tenfold:p@ss:w/rd?x@db.example:5432/tenfold", "postgres://tenfold:***@db.example:5432/tenfold"],
  ["postgres://u:p%40ss@db/x?sslmode=require", "postgres://u:***@db/x?sslmode=require"],
  ["esdb://admin:a?b/c@host:2113?tls=false", "esdb://admin:***@host:2113?tls=false"],
  ["postgres://only-a-user@db/x", "postgres://only-a-user@db/x"],
  ["postgres://db/x?sslmode=require&password=s3cret&application_name=a", "postgres://db/x?sslmode=require&password=***&application_name=a"],
  ["postgres://u@db/x?PASSWORD=s3cret", "postgres://u@db/x?PASSWORD=***"],
  ["admin:changeit@localhost:2113", "admin:***@localhost:2113"],
  ["esdb://host:2113?tls=false", "esdb://host:2113?tls=false"],
  ["pglite:./campaign-db", "pglite:./campaign-db"],
];

describe("redactUrl", () => {
  it.each(CASES)("shows %s as %s", (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  test.prop({
    scheme: fc.constantFrom("esdb://", "esbd://", "postgres://", "postgresql://", "mysql://", ""),
    user: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/),
    password: fc.string({ unit: fc.constantFrom("a", "b", "X", "Z", "0", "9", "@", ":", "/", "?", "#", "%", "&", "=", "+", " ", "~"), minLength: 6, maxLength: 24 }),
    rest: fc.constantFrom("localhost:2113", "db.example.gov.cn:5432/tenfold?sslmode=require", "127.0.0.1:1/x", ":99999/y", "", "h/p?q=1#f"),
  })("never shows the password, plain or percent-encoded, and keeps the user and host", ({ scheme, user, password, rest }) => {
    for (const form of [password, encodeURIComponent(password)]) {
      const url = `${scheme}${user}:${form}@${rest}`;
      const shown = redactUrl(url);
      expect(shown).not.toContain(form);
      expect(shown).toBe(`${scheme}${user}:***@${rest}`);
      expect(urlSecrets(url)).toContain(form);
    }
  });

  it("lists the secrets a URL holds, decoded too", () => {
    expect(urlSecrets("postgres://u:p%40ss@db/x?password=a%2Bb")).toEqual(["p%40ss", "a%2Bb", "p@ss", "a+b"]);
    expect(urlSecrets("postgres://u@db/x")).toEqual([]);
  });

  it("redactSecrets blanks each secret, plain and percent-encoded, the longest first", () => {
    const redact = redactSecrets(["p@ss", "p@ss:word", ""]);
    expect(redact("auth p@ss:word failed; p%40ss too; p@ss")).toBe("auth *** failed; *** too; ***");
    expect(redactSecrets([])("nothing to hide")).toBe("nothing to hide");
  });
});
