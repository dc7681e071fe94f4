import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { STATS_HELP, STORE_URLS, VERIFY_HELP } from "./help.js";
import { DIFF_HELP, EXPORT_HELP, HEADS_HELP, REPORT_HELP } from "./helpAudit.js";
import { openStoreUrl } from "./storeOpener.js";
import { storeTarget } from "./storeUrl.js";
import { runCliWith } from "./testing-support/audit.js";
import { serverUrl } from "./testing-support/postgres.js";

const STACK_FRAME = /^\s+at .+[(:]/m;
// The built binary (the repo's test command runs `tsc -b` first), as e2e.test.ts runs it.
const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

/** The test server's URL with another password. */
const withPassword = (url: string, password: string): string => {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
};

describe("--store values", () => {
  it("tells EventStoreDB, PostgreSQL and PGlite apart, and splits the schema parameter off a PostgreSQL URL", () => {
    expect(storeTarget("esdb+discover://cluster:2113")).toEqual(E.right({ _tag: "EventStoreDb", url: "esdb+discover://cluster:2113" }));
    for (const url of ["kurrentdb://node:2113?tls=false", "kurrentdb+discover://cluster:2113", "kurrent://node", "KDB://node"]) {
      expect(storeTarget(url)).toEqual(E.right({ _tag: "EventStoreDb", url }));
    }
    expect(storeTarget("postgres://u:p@h:5432/db")).toEqual(E.right({ _tag: "Postgres", url: "postgres://u:p@h:5432/db", schema: undefined }));
    expect(storeTarget("postgresql://u:p@h/db?schema=s1&sslmode=disable#x")).toEqual(E.right({ _tag: "Postgres", url: "postgresql://u:p@h/db?sslmode=disable#x", schema: "s1" }));
    expect(storeTarget("POSTGRES://h/db?schema=a")).toEqual(E.right({ _tag: "Postgres", url: "POSTGRES://h/db", schema: "a" }));
    // A "?" in the password is not the query.
    expect(storeTarget("postgres://u:p?schema=x@h/db")).toEqual(E.right({ _tag: "Postgres", url: "postgres://u:p?schema=x@h/db", schema: undefined }));
    expect(storeTarget("pglite:./campaign-db")).toEqual(E.right({ _tag: "Pglite", dataDir: "./campaign-db" }));
    expect(storeTarget("pglite:/var/lib/tenfold")).toEqual(E.right({ _tag: "Pglite", dataDir: "/var/lib/tenfold" }));
  });

  it("says why a value names no store, showing it without its password", () => {
    const reason = (url: string): string => (E.isLeft(storeTarget(url)) ? (storeTarget(url) as E.Left<string>).left : "");
    expect(reason("pglite:")).toBe('"pglite:" names no directory: expected pglite:DIR, e.g. pglite:./campaign-db');
    expect(reason("pglite://db")).toBe('"pglite://db" is a URL, but pglite: takes a path: pglite:./campaign-db, or pglite:/absolute/dir');
    expect(reason("memory:")).toMatch(/^"memory:" is not a store URL: an in-memory store holds nothing to read; give --input FILE, or kurrentdb:\/\/.+esdb:\/\//);
    expect(reason("postgres://tenfold@db/x?sslmode=disable&password=hunter2")).toBe(
      '"postgres://tenfold@db/x?…" gives a password as a query parameter, where it would be shown: put it in the URL (postgres://user:password@host/database) or in PGPASSWORD',
    );
    expect(reason("mysql://root:hunter2@db/x")).toMatch(/^"mysql:\/\/root:\*\*\*@db\/x" is not a store URL: expected kurrentdb:\/\/.+, postgres:\/\/.+ or pglite:DIR/);
  });

  it("are listed in the help of every command that takes --store", () => {
    for (const help of [STATS_HELP, VERIFY_HELP, EXPORT_HELP, HEADS_HELP, DIFF_HELP, REPORT_HELP]) expect(help).toContain(STORE_URLS);
    for (const form of ["esdb://", "postgres://", "postgresql://", "?schema=NAME", "pglite:DIR"]) expect(STORE_URLS).toContain(form);
  });
});

describe("a --store that cannot be opened", () => {
  const broken: ReadonlyArray<readonly [string, string, ReadonlyArray<string>]> = [
    ["an unreachable server", "postgres://tenfold:s3cret-unreachable@127.0.0.1:1/postgres", ["s3cret-unreachable"]],
    ["a percent-encoded password", "postgres://user:p%40ss-w0rd@127.0.0.1:1/tenfold", ["p%40ss-w0rd", "p@ss-w0rd"]],
    ["a port that is no port", "postgresql://tenfold:s3cret-port@127.0.0.1:99999/postgres", ["s3cret-port"]],
    ["no host", "postgres://tenfold:s3cret-nohost@/postgres", ["s3cret-nohost"]],
    ["not a store URL", "mysql://root:s3cret-mysql@db/x", ["s3cret-mysql"]],
    ["a password as a query parameter", "postgres://tenfold:@127.0.0.1:1/postgres?password=s3cret-query", ["s3cret-query"]],
  ];

  it.each(broken)("%s: a usage error naming the problem, without the password", async (_, url, secrets) => {
    const ran = await runCliWith({ openStore: openStoreUrl }, "stats", "--store", url);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe("");
    expect(ran.stderr).toMatch(/^tenfold stats: --store[ :]/);
    expect(ran.stderr).toContain(":***@");
    for (const secret of secrets) expect(ran.stderr).not.toContain(secret);
  });

  it("the real server with a wrong password or a schema it refuses: says so, without either password", async () => {
    const server = serverUrl();
    const secrets = [decodeURIComponent(new URL(server).password), new URL(server).password, "wr0ng-s3cret"];
    const wrong = await runCliWith({ openStore: openStoreUrl }, "stats", "--store", withPassword(server, "wr0ng-s3cret"));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('password authentication failed for user "tenfold" (28P01)');
    const schema = await runCliWith({ openStore: openStoreUrl }, "heads", "--store", `${server}?schema=Not-A-Schema`);
    expect(schema.code).toBe(2);
    expect(schema.stderr).toContain('schema must be 1–48 lowercase letters, digits or "_", starting with a letter or "_", got "Not-A-Schema"');
    for (const secret of secrets) expect(wrong.stderr + schema.stderr).not.toContain(secret);
  });

  it("is the same usage error in every command that takes --store", async () => {
    const url = "postgres://tenfold:s3cret-everywhere@127.0.0.1:1/postgres";
    const commands = [["stats"], ["export", "--out", "/nonexistent/x.ndjson"], ["heads"], ["diff", "--from", "2013-01-01", "--to", "2013-02-01"], ["report", "--out", "/nonexistent/r.html"]];
    for (const [command = "", ...rest] of commands) {
      const ran = await runCliWith({ openStore: openStoreUrl }, command, "--store", url, ...rest);
      expect(ran).toEqual({ code: 2, stdout: "", stderr: expect.stringContaining(`tenfold ${command}: --store: cannot open postgres://tenfold:***@127.0.0.1:1/postgres: `) as string });
      expect(ran.stderr).not.toContain("s3cret-everywhere");
    }
  });

  it("through the binary: exit 2, a plain message, no stack trace, no password", () => {
    for (const url of ["postgres://tenfold:s3cret-binary@127.0.0.1:1/postgres", withPassword(serverUrl(), "s3cret-binary"), "pglite:"]) {
      const result = spawnSync(process.execPath, [MAIN, "stats", "--store", url], { encoding: "utf8", timeout: 20_000 });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^tenfold stats: --store[ :]/);
      expect(result.stdout + result.stderr).not.toMatch(STACK_FRAME);
      expect(result.stdout + result.stderr).not.toContain("s3cret-binary");
    }
  });
});
