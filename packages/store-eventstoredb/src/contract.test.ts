import { describeAdapterOnEmulator, describeAdapterOnServer } from "./testing-support/contractSuite.js";

/*
 * The store contract through @eventstore/db-client (contract.kurrentdb.test.ts runs it through
 * @kurrent/kurrentdb-client: one client package per process), against the emulator without
 * ServerFeatures (classic Append) and with BatchAppend advertised, and against a real server when
 * TENFOLD_ESDB_URL is set.
 */

// The long stream is 100,000 events with BatchAppend, and 25,000 with classic Append: the client
// sends classic appends one gRPC message per event, which alone takes about a minute for 100,000
// on a loaded two-core machine, near the suite's 120 s limit. Reads are the same in both modes.
describeAdapterOnEmulator("@eventstore/db-client", [
  ["classic Append (no ServerFeatures)", false, 25_000],
  ["BatchAppend advertised", true, 100_000],
]);

describeAdapterOnServer("@eventstore/db-client");
