import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { describe, expect, it } from "vitest";
import { writingTo } from "./output.js";

describe("writingTo", () => {
  it("puts a regular file in place by renaming, and leaves nothing beside it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tenfold-output-"));
    try {
      const file = join(dir, "out.ndjson");
      expect(await writingTo(file, (o) => TE.fromTask(() => o.write("one\n")))()).toEqual(E.right(undefined));
      expect(await readFile(file, "utf8")).toBe("one\n");
      expect(await readdir(dir)).toEqual(["out.ndjson"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("writes text and bytes in the order given, across many pieces, the bytes as they are", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tenfold-output-"));
    try {
      const file = join(dir, "mixed.ndjson");
      const expected: string[] = [];
      const written = await writingTo(file, (o) =>
        TE.fromTask(async () => {
          // Enough of each, in runs and alternating, to fill several 64 KiB pieces of either kind.
          for (let i = 0; i < 3000; i++) {
            const line = `{"n":${i},"place":"西宁 ${"x".repeat(i % 50)}"}\n`;
            expected.push(line);
            if (i % 3 === 0 || (i > 1000 && i < 1600)) await o.write(line);
            else await o.writeBytes(Buffer.from(line));
          }
        }),
      )();
      expect(written).toEqual(E.right(undefined));
      expect(await readFile(file, "utf8")).toBe(expected.join(""));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("writes to /dev/null as it is, never replacing the device with a file", async () => {
    expect(await writingTo("/dev/null", (o) => TE.fromTask(() => o.write("discarded\n")))()).toEqual(E.right(undefined));
    expect((await stat("/dev/null")).isCharacterDevice()).toBe(true);
  });

  it("refuses a directory as the file to write", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tenfold-output-"));
    try {
      const written = await writingTo(dir, (o) => TE.fromTask(() => o.write("x")))();
      expect(E.isLeft(written)).toBe(true);
      expect((await stat(dir)).isDirectory()).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
