import { describeFaults } from "./testing-support/faultsSuite.js";

// Through @eventstore/db-client; faults.kurrentdb.test.ts runs the same through @kurrent/kurrentdb-client.
describeFaults("@eventstore/db-client");
