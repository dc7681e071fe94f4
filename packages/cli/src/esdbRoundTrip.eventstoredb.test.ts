import { describeEsdbRoundTrip } from "./testing-support/esdbRoundTrip.js";

// Through @eventstore/db-client; esdbRoundTrip.test.ts runs the same through @kurrent/kurrentdb-client.
describeEsdbRoundTrip("@eventstore/db-client");
