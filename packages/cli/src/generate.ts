import { GENERATE_LIMITS, generateHistory, historyToNdjsonLines } from "@tenfold/testing/arbitraries";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, usageError } from "./CliError.js";
import { defineCommand, required } from "./command.js";
import { GENERATE_HELP } from "./helpGenerate.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { writingTo } from "./output.js";

/** What to generate, checked. */
interface Plan {
  readonly seed: number;
  readonly groups: number;
  readonly events: number;
}

const wholeNumber = (flag: string, text: string | undefined, fallback: number, min: number, max: number): E.Either<CliError, number> => {
  if (text === undefined) return E.right(fallback);
  const n = Number(text);
  return /^-?\d+$/.test(text) && Number.isSafeInteger(n) && n >= min && n <= max
    ? E.right(n)
    : E.left(usageError("generate", `--${flag} takes a whole number from ${min} to ${max}, got "${text}"`));
};

const planOf = (flags: { seed?: string; groups?: string; events?: string }): E.Either<CliError, Plan> =>
  pipe(
    required("generate", "seed", flags.seed, "N"),
    E.flatMap((seed) => wholeNumber("seed", seed, 0, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)),
    E.flatMap((seed) =>
      pipe(
        wholeNumber("groups", flags.groups, 8, 0, GENERATE_LIMITS.maxGroups),
        E.flatMap((groups) =>
          pipe(
            wholeNumber("events", flags.events, 200, groups + 1, GENERATE_LIMITS.maxEvents),
            E.map((events) => ({ seed, groups, events })),
          ),
        ),
      ),
    ),
  );

/** Writes one valid history, reproducible from its seed, as NDJSON lines of `{type, data}` to `out` or stdout. */
export const generate = (plan: Plan, out: string | undefined, io: CliIo): TE.TaskEither<CliError, ExitCode> => {
  const history = generateHistory(plan);
  const write = async (sink: { readonly write: (text: string) => Promise<void> | undefined }): Promise<void> => {
    for (const line of historyToNdjsonLines(history)) await sink.write(line);
  };
  if (out === undefined) {
    return async () => {
      await write(io.stdout);
      return E.right(EXIT.ok);
    };
  }
  return pipe(
    writingTo(out, (output) => TE.fromTask(() => write(output))),
    TE.flatMap(() => async () => {
      await io.stderr.write(`Wrote ${history.length} events (seed ${plan.seed}) to ${out}\n`);
      return E.right(EXIT.ok);
    }),
  );
};

/** `tenfold generate --seed N [--groups G] [--events E] [--out FILE]`. */
export const generateCommand = defineCommand(
  "generate",
  GENERATE_HELP,
  { seed: { type: "string" }, groups: { type: "string" }, events: { type: "string" }, out: { type: "string", short: "o" } },
  (flags, io) => pipe(TE.fromEither(planOf(flags)), TE.flatMap((plan) => generate(plan, flags.out, io))),
);
