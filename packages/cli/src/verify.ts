import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, failure, fileError } from "./CliError.js";
import { defineCommand, required } from "./command.js";
import { VERIFY_HELP } from "./help.js";
import { emptyHistory, judgeLine } from "./history.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { type LineItem, openLines } from "./ndjson.js";

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * Checks every line of `file` against the lines accepted before it, printing each problem as
 * `FILE:LINE: message` on stdout as soon as it is found, then `N lines, N problems`.
 * Memory grows with the campaign's entities, not with the file.
 */
export const verifyFile =
  (file: string, lines: AsyncIterable<LineItem>, io: CliIo): TE.TaskEither<CliError, ExitCode> =>
  async () => {
    let history = emptyHistory();
    let count = 0;
    let problems = 0;
    for await (const item of lines) {
      if (item._tag === "ReadFailed") return E.left(fileError(file, item.reason));
      count = item.number;
      const judged = item._tag === "BadLine" ? E.left(item.message) : judgeLine(history, item.number, item.text);
      if (E.isRight(judged)) {
        history = judged.right.history;
        continue;
      }
      problems++;
      await io.stdout.write(`${file}:${item.number}: ${judged.left}\n`);
    }
    if (count === 0) return E.left(failure(`${file} is empty`));
    await io.stdout.write(`${plural(count, "line")}, ${plural(problems, "problem")}\n`);
    return E.right(problems === 0 ? EXIT.ok : EXIT.problems);
  };

/** `tenfold verify --input FILE`. */
export const verifyCommand = defineCommand("verify", VERIFY_HELP, { input: { type: "string", short: "i" } }, (flags, io) =>
  pipe(
    TE.fromEither(required("verify", "input", flags.input, "FILE")),
    TE.flatMap((file) =>
      pipe(
        openLines(file),
        TE.flatMap((lines) => verifyFile(file, lines, io)),
      ),
    ),
  ),
);
