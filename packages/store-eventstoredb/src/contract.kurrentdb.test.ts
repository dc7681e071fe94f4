import { describeAdapterOnEmulator, describeAdapterOnServer } from "./testing-support/contractSuite.js";

/*
 * The store contract through @kurrent/kurrentdb-client, the maintained client (contract.test.ts
 * runs it through @eventstore/db-client). Its reads go through its Rust bridge; its appends use
 * BatchAppend when the server offers it, as EventStoreDB's client does, so both modes are run.
 */
describeAdapterOnEmulator("@kurrent/kurrentdb-client", [
  ["classic Append (no ServerFeatures)", false, 25_000],
  ["BatchAppend advertised", true, 25_000],
]);
describeAdapterOnServer("@kurrent/kurrentdb-client");
