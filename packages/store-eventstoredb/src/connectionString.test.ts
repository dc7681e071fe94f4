import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "@tenfold/esdb-emulator";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { connectEventStoreDb, describeConnectionError } from "./connect.js";
import { isEventStoreDbConnectionString, parseConnectionString, redactConnectionString } from "./connectionString.js";

const SECRET = "s3cr3t-P@ss";
const WITH_SECRET = `esdb://admin:${encodeURIComponent(SECRET)}@db.example.com:2113`;

const reasonOf = (result: E.Either<{ readonly reason: string }, unknown>): string => (E.isLeft(result) ? result.left.reason : "(no error)");

describe("parseConnectionString", () => {
  it("reads one insecure node", () => {
    expect(parseConnectionString("esdb://127.0.0.1:2113?tls=false")).toEqual(E.right({ kind: "single", hosts: [{ address: "127.0.0.1", port: 2113 }], tls: false }));
  });

  it("reads credentials (percent-decoded), TLS by default, and the default port", () => {
    expect(parseConnectionString(`esdb://admin:${encodeURIComponent(SECRET)}@db.example.com`)).toEqual(
      E.right({ kind: "single", hosts: [{ address: "db.example.com", port: 2113 }], tls: true, credentials: { username: "admin", password: SECRET } }),
    );
  });

  it("reads a three-node cluster as gossip seeds, and a DNS name to discover", () => {
    const gossip = parseConnectionString("esdb://node1:2113,node2:2113,node3:2113?nodePreference=leader&tlsCAFile=%2Fcerts%2Fca.crt");
    expect(gossip).toEqual(
      E.right({
        kind: "gossip",
        hosts: [1, 2, 3].map((n) => ({ address: `node${n}`, port: 2113 })),
        tls: true,
        nodePreference: "leader",
        tlsCAFile: "/certs/ca.crt",
      }),
    );
    const discover = parseConnectionString("esdb+discover://user:pw@cluster.example.com:2113?node-preference=follower&maxDiscoverAttempts=5&defaultDeadline=3000");
    expect(E.isRight(discover) && discover.right).toMatchObject({ kind: "discover", nodePreference: "follower", maxDiscoverAttempts: 5, defaultDeadline: 3000 });
  });

  it.each([
    ["", /expected kurrentdb:\/\/.*or esdb:\/\//],
    ["http://localhost:2113", /expected kurrentdb:\/\//],
    ["esdb://", /no host/],
    ["esdb://host:99999", /port from 1 to 65535/],
    ["esdb://host?tls=maybe", /tls must be true or false/],
    ["esdb://host?colour=blue", /unknown option "colour"/],
    ["esdb://host?tlsVerifyCert=false", /tlsCAFile/],
    ["esdb://host?defaultDeadline=-5", /defaultDeadline must be a positive whole number/],
    ["esdb://host?nodePreference=fastest", /nodePreference must be/],
    ["esdb+discover://a:1,b:2", /one DNS name/],
    ["esdb://admin@host", /username:password@/],
  ])("refuses %j, saying why", (text, reason) => {
    expect(reasonOf(parseConnectionString(text))).toMatch(reason);
  });

  it.each([
    `${WITH_SECRET}?tls=maybe`,
    `${WITH_SECRET}?${SECRET}=1`,
    `${WITH_SECRET}:notaport`,
    `esdb://admin:${SECRET}@host?tlsCAFile=/nowhere/${SECRET}.pem`,
    `esdb+discover://admin:${SECRET}@a,b`,
    `esdb://admin:${encodeURIComponent(SECRET)}@`,
  ])("never repeats the credentials in a reason (%#)", (text) => {
    const reason = reasonOf(connectEventStoreDb(text));
    expect(reason).not.toBe("(no error)");
    expect(reason).not.toContain(SECRET);
    expect(reason).not.toContain(encodeURIComponent(SECRET));
  });

  it("recognises and redacts connection strings", () => {
    expect(isEventStoreDbConnectionString("esdb://localhost:2113")).toBe(true);
    expect(isEventStoreDbConnectionString("ESDB+discover://cluster")).toBe(true);
    expect(isEventStoreDbConnectionString("memory")).toBe(false);
    expect(redactConnectionString(WITH_SECRET)).toBe("esdb://admin:***@db.example.com:2113");
    expect(redactConnectionString("esdb://host:2113?tls=false")).toBe("esdb://host:2113?tls=false");
  });
});

describe("connectEventStoreDb", () => {
  it("makes a store and a close, lazily (no server needed), described without credentials", async () => {
    const connected = connectEventStoreDb(`esdb://admin:${SECRET}@127.0.0.1:1?tls=false`);
    expect(E.isRight(connected)).toBe(true);
    if (E.isLeft(connected)) return;
    expect(connected.right.description).toBe("esdb://admin:***@127.0.0.1:1?tls=false");
    await connected.right.close();
  });

  // This file loads only @kurrent/kurrentdb-client: the two packages cannot share a process (dispose.test.ts connects through the other).
  it("goes through @kurrent/kurrentdb-client when it is installed, or through the package asked for", async () => {
    const found = connectEventStoreDb("kurrentdb://127.0.0.1:1?tls=false");
    const asked = connectEventStoreDb("esdb://127.0.0.1:1?tls=false", { clientPackage: "@kurrent/kurrentdb-client" });
    expect(E.isRight(found) && found.right.clientPackage).toBe("@kurrent/kurrentdb-client");
    expect(E.isRight(asked) && asked.right.clientPackage).toBe("@kurrent/kurrentdb-client");
    if (E.isRight(found)) await found.right.close();
    if (E.isRight(asked)) await asked.right.close();
  });

  it("says which package to install when no client package can be found", () => {
    // A real require from an empty directory, in a process without pnpm's NODE_PATH: neither package resolves there.
    const empty = mkdtempSync(join(tmpdir(), "tenfold-no-client-"));
    // And a directory where KurrentDB's client is installed but cannot load what it needs (as when its native bridge is missing).
    const brokenDir = mkdtempSync(join(tmpdir(), "tenfold-broken-client-"));
    const brokenPackage = join(brokenDir, "node_modules", "@kurrent", "kurrentdb-client");
    mkdirSync(brokenPackage, { recursive: true });
    writeFileSync(join(brokenPackage, "package.json"), JSON.stringify({ name: "@kurrent/kurrentdb-client", main: "index.js" }));
    writeFileSync(join(brokenPackage, "index.js"), 'require("@kurrent/bridge-not-for-this-platform");\n');
    const script = [
      `import { createRequire } from "node:module";`,
      `import { loadClientPackage } from ${JSON.stringify(new URL("../dist/clientPackage.js", import.meta.url).href)};`,
      `const nowhere = createRequire(${JSON.stringify(join(empty, "index.js"))});`,
      `const broken = createRequire(${JSON.stringify(join(brokenDir, "index.js"))});`,
      `console.log(JSON.stringify([loadClientPackage(undefined, nowhere), loadClientPackage("@eventstore/db-client", nowhere), loadClientPackage(undefined, broken)]));`,
    ].join("\n");
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, NODE_PATH: "" }, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual([
      {
        _tag: "Left",
        left: {
          _tag: "ClientPackageMissing",
          reason: "no KurrentDB client is installed: add @kurrent/kurrentdb-client (or @eventstore/db-client) to the application's dependencies",
        },
      },
      { _tag: "Left", left: { _tag: "ClientPackageMissing", reason: "@eventstore/db-client is not installed: add it to the application's dependencies" } },
      { _tag: "Left", left: { _tag: "ClientPackageMissing", reason: "@kurrent/kurrentdb-client is installed but cannot be loaded (MODULE_NOT_FOUND)" } },
    ]);
  });

  it("says which TLS file it cannot read", () => {
    const result = connectEventStoreDb("esdb://host:2113?tlsCAFile=/definitely/missing/ca.crt");
    expect(E.isLeft(result) && describeConnectionError(result.left)).toBe("cannot read the file that tlsCAFile names (ENOENT)");
  });

  it.each(["?tls=false", ""])("keeps the credentials out of StoreUnavailable reasons when the server cannot be reached (%j)", async (query) => {
    const connected = connectEventStoreDb(`esdb://admin:${encodeURIComponent(SECRET)}@127.0.0.1:1${query}`, { deadlineMs: 2000 });
    if (E.isLeft(connected)) throw new Error(connected.left.reason);
    const { store, close } = connected.right;
    try {
      const read = await store.readStream("tenfold-campaign-x")();
      expect(E.isLeft(read) && read.left._tag).toBe("StoreUnavailable");
      expect(JSON.stringify(read)).not.toContain(SECRET);
    } finally {
      await close();
    }
  });

  it("close ends the store's open subscriptions, waking a consumer that waits", async () => {
    const emulator = await startEmulator();
    const connected = connectEventStoreDb(emulator.connectionString);
    if (E.isLeft(connected)) throw new Error(connected.left.reason);
    try {
      const iterator = connected.right.store.subscribeToAll()[Symbol.asyncIterator]();
      expect(await iterator.next()).toEqual({ done: false, value: { _tag: "CaughtUp", position: null } });
      const waiting = iterator.next();
      await connected.right.close();
      expect(await waiting).toEqual({ done: true, value: undefined });
    } finally {
      await emulator.stop();
    }
  });
});
