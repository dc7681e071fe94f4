#!/usr/bin/env node
import { startEmulator } from "./server.js";

// Standalone emulator: PORT (default 0, any free port), BATCH_APPEND=false for an old server,
// SYSTEM_EVENTS=false for a log without the startup system events.
// Prints the connection string once listening; stops on SIGINT or SIGTERM.
const port = Number(process.env["PORT"] ?? "0");
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`esdb-emulator: PORT must be an integer from 0 to 65535, not ${process.env["PORT"] ?? ""}\n`);
  process.exit(2);
}

const emulator = await startEmulator({
  port,
  batchAppend: process.env["BATCH_APPEND"] !== "false",
  systemEvents: process.env["SYSTEM_EVENTS"] !== "false",
});
process.stdout.write(`${emulator.connectionString}\n`);

const shutdown = (): void => {
  void emulator.stop().then(() => process.exit(0));
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
