// model

/** How a column's cells line up. */
export type Align = "left" | "right";

/** A column of a table: its optional header and alignment. */
export interface Column {
  readonly header?: string;
  /** @defaultValue "left" */
  readonly align?: Align;
}

/** Options of {@link renderTable}. */
export interface TableOptions {
  /** Put before every line. @defaultValue "" */
  readonly indent?: string;
  /** Between columns. @defaultValue two spaces */
  readonly gap?: string;
}

// utils

const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x20000, 0x3fffd],
];

const widthOf = (codePoint: number): number => {
  if (codePoint < 0x20 || (codePoint >= 0x300 && codePoint <= 0x36f) || codePoint === 0x200b) return 0;
  return WIDE.some(([from, to]) => codePoint >= from && codePoint <= to) ? 2 : 1;
};

/**
 * The columns a string takes on a terminal: East Asian wide characters (汉字) count 2,
 * combining marks and control characters 0, everything else 1.
 */
export const displayWidth = (text: string): number => {
  let width = 0;
  for (const char of text) width += widthOf(char.codePointAt(0) ?? 0);
  return width;
};

/** Pads `text` with spaces to `width` display columns, on the right (left-aligned) or the left. */
export const pad = (text: string, width: number, align: Align = "left"): string => {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "left" ? text + fill : fill + text;
};

// constructors

/**
 * Renders rows as aligned columns, a header row first when any column has a header. Missing
 * cells are blank; trailing spaces are trimmed. Returns the lines, without newlines.
 * @example
 * renderTable([{ header: "Kind" }, { header: "n", align: "right" }], [["village", "8"], ["community", "12"]])
 * // ["Kind        n", "village     8", "community  12"]
 */
export const renderTable = (
  columns: ReadonlyArray<Column>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  { indent = "", gap = "  " }: TableOptions = {},
): ReadonlyArray<string> => {
  const hasHeader = columns.some((column) => column.header !== undefined);
  const all = hasHeader ? [columns.map((column) => column.header ?? ""), ...rows] : rows;
  const widths = columns.map((_, i) => Math.max(0, ...all.map((row) => displayWidth(row[i] ?? ""))));
  return all.map((row) =>
    (indent + columns.map((column, i) => pad(row[i] ?? "", widths[i] ?? 0, column.align)).join(gap)).trimEnd(),
  );
};
