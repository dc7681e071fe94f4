import { describeFaults } from "./testing-support/faultsSuite.js";

// Through @kurrent/kurrentdb-client; faults.test.ts runs the same through @eventstore/db-client.
describeFaults("@kurrent/kurrentdb-client");
