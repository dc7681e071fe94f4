export { startEmulator, type EmulatorOptions, type RunningEmulator } from "./server.js";
export { DELETED_STREAM, EmulatorData, type Epoch, type ProposedEvent, type StoredEvent } from "./data.js";
export type { EmulatorMethod } from "./context.js";
export { EMULATED_SERVER_VERSION } from "./features.js";
export type { ClientPackage } from "./proto.js";
