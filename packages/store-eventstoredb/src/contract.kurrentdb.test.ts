import { describeAdapterOnEmulator, describeAdapterOnServer } from "./testing-support/contractSuite.js";

/*
 * The store contract through @kurrent/kurrentdb-client, the maintained client (contract.test.ts
 * runs it through @eventstore/db-client, in both append modes). Its reads go through its Rust
 * bridge; its appends use BatchAppend when the server offers it. Its classic Append path (a
 * server without ServerFeatures) is driven by the fault tests (faults.kurrentdb.test.ts) in both
 * modes: running the whole contract a second time for it would add most of a minute to CI.
 */
describeAdapterOnEmulator("@kurrent/kurrentdb-client", [["BatchAppend advertised", true, 25_000]]);
describeAdapterOnServer("@kurrent/kurrentdb-client");
