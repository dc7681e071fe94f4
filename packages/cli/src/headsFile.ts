import { formatDecodeError } from "@tenfold/core";
import { parseStreamHead, type StreamHead } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type CliError, fileError } from "./CliError.js";
import { openLines } from "./ndjson.js";

/**
 * Reads a heads file: one published head a line, `{"streamId": …, "revision": n, "hash": …}` (what
 * `tenfold heads` prints). Blank lines are passed over. A line that is not a head, a stream named
 * twice or a file without any head cannot be verified against: a FileError naming the line.
 */
export const readHeads = (file: string): TE.TaskEither<CliError, ReadonlyArray<StreamHead>> =>
  pipe(
    openLines(file),
    TE.flatMap((lines) => async () => {
      const heads: StreamHead[] = [];
      const lineOf = new Map<string, number>();
      for await (const item of lines) {
        if (item._tag === "ReadFailed") return E.left(fileError(file, item.reason));
        if (item._tag === "BadLine") return E.left(fileError(file, `line ${item.number}: ${item.message}`));
        if (item.text.trim() === "") continue;
        const head = parseStreamHead(item.text);
        if (E.isLeft(head)) return E.left(fileError(file, `line ${item.number}: ${formatDecodeError(head.left).join("; ")}`));
        const earlier = lineOf.get(head.right.streamId);
        if (earlier !== undefined) return E.left(fileError(file, `line ${item.number}: stream "${head.right.streamId}" has a head on line ${earlier} already`));
        lineOf.set(head.right.streamId, item.number);
        heads.push(head.right);
      }
      return heads.length === 0 ? E.left(fileError(file, "it holds no head")) : E.right(heads);
    }),
  );
