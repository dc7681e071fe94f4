import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { type SealedFields, sealedText } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";

/*
 * S9's limit, as a process of its own (`node limit.js FILE [readline|chunks]`): one thread reads
 * the file line by line, parses each line (JSON.parse), writes the canonical JSON of its envelope
 * (core's sealedText, the fastest canonical form Tenfold has) and hashes the chain text (SHA-256 of
 * previousHash, a newline and that text) — nothing else: no checks, no links, no output but a
 * last line giving the lines read and the last hash, so that nothing can be left undone.
 */

interface Line extends SealedFields {
  readonly previousHash: string;
}

const hashLine = (text: string): string => {
  const envelope = JSON.parse(text) as Line;
  return nodeSha256.hex(`${envelope.previousHash}\n${sealedText(envelope)}`);
};

/** Lines by node:readline over a read stream. */
const byReadline = async (file: string): Promise<{ lines: number; last: string }> => {
  let lines = 0;
  let last = "";
  for await (const text of createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity })) {
    if (text === "") continue;
    last = hashLine(text);
    lines++;
  }
  return { lines, last };
};

/** Lines cut from 1 MiB chunks at each newline, each decoded on its own. */
const byChunks = async (file: string): Promise<{ lines: number; last: string }> => {
  let lines = 0;
  let last = "";
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const bytes = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
    let start = 0;
    for (let nl = bytes.indexOf(10); nl !== -1; nl = bytes.indexOf(10, start)) {
      if (nl > start) {
        last = hashLine(bytes.toString("utf8", start, nl));
        lines++;
      }
      start = nl + 1;
    }
    rest = bytes.subarray(start);
  }
  if (rest.length > 0) {
    last = hashLine(rest.toString("utf8"));
    lines++;
  }
  return { lines, last };
};

const [file, how = "chunks"] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write("usage: node limit.js FILE [readline|chunks]\n");
  process.exitCode = 2;
} else {
  const { lines, last } = await (how === "readline" ? byReadline(file) : byChunks(file));
  process.stdout.write(`${JSON.stringify({ lines, last })}\n`);
}
