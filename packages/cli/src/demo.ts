import { describeHandleError } from "@tenfold/core";
import { runXiningDemo } from "@tenfold/example-xining-2013";
import { memoryHistoryStore } from "./personalData.js";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, failure } from "./CliError.js";
import { defineCommand } from "./command.js";
import { DEMO_HELP } from "./help.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { renderStatistics } from "./statisticsTable.js";

/** Runs the Xining campaign on a new in-memory store and prints its statistics, as a table or JSON. */
export const demo = (json: boolean, io: CliIo): TE.TaskEither<CliError, ExitCode> =>
  pipe(
    runXiningDemo(memoryHistoryStore(io)),
    TE.mapLeft((error) => failure(`tenfold demo: the Xining campaign was refused: ${describeHandleError(error)}`)),
    TE.flatMap((stats) => async () => {
      await io.stdout.write(json ? `${JSON.stringify(stats, null, 2)}\n` : renderStatistics(stats));
      return E.right(EXIT.ok);
    }),
  );

/** `tenfold demo [--json]`. */
export const demoCommand = defineCommand("demo", DEMO_HELP, { json: { type: "boolean" } }, (flags, io) => demo(flags.json === true, io));
