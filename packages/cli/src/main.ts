#!/usr/bin/env node
import { once } from "node:events";
import * as E from "fp-ts/lib/Either.js";
import { type CliIo, EXIT, type StoreOpener, type Writer } from "./io.js";
import { run } from "./run.js";

/** A writer over a process stream that waits for "drain" when the stream's buffer is full. */
const writerOf = (stream: NodeJS.WriteStream): Writer => ({
  write: (text) => (stream.write(text) ? undefined : once(stream, "drain").then(() => undefined)),
});

// A reader that goes away (`tenfold verify … | head`) ends the command quietly, without a stack trace:
// exit 1, as the result was not delivered.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", () => process.exit(EXIT.problems));
}

/** Opens `--store` URLs with the EventStoreDB adapter, loaded only when a command names a store. */
const openStore: StoreOpener = async (url) => {
  const esdb = await import("@tenfold/store-eventstoredb");
  if (!esdb.isEventStoreDbConnectionString(url)) {
    return E.left(`--store takes an EventStoreDB connection string (esdb://host:2113 or esdb+discover://…), got "${url.split("@").at(-1) ?? ""}"`);
  }
  return E.mapLeft(esdb.describeConnectionError)(esdb.connectEventStoreDb(url));
};

const io: CliIo = { stdout: writerOf(process.stdout), stderr: writerOf(process.stderr), stderrIsTerminal: process.stderr.isTTY, openStore };

process.exitCode = await run(process.argv.slice(2), io);
