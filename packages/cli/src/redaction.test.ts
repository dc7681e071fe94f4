import { describe, expect, it } from "vitest";
import { openStoreUrl } from "./storeOpener.js";
import { runCliWith } from "./testing-support/audit.js";

/*
 * No output of any command that takes --store holds a store URL's password, whatever is wrong
 * with the URL: a mistyped or missing scheme, a malformed port, a bad option, a server that
 * refuses. Each password is checked plain and percent-encoded.
 */

const PASSWORD = "ch@nge:it/%40?x";
const ENCODED = encodeURIComponent(PASSWORD);

const BROKEN: ReadonlyArray<readonly [string, string]> = [
  ["a mistyped scheme", `esbd://admin:${ENCODED}@localhost:2113`],
  ["no scheme", `admin:${ENCODED}@localhost:2113`],
  ["a password written as it is", `esdb://admin:${PASSWORD}@localhost:2113`],
  ["a malformed port", `esdb://admin:${ENCODED}@localhost:notaport?tls=false`],
  ["a bad option", `esdb://admin:${ENCODED}@localhost:2113?tls=maybe`],
  ["an EventStoreDB server that refuses", `esdb://admin:${ENCODED}@127.0.0.1:1?tls=false&defaultDeadline=500`],
  ["a PostgreSQL server that refuses", `postgres://tenfold:${ENCODED}@127.0.0.1:1/postgres`],
  ["a PostgreSQL URL with no host", `postgresql://tenfold:${ENCODED}@/postgres`],
  ["a password as a query parameter", `postgres://tenfold@127.0.0.1:1/postgres?password=${ENCODED}`],
];

const COMMANDS: ReadonlyArray<ReadonlyArray<string>> = [
  ["stats", "--campaign", "xining-2013"],
  ["export", "--out", "/nonexistent/x.ndjson"],
  ["heads"],
  ["diff", "--from", "2013-01-01", "--to", "2013-02-01"],
  ["report", "--out", "/nonexistent/r.html"],
];

describe("store URLs in the CLI's output", () => {
  it.each(BROKEN)("%s: every command fails without showing the password", async (_, url) => {
    for (const [command = "", ...rest] of COMMANDS) {
      const ran = await runCliWith({ openStore: openStoreUrl }, command, "--store", url, ...rest);
      expect(ran.code, `${command}: ${ran.stderr}`).not.toBe(0);
      const output = ran.stdout + ran.stderr;
      for (const secret of [PASSWORD, ENCODED, "ch@nge", "nge:it"]) expect(output, `${command} printed: ${output}`).not.toContain(secret);
    }
  }, 60_000);
});
