/*
 * The little of a PostgreSQL driver the store uses, so that one set of SQL runs on a server
 * (through `pg`) and embedded (through PGlite). Every method rejects with the driver's own error;
 * errors.ts turns those into StoreError values.
 */

// model

/** A row as the driver returns it: every value the store selects is text, a number or null. */
export type Row = Readonly<Record<string, unknown>>;

/** Something that runs one statement with parameters. */
export interface Queryable {
  readonly query: (text: string, parameters?: ReadonlyArray<unknown>) => Promise<ReadonlyArray<Row>>;
}

/** Stops listening for notifications. */
export type Unlisten = () => Promise<void>;

/** @internal A database the store runs on. */
export interface Database extends Queryable {
  /**
   * Runs a script of several statements (its own BEGIN … COMMIT) as one simple query on one
   * connection: the rows of each statement. When a statement fails, the transaction is rolled back
   * and the promise rejects with that statement's error.
   */
  readonly script: (sql: string) => Promise<ReadonlyArray<ReadonlyArray<Row>>>;
  /** Runs `work` in one READ COMMITTED transaction on one connection; commits when it resolves, rolls back when it rejects. */
  readonly transaction: <A>(work: (connection: Queryable) => Promise<A>) => Promise<A>;
  /**
   * Calls `wake` on each notification on `channel`, and after every reconnection of the listening
   * connection (a notification sent while it was away is lost: the caller re-polls). Undefined
   * when the database cannot listen.
   */
  readonly listen: ((channel: string, wake: () => void) => Promise<Unlisten>) | undefined;
  /** Releases what the store opened (not what the caller passed in). */
  readonly close: () => Promise<void>;
}
