/* Test support for personal data: a history with a marker in every personal field, sealed as schema version 1, and searches for markers in every encoding. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { noMetadata } from "@tenfold/core";
import { GENESIS_HASH, hashEnvelope } from "@tenfold/core/audit";
import { nodeSha256 } from "@tenfold/core/node";
import { MINI_HISTORY } from "./harness.js";

/** The markers of each subject: one in every personal field of it, ASCII and Chinese. */
export const MARKERS = {
  "cadre:k1": ["canary-ascii-k1-name"],
  "cadre:k2": ["canary-王-k2-name", "canary-日记-k2-title"],
  "cadre:k3": ["canary-ascii-k3-name"],
  "contact:v1": ["canary-村-v1-name"],
  "contact:h1": ["canary-户-h1-name", "canary-ascii-h1-summary", "canary-解决-h1-resolution", "canary-用途-h1-purpose"],
} as const;

type Data = Record<string, unknown>;

const marked = (type: string, data: Data): Data => {
  switch (type) {
    case "CadreEnrolled":
      return { ...data, name: data["cadreId"] === "k2" ? MARKERS["cadre:k2"][0] : MARKERS[`cadre:${String(data["cadreId"])}` as "cadre:k1"][0] };
    case "AssignmentMade":
      return { ...data, contactName: MARKERS[`contact:${String(data["contactId"])}` as "contact:v1"][0] };
    case "DiaryWritten":
      return { ...data, title: MARKERS["cadre:k2"][1] };
    case "ProblemRaised":
      return data["contactId"] === "h1" ? { ...data, summary: MARKERS["contact:h1"][1] } : data;
    case "ProblemResolved":
      return { ...data, resolution: MARKERS["contact:h1"][2] };
    case "FundDisbursed":
      // The special relief fund goes to household h1 here, so that its purpose is h1's personal data.
      return data["disbursementId"] === "f1" ? { ...data, contactId: "h1", purpose: MARKERS["contact:h1"][3] } : data;
    default:
      return data;
  }
};

/** MINI_HISTORY with a marker in every personal field (19 lines, raw). */
export const MARKED_HISTORY: ReadonlyArray<string> = MINI_HISTORY.map((text) => {
  const { type, data } = JSON.parse(text) as { type: string; data: Data };
  return JSON.stringify({ type, data: marked(type, data) });
});

/** Every marker, and those of one subject. */
export const allMarkers = (): ReadonlyArray<string> => Object.values(MARKERS).flat();

/** Lines sealed as schema version 1 (or `versionOf` the line) was: values in the clear, hashed with the rest; envelopes of their own. */
export const sealedVersion1 = (
  lines: ReadonlyArray<string>,
  campaignId = "c1",
  versionOf: (index: number) => number = () => 1,
  recordedAtOf: (index: number) => string = (i) => `2013-08-${String(i + 1).padStart(2, "0")}T09:00:00.000Z`,
): ReadonlyArray<string> => {
  let previousHash = GENESIS_HASH;
  return lines.map((text, i) => {
    const { type, data } = JSON.parse(text) as { type: string; data: Data };
    const envelope = {
      type,
      data,
      schemaVersion: versionOf(i),
      eventId: `00000000-0000-4000-9000-${String(i + 1).padStart(12, "0")}`,
      streamId: `tenfold-campaign-${campaignId}`,
      streamRevision: i,
      recordedAt: recordedAtOf(i),
      metadata: noMetadata,
    };
    const hash = hashEnvelope(nodeSha256, previousHash, envelope);
    const line = JSON.stringify({ ...envelope, previousHash, hash });
    previousHash = hash;
    return line;
  });
};

/** A marker as it could be found in bytes: UTF-8, UTF-16LE, base64 (of its UTF-8) and hex. */
export const encodings = (marker: string): ReadonlyArray<readonly [string, Buffer]> => {
  const utf8 = Buffer.from(marker, "utf8");
  return [
    ["UTF-8", utf8],
    ["UTF-16LE", Buffer.from(marker, "utf16le")],
    ["base64", Buffer.from(utf8.toString("base64").replace(/=+$/, ""), "ascii")],
    ["hex", Buffer.from(utf8.toString("hex"), "ascii")],
  ];
};

/** Which of `markers` appear in `bytes`, in any of the encodings, named `marker (encoding)`. */
export const markersIn = (bytes: Buffer, markers: ReadonlyArray<string>): ReadonlyArray<string> =>
  markers.flatMap((marker) => encodings(marker).flatMap(([name, encoded]) => (bytes.includes(encoded) ? [`${marker} (${name})`] : [])));

/** The bytes of every file under a directory, joined. */
export const directoryBytes = async (dir: string): Promise<Buffer> => {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Buffer.concat(await Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name)))));
};
