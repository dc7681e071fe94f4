import { readFile } from "node:fs/promises";
import { decodeHistoryLine } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportsAsRead } from "./exportedLine.js";
import { xiningExport } from "./testing-support/audit.js";
import { tempDir } from "./testing-support/harness.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
let lines: ReadonlyArray<string> = [];
beforeAll(async () => {
  dir = await tempDir();
  lines = (await readFile(await xiningExport(dir), "utf8")).trimEnd().split("\n");
});
afterAll(() => dir.remove());

/** Whether `text` is a line an export in `mode` writes as it is. */
const asRead = (text: string, mode: "omit" | "include" | "encrypted" = "omit"): boolean => {
  const line = decodeHistoryLine(JSON.parse(text));
  if (E.isLeft(line)) throw new Error("a line of the export");
  return exportsAsRead(text, line.right, mode);
};

/** A line of the demo's export with a personal value withheld (a contact's name). */
const withPersonal = (): string => lines.find((l) => l.includes('"commitment"')) ?? "";

describe("exportsAsRead", () => {
  it("is true of every line of an export, in each mode, as the demo's personal values are withheld", () => {
    expect(withPersonal()).not.toBe("");
    for (const mode of ["omit", "include", "encrypted"] as const) expect(lines.every((l) => asRead(l, mode))).toBe(true);
  });

  it("is false of the same event in another form, on another stream, of another schema version, or with its value given", () => {
    const line = withPersonal();
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(asRead(` ${line}`)).toBe(false);
    expect(asRead(JSON.stringify({ hash: parsed["hash"], ...parsed }))).toBe(false);
    expect(asRead(JSON.stringify({ ...parsed, streamId: "tenfold-campaign-other" }))).toBe(false);
    const personal = parsed["personal"] as Record<string, { subject: string; commitment: string }>;
    const [field] = Object.keys(personal);
    if (field === undefined) throw new Error("a personal field");
    // Version 1 carries its personal values in the clear, and no `personal`: an export seals it anew, as version 2.
    const { personal: _personal, ...version1 } = parsed;
    expect(asRead(JSON.stringify({ ...version1, data: { ...(parsed["data"] as object), [field]: "a value" }, schemaVersion: 1 }))).toBe(false);
    // A value given with its salt is revealed and protected by the export: never written as read.
    const given = { ...parsed, data: { ...(parsed["data"] as object), [field]: "a value" }, personal: { ...personal, [field]: { ...personal[field], salt: "00".repeat(16) } } };
    expect(asRead(JSON.stringify(given), "include")).toBe(false);
  });
});
