/*
 * docs/events.md checked against the codecs of @tenfold/core: every event in catalog order, its
 * command and business date, every field in order with its type and list constraints, and the
 * values of every enumeration. (Imports core's source by path: docs/ is not a package.)
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMAND_FOR_EVENT, CadreRole, ChecklistItem, ContactKind, EVENT_TYPES, FundKind, VisitPurpose, VisitSetting } from "../packages/core/src/index.js";
import { EVENT_DATA } from "../packages/core/src/codecs.js";

/** What the test needs of an io-ts codec. */
interface Codec {
  readonly name: string;
  readonly decode: (u: unknown) => { readonly _tag: "Left"; readonly left: ReadonlyArray<Failure> } | { readonly _tag: "Right" };
}
interface Failure {
  readonly message?: string;
  readonly context: ReadonlyArray<{ readonly key: string; readonly type: Codec }>;
}

const ENUMERATIONS: Record<string, Codec> = { ContactKind, ChecklistItem, CadreRole, VisitSetting, VisitPurpose, FundKind };

/** The literals of a one-of codec, read from the message it refuses a number with. */
const literalsOf = (codec: Codec): ReadonlyArray<string> => {
  const refused = codec.decode(42);
  const message = refused._tag === "Left" ? refused.left[0]?.message ?? "" : "";
  const listed = /^expected one of (.+), got /.exec(message);
  if (listed === null) throw new Error(`${codec.name} does not list its values: ${message}`);
  return listed[1]!.split(" | ");
};

/** A valid element of a list, to find out whether the list refuses repeats. */
const sampleOf = (name: string): string => {
  if (name === "Id") return "x";
  const codec = ENUMERATIONS[name];
  if (codec === undefined) throw new Error(`no sample for list elements of type ${name}: add one`);
  return literalsOf(codec)[0]!;
};

/** A field's type as the page writes it, and its list constraints. */
const describeType = (codec: Codec): readonly [string, string] => {
  const list = /^ReadonlyArray<(.+)>$/.exec(codec.name);
  if (list === null) return [codec.name, ""];
  const sample = sampleOf(list[1]!);
  const constraints = [codec.decode([])._tag === "Left" ? "non-empty" : "", codec.decode([sample, sample])._tag === "Left" ? "unique" : ""];
  return [`${list[1]!}[]`, constraints.filter((c) => c !== "").join(", ")];
};

/** The fields of an event's data codec, in order: those it names as missing in `{}`. */
const fieldsOf = (codec: Codec): ReadonlyArray<readonly [string, string, string]> => {
  const refused = codec.decode({});
  if (refused._tag !== "Left") throw new Error(`${codec.name} accepts {}`);
  const fields = new Map<string, Codec>();
  for (const failure of refused.left) {
    const entry = failure.context[1];
    if (entry !== undefined && !fields.has(entry.key)) fields.set(entry.key, entry.type);
  }
  return [...fields].map(([key, type]) => [key, ...describeType(type)] as const);
};

const page = readFileSync(new URL("./events.md", import.meta.url), "utf8");

/** The text under a heading (up to the next heading of the same or a higher level). */
const section = (heading: string): string => {
  const level = /^#+/.exec(heading)![0].length;
  const lines = page.split("\n");
  const start = lines.indexOf(heading);
  if (start < 0) return "";
  const end = lines.findIndex((line, i) => i > start && new RegExp(`^#{1,${level}} `).test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
};

/** The first cells of each table row whose first cell is code, unescaped and without backticks. */
const rows = (text: string, cells: number): ReadonlyArray<ReadonlyArray<string>> =>
  text
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .slice(1, 1 + cells)
        .map((cell) => cell.trim().replace(/\\\|/g, "|").replace(/^`|`$/g, "")),
    );

describe("docs/events.md", () => {
  it("lists the events of the catalog, in order", () => {
    const headings = section("## Events").split("\n").filter((line) => line.startsWith("### ")).map((line) => line.slice(4));
    expect(headings).toEqual(EVENT_TYPES);
  });

  it.each(EVENT_TYPES)("gives %s's command, business date and fields as the codec has them", (type) => {
    const text = section(`### ${type}`);
    const fields = fieldsOf(EVENT_DATA[type]);
    expect(rows(text, 3)).toEqual(fields);
    const header = /^Command `(\w+)`\. Business date `(\w+)`\./m.exec(text);
    expect(header?.[1]).toBe(COMMAND_FOR_EVENT[type]);
    expect(fields.find(([name]) => name === header?.[2])?.[1]).toBe("Day");
  });

  it("gives the values of every enumeration, in order", () => {
    const table = rows(section("## Enumerations"), 2).map(([name, values]) => [name, values!.split(/`,\s*`/)]);
    expect(table).toEqual(Object.entries(ENUMERATIONS).map(([name, codec]) => [name, literalsOf(codec)]));
  });

  it("names only types it explains", () => {
    const explained = new Set([...rows(section("## Value types"), 1).map(([name]) => name!.replace(/\[\]$| \| null$/, "")), ...Object.keys(ENUMERATIONS)]);
    const used = EVENT_TYPES.flatMap((type) => fieldsOf(EVENT_DATA[type]).map(([, t]) => t.replace(/\[\]$| \| null$/, "")));
    expect(used.filter((t) => !explained.has(t))).toEqual([]);
  });
});
