/**
 * @tenfold/di — Tenfold wired for tsyringe: typed injection tokens and `registerTenfold` for a
 * container (one per tenant with child containers). The services it registers (the command
 * handler, the statistics reader, the subscription runner) are core's. No decorators and no
 * runtime import of tsyringe: the host brings its container and imports `reflect-metadata` once,
 * at its entry point.
 * @packageDocumentation
 */

export { CHECKPOINT_SIGNER, CLOCK, COMMAND_HANDLER, EVENT_STORE, ID_GENERATOR, STATISTICS_READER, SUBSCRIPTION_RUNNER } from "./tokens.js";
export { registerTenfold, type TenfoldOptions } from "./registerTenfold.js";
