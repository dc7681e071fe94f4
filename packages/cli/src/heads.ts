import { formatStreamHead } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type ChainResult, chainOfFile, chainOfStore } from "./chains.js";
import { type CliError, failure } from "./CliError.js";
import { defineCommand } from "./command.js";
import { HEADS_HELP } from "./helpAudit.js";
import type { CliIo, ExitCode } from "./io.js";
import { deliver } from "./output.js";
import { parseSource, type Source, withStore } from "./source.js";

/** The heads of intact chains; a history with chain problems, or without seals, has no head worth publishing. */
const intactHeads = (source: string, chains: ChainResult): E.Either<CliError, string> => {
  if (chains.problems.length > 0) {
    return E.left(failure(...chains.problems, `No heads: the hash chains of ${source} have problems, and a head is worth publishing only over intact chains.`));
  }
  if (chains.summary.sealed !== true) {
    return E.left(failure(`${source} carries no seals (previousHash, hash), so it has no heads: seal it first with "tenfold export --input ${source} --out FILE".`));
  }
  return E.right(chains.summary.heads.map((head) => `${formatStreamHead(head)}\n`).join(""));
};

/** Prints (or writes to `out`) the head of every stream of a file or store: one `{"streamId", "revision", "hash"}` a line. */
export const headsOf = (source: Source, out: string | undefined, io: CliIo): TE.TaskEither<CliError, ExitCode> =>
  pipe(
    source._tag === "File"
      ? pipe(chainOfFile(source.file, io), TE.flatMapEither((chains) => intactHeads(source.file, chains)))
      : withStore("heads", io, source.url, ({ store, description }) => pipe(chainOfStore(store, description, io), TE.flatMapEither((chains) => intactHeads(description, chains)))),
    TE.flatMap((text) => {
      const n = text.split("\n").length - 1;
      return deliver(text, out, `${n} head${n === 1 ? "" : "s"}`, io);
    }),
  );

/** `tenfold heads (--input FILE | --store URL) [--out FILE]`. */
export const headsCommand = defineCommand(
  "heads",
  HEADS_HELP,
  { input: { type: "string", short: "i" }, store: { type: "string" }, out: { type: "string", short: "o" } },
  (flags, io) =>
    pipe(
      TE.fromEither(parseSource("heads", flags.input, flags.store)),
      TE.flatMap((source) => headsOf(source, flags.out, io)),
    ),
);
