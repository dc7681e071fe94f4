import { describeClose } from "./testing-support/closeSuite.js";

// Through @kurrent/kurrentdb-client; dispose.test.ts runs the same through @eventstore/db-client.
describeClose("@kurrent/kurrentdb-client");
