/**
 * @tenfold/di — Tenfold wired for tsyringe: typed injection tokens and `registerTenfold` for a
 * container (one per tenant with child containers). The services it registers (the command
 * handler, the statistics reader, the subscription runner) are core's; the checkpoint signer and the
 * key store of personal data are registered when given. No decorators and no
 * runtime import of tsyringe: the host brings its container and imports `reflect-metadata` once,
 * at its entry point.
 * @packageDocumentation
 */

export { CHECKPOINT_SIGNER, CLOCK, COMMAND_HANDLER, EVENT_STORE, ID_GENERATOR, STATISTICS_READER, SUBJECT_KEY_STORE, SUBSCRIPTION_RUNNER } from "./tokens.js";
export { registerTenfold, type TenfoldOptions } from "./registerTenfold.js";
