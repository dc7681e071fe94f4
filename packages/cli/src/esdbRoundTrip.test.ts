import { describeEsdbRoundTrip } from "./testing-support/esdbRoundTrip.js";

// Through @kurrent/kurrentdb-client; esdbRoundTrip.eventstoredb.test.ts runs the same through @eventstore/db-client.
describeEsdbRoundTrip("@kurrent/kurrentdb-client");
