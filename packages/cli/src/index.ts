/**
 * @tenfold/cli — the `tenfold` command: the Xining demo, statistics and verification of NDJSON
 * campaign histories. `run` is the whole CLI as a function, for tests and embedding.
 * @packageDocumentation
 */

export { run } from "./run.js";
export { EXIT, type CliIo, type ExitCode, type OpenedStore, type StoreOpener, type Writer } from "./io.js";
export { exportStore } from "./export.js";
export { openStoreUrl, storeOpener, type StoreOpenerSettings } from "./storeOpener.js";
