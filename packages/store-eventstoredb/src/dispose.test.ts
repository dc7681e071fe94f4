import { describeClose } from "./testing-support/closeSuite.js";

// Through @eventstore/db-client; dispose.kurrentdb.test.ts runs the same through @kurrent/kurrentdb-client.
describeClose("@eventstore/db-client");
