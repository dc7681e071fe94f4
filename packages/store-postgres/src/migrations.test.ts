import { anyRevision } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { SCHEMA_VERSION } from "./migrations.js";
import { createPostgresEventStore, describeOpenError } from "./PostgresEventStore.js";
import { groups, orFail } from "./testing-support/events.js";
import { freshSchema, openTestStore, testServerUrl, withClient } from "./testing-support/testDatabase.js";

const versions = (schema: string): Promise<number[]> =>
  withClient(async (c) => (await c.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`)).rows.map((r) => r.version));

describe("migrations run on open", () => {
  it("create the schema once, however many connections open it at the same moment", async () => {
    const schema = freshSchema("race");
    const stores = await Promise.all(Array.from({ length: 6 }, () => openTestStore({ schema, poolSize: 1, listen: false })));
    expect(await versions(schema)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    await orFail(stores[0]!.append("tenfold-campaign-race", groups("r", 2), anyRevision));
    const page = await orFail(stores[5]!.readStream("tenfold-campaign-race"));
    expect(page.events).toHaveLength(2);
    await Promise.all(stores.map((s) => s.close()));
  });

  it("leave a migrated schema as it is when it is opened again", async () => {
    const schema = freshSchema("again");
    const first = await openTestStore({ schema });
    await orFail(first.append("tenfold-campaign-kept", groups("k", 3), anyRevision));
    await first.close();
    const second = await openTestStore({ schema });
    expect((await orFail(second.readStream("tenfold-campaign-kept"))).events).toHaveLength(3);
    expect(await versions(schema)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    await second.close();
  });

  it("refuse a schema that a newer Tenfold migrated, naming both versions, and write nothing to it", async () => {
    const schema = freshSchema("newer");
    await (await openTestStore({ schema })).close();
    await withClient((c) => c.query(`INSERT INTO "${schema}".schema_migrations (version, description) VALUES (99, 'from the future')`));
    const opened = await createPostgresEventStore({ connectionString: testServerUrl() }, { schema })();
    expect(E.isLeft(opened) && opened.left).toEqual({ _tag: "SchemaTooNew", schema, found: 99, supported: SCHEMA_VERSION });
    if (E.isLeft(opened)) expect(describeOpenError(opened.left)).toBe(`schema "${schema}" is at version 99, newer than this Tenfold knows (${SCHEMA_VERSION}): upgrade Tenfold, or open another schema`);
  });

  it("keep stores in different schemas of one database apart", async () => {
    const [a, b] = await Promise.all([openTestStore(), openTestStore()]);
    await orFail(a.append("tenfold-campaign-apart", groups("a", 2), anyRevision));
    expect((await orFail(b.readAll())).events).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it("refuse a schema name that is not a plain identifier, when the store is created", () => {
    expect(() => createPostgresEventStore({ connectionString: testServerUrl() }, { schema: 'x"; DROP TABLE y; --' })).toThrow(/schema must be 1–48 lowercase letters/);
  });
});
