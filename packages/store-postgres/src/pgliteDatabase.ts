import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { Database, Queryable, Row } from "./database.js";

/*
 * The store's database embedded in this process on PGlite (PostgreSQL compiled to WebAssembly).
 * PGlite has one connection: its own lock runs transactions one at a time, and NOTIFY reaches
 * LISTEN within the same instance.
 */

const queryable = (on: PGlite | Transaction): Queryable => ({
  query: async (text, parameters) => (await on.query<Row>(text, parameters === undefined ? undefined : [...parameters])).rows,
});

/** @internal The database over a PGlite instance; `owns`: whether closing the store closes it. */
export const pgliteDatabase = (db: PGlite, owns: boolean): Database => ({
  query: queryable(db).query,
  script: async (sql) => {
    try {
      return (await db.exec(sql)).map((r) => r.rows as ReadonlyArray<Row>);
    } catch (error) {
      await db.exec("ROLLBACK").catch(() => undefined);
      throw error;
    }
  },
  transaction: (work) =>
    db.transaction(async (tx) => {
      await tx.query("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
      return work(queryable(tx));
    }),
  listen: async (channel, wake) => {
    const unlisten = await db.listen(channel, wake);
    return async () => {
      await unlisten();
    };
  },
  close: async () => {
    if (owns) await db.close();
  },
});
