import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { type FileHandle, open, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { type CliError, describeFileSystemError, writeError } from "./CliError.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";

// model

/** A file being written: text is buffered and written in large pieces; nothing shows at its name until `commit`. */
export interface Output {
  readonly file: string;
  /** Appends text; a write failure is kept and reported by `commit`. */
  readonly write: (text: string) => Promise<void>;
  /** Appends bytes as they are (a line read from a file, say); kept, not copied, until written. */
  readonly writeBytes: (bytes: Uint8Array) => Promise<void>;
  /** Writes what is buffered, flushes it to disk and puts the file in place (atomically, by renaming; the directory flushed too). */
  readonly commit: () => Promise<E.Either<CliError, void>>;
  /** Removes what was written; the file at the name, if any, is left as it was. */
  readonly abort: () => Promise<void>;
}

const PIECE = 1 << 16;

// utils

/** Flushes the directory of `file`, so that a rename into it survives a crash; where a directory cannot be opened (Windows), skipped. */
const syncDirectory = async (file: string): Promise<void> => {
  const dir = await open(dirname(file), "r").catch(() => undefined);
  if (dir === undefined) return;
  try {
    await dir.sync().catch(() => undefined);
  } finally {
    await dir.close();
  }
};

// constructors

/**
 * Opens `file` for writing through a `FILE.partial` beside it. A directory that does not exist or
 * cannot be written is a WriteError. A name that is not a regular file (`/dev/null`, a named pipe,
 * a terminal) is written to as it is: renaming over it would replace the device with a file.
 */
export const openOutput =
  (file: string): TE.TaskEither<CliError, Output> =>
  async () => {
    const existing = await stat(file).catch(() => undefined);
    if (existing?.isDirectory() === true) return E.left(writeError(file, "is a directory"));
    const direct = existing !== undefined && !existing.isFile();
    const partial = direct ? file : `${file}.partial`;
    let handle: FileHandle;
    try {
      handle = await open(partial, "w");
    } catch (error) {
      return E.left(writeError(file, describeFileSystemError(error)));
    }
    /** Text written since the last bytes. */
    let buffer = "";
    /** What was written before `buffer`, when some of it was bytes, and its length. */
    let pieces: Uint8Array[] = [];
    let piecesLength = 0;
    let failed: unknown;
    const flush = async (): Promise<void> => {
      if ((buffer === "" && pieces.length === 0) || failed !== undefined) return;
      const text = buffer;
      const written = pieces;
      buffer = "";
      pieces = [];
      piecesLength = 0;
      const wrote = written.length === 0 ? handle.write(text) : handle.write(Buffer.concat(text === "" ? written : [...written, Buffer.from(text)]));
      await wrote.catch((error: unknown) => {
        failed = error;
      });
    };
    const abort = async (): Promise<void> => {
      await handle.close().catch(() => undefined);
      if (!direct) await rm(partial, { force: true }).catch(() => undefined);
    };
    return E.right({
      file,
      write: async (text) => {
        buffer += text;
        if (buffer.length >= PIECE) await flush();
      },
      writeBytes: async (bytes) => {
        if (buffer !== "") {
          const text = Buffer.from(buffer);
          pieces.push(text);
          piecesLength += text.length;
          buffer = "";
        }
        pieces.push(bytes);
        piecesLength += bytes.length;
        if (piecesLength >= PIECE) await flush();
      },
      commit: async () => {
        await flush();
        if (failed !== undefined) {
          await abort();
          return E.left(writeError(file, describeFileSystemError(failed)));
        }
        try {
          if (direct) {
            await handle.close();
            return E.right(undefined);
          }
          await handle.sync();
          await handle.close();
          await rename(partial, file);
          await syncDirectory(file);
          return E.right(undefined);
        } catch (error) {
          await abort();
          return E.left(writeError(file, describeFileSystemError(error)));
        }
      },
      abort,
    });
  };

/** Runs `work` on an output, committing it when work succeeds and removing it otherwise. */
export const writingTo =
  <A>(file: string, work: (output: Output) => TE.TaskEither<CliError, A>): TE.TaskEither<CliError, A> =>
  async () => {
    const output = await openOutput(file)();
    if (E.isLeft(output)) return output;
    const result = await work(output.right)().catch(async (error: unknown) => {
      await output.right.abort();
      throw error;
    });
    if (E.isLeft(result)) {
      await output.right.abort();
      return result;
    }
    const committed = await output.right.commit();
    return E.isLeft(committed) ? committed : result;
  };

/** Prints `text`, or writes it to `out` and says so (`Wrote WHAT to FILE`). */
export const deliver = (text: string, out: string | undefined, what: string, io: CliIo): TE.TaskEither<CliError, ExitCode> =>
  out === undefined
    ? async () => {
        await io.stdout.write(text);
        return E.right(EXIT.ok);
      }
    : pipe(
        writingTo(out, (output) => TE.fromTask(() => output.write(text))),
        TE.flatMap(() => async () => {
          await io.stdout.write(`Wrote ${what} to ${out}\n`);
          return E.right(EXIT.ok);
        }),
      );
