import { readFile } from "node:fs/promises";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PreparedLine, type PrepareTask } from "./preparedLine.js";
import { openPreparedLines, type PreparedLinesOptions, parseThreads, runningWorkers } from "./preparedLines.js";
import { runCliWith, xiningExport } from "./testing-support/audit.js";
import { tempDir } from "./testing-support/harness.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
let faulty = "";

beforeAll(async () => {
  dir = await tempDir();
  const lines = (await readFile(await xiningExport(dir), "utf8")).trimEnd().split("\n");
  // Faults of every kind the reading thread must still see in order: a tampered hash, a line that is not JSON, a copy, a blank line, a bad event.
  lines[10] = (lines[10] as string).replace(/"hash":"[0-9a-f]/, '"hash":"f');
  lines[20] = "{not json";
  lines.splice(30, 0, lines[29] as string, "");
  lines[40] = (lines[40] as string).replace('"type":"', '"type":"Unknown');
  faulty = await dir.write("faulty.ndjson", `${lines.join("\n")}\n`);
});

afterAll(() => dir.remove());

const prepared = async (file: string, task: PrepareTask, options: PreparedLinesOptions): Promise<{ readonly lines: PreparedLine[]; readonly chunks: number; readonly read: number }> => {
  const opened = await openPreparedLines(file, task, options)();
  if (E.isLeft(opened)) throw new Error("not opened");
  const lines: PreparedLine[] = [];
  let chunks = 0;
  let read = 0;
  for await (const chunk of opened.right) {
    if (chunk._tag === "ReadFailed") throw new Error(chunk.reason);
    chunks++;
    read = chunk.read;
    lines.push(...chunk.lines);
  }
  return { lines, chunks, read };
};

const TASKS: ReadonlyArray<PrepareTask> = [
  { seal: true, decode: false, commitments: false, leaves: false },
  { seal: true, decode: true, commitments: false, leaves: true },
  { seal: false, decode: true, commitments: true, leaves: false },
  { seal: true, decode: true, commitments: false, leaves: false, exportAs: "omit" },
];

describe("openPreparedLines", () => {
  it("gives on worker threads exactly the lines this thread prepares, in the file's order, for every task", async () => {
    const size = (await readFile(faulty)).length;
    for (const task of TASKS) {
      const here = await prepared(faulty, task, { threads: 0 });
      const workers = await prepared(faulty, task, { threads: 2, chunkBytes: 4096 });
      expect(workers.lines).toStrictEqual(here.lines);
      expect(workers.chunks).toBeGreaterThan(20);
      expect(workers.read).toBe(size);
      expect(here.lines.map((l) => l.number)).toEqual(here.lines.map((_, i) => i + 1));
    }
  });

  it("tells the lines an export writes as read, and gives their own bytes, on this thread and on workers", async () => {
    const lines = (await readFile(await xiningExport(dir, "as-read.ndjson"), "utf8")).trimEnd().split("\n");
    // Sealed and intact, but not as an export writes them: re-spaced, a CRLF line, a byte order mark; and a tampered one.
    const respaced = (line: string): string => JSON.stringify(JSON.parse(line) as unknown, null, 1).replace(/\n */g, " ");
    const changed = lines.map((line, i) => (i === 0 ? `\uFEFF${line}` : i % 7 === 3 ? respaced(line) : i % 7 === 5 ? `${line}\r` : i === 100 ? line.replace('"hash":"', '"hash":"0') : line));
    const file = await dir.write("as-read-changed.ndjson", `${changed.join("\n")}\n`);
    const asRead = changed.map((_, i) => i !== 0 && i % 7 !== 3 && i % 7 !== 5 && i !== 100);
    for (const options of [{ threads: 0 }, { threads: 2, chunkBytes: 4096 }]) {
      const { lines: prepared_ } = await prepared(file, { seal: true, decode: true, commitments: false, leaves: false, exportAs: "omit" }, options);
      expect(prepared_.map((l) => l._tag === "Read" && l.bytes !== undefined)).toEqual(asRead);
      prepared_.forEach((l, i) => {
        if (l._tag === "Read" && l.bytes !== undefined) expect(Buffer.from(l.bytes).toString("utf8")).toBe(lines[i]);
      });
      // The CRLF lines and the first are written as read; only their bytes are not the lines'.
      expect(prepared_.map((l) => l._tag === "Read" && l.exportsAsRead)).toEqual(changed.map((_, i) => i % 7 !== 3 && i !== 100));
    }
    // In another mode the same lines are not as the export writes them only where personal values differ: none here, as the demo's are withheld.
    const included = await prepared(file, { seal: true, decode: true, commitments: false, leaves: false, exportAs: "include" }, { threads: 0 });
    expect(included.lines.map((l) => l._tag === "Read" && l.bytes !== undefined)).toEqual(asRead);
  });

  it("names a file that cannot be opened", async () => {
    const missing = await openPreparedLines(`${dir.path}/missing.ndjson`, TASKS[0] as PrepareTask)();
    expect(E.isLeft(missing) && missing.left).toMatchObject({ _tag: "FileError" });
    const directory = await openPreparedLines(dir.path, TASKS[0] as PrepareTask)();
    expect(E.isLeft(directory) && JSON.stringify(directory.left)).toContain("is a directory");
  });

  it("says a line is nested too deeply to be checked, on this thread and on a worker alike", async () => {
    const deep = `{"type":"GroupFormed","data":${"[".repeat(100_000)}${"]".repeat(100_000)},"schemaVersion":2,"eventId":"00000000-0000-4000-8000-000000000001","streamId":"s","streamRevision":0,"recordedAt":"2013-03-01T08:00:01.000Z","metadata":{"actor":null,"correlationId":null,"causationId":null},"previousHash":"${"0".repeat(64)}","hash":"${"1".repeat(64)}"}`;
    const file = await dir.write("deep.ndjson", `${deep}\n`);
    for (const task of TASKS) {
      const here = await prepared(file, task, { threads: 0 });
      // Without the seal, the line is refused before its data is walked.
      if (task.seal) expect(here.lines).toEqual([{ _tag: "Unreadable", number: 1, problem: "(line): nested too deeply to be checked; not read" }]);
      expect((await prepared(file, task, { threads: 1 })).lines).toStrictEqual(here.lines);
    }
  });

  it("starts workers only as batches need them", async () => {
    const opened = await openPreparedLines(faulty, TASKS[0] as PrepareTask, { threads: 8, chunkBytes: 1 << 20 })();
    if (E.isLeft(opened)) throw new Error("not opened");
    for await (const chunk of opened.right) {
      expect(chunk._tag).toBe("Lines");
      expect(runningWorkers()).toBe(1);
    }
    expect(runningWorkers()).toBe(0);
  });

  it("stops its workers when the reader stops early", async () => {
    const opened = await openPreparedLines(faulty, TASKS[1] as PrepareTask, { threads: 2, chunkBytes: 2048 })();
    if (E.isLeft(opened)) throw new Error("not opened");
    for await (const chunk of opened.right) {
      expect(chunk._tag).toBe("Lines");
      expect(runningWorkers()).toBe(2);
      break;
    }
    expect(runningWorkers()).toBe(0);
  });
});

describe("verify and heads on worker threads", () => {
  it("print the same problems and summary as on one thread", async () => {
    for (const argv of [["verify", "--input", faulty], ["verify", "--chains-only", "--input", faulty], ["heads", "--input", faulty]]) {
      const one = await runCliWith({ threads: 0 }, ...argv);
      const two = await runCliWith({ threads: 2 }, ...argv);
      expect(two).toEqual(one);
      expect(one.code).toBe(1);
    }
  });
});

describe("parseThreads (TENFOLD_THREADS)", () => {
  it("takes a whole number from 0 to 64, or nothing", () => {
    expect(parseThreads(undefined)).toEqual(E.right(undefined));
    expect(parseThreads("")).toEqual(E.right(undefined));
    expect(parseThreads("0")).toEqual(E.right(0));
    expect(parseThreads("64")).toEqual(E.right(64));
    for (const bad of ["65", "-1", "2.5", "two", " 2"]) expect(parseThreads(bad)).toEqual(E.left("TENFOLD_THREADS must be a whole number of worker threads from 0 to 64, or unset"));
  });
});
