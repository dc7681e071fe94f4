#!/usr/bin/env node
import { once } from "node:events";
import * as E from "fp-ts/lib/Either.js";
import { type CliIo, EXIT, type Writer } from "./io.js";
import { parseThreads } from "./preparedLines.js";
import { run } from "./run.js";
import { storeOpener } from "./storeOpener.js";

/** A writer over a process stream that waits for "drain" when the stream's buffer is full. */
const writerOf = (stream: NodeJS.WriteStream): Writer => ({
  write: (text) => (stream.write(text) ? undefined : once(stream, "drain").then(() => undefined)),
});

// A reader that goes away (`tenfold verify … | head`) ends the command quietly, without a stack trace:
// exit 1, as the result was not delivered.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", () => process.exit(EXIT.problems));
}

// --store values are opened by storeOpener.ts, which loads an adapter only when a command names a store.
const threads = parseThreads(process.env["TENFOLD_THREADS"]);
const io: CliIo = {
  stdout: writerOf(process.stdout),
  stderr: writerOf(process.stderr),
  stderrIsTerminal: process.stderr.isTTY,
  openStore: storeOpener({ esdbClient: process.env["TENFOLD_ESDB_CLIENT"] }),
  ...(E.isLeft(threads) ? { threadsProblem: threads.left } : threads.right === undefined ? {} : { threads: threads.right }),
};

process.exitCode = await run(process.argv.slice(2), io);
