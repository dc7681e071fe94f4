
/**
 * How the ids of a generated history look: `readable` (`g1`, `c1`, …), `shared` (`0`, `1`, … in
 * every entity type) or `tricky` (`__proto__`, `constructor`, `1e3`, `..`, a 64-character id, …).
 */
export type HistoryIdStyle = "readable" | "shared" | "tricky";

/** @internal The kinds of id a history holds (activities included). */
export type IdKind = "group" | "cadre" | "contact" | "visit" | "diary" | "report" | "problem" | "disbursement" | "inspection" | "activity";

const PREFIX: { readonly [K in IdKind]: string } = {
  group: "g",
  cadre: "c",
  contact: "k",
  visit: "v",
  diary: "d",
  report: "r",
  problem: "p",
  disbursement: "f",
  inspection: "i",
  activity: "a",
};

/**
 * Valid ids that break naive code: object-prototype keys, numeric-looking strings, dots, the
 * longest id. Projections keyed by plain objects or by string concatenation meet them here.
 */
export const TRICKY_IDS: ReadonlyArray<string> = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "0",
  "-1",
  "1e3",
  "NaN",
  "null",
  "undefined",
  ".",
  "..",
  "_",
  "00",
  "x".repeat(64),
];

/** @internal The `n`-th id (from 0) of a kind, in a style; distinct for distinct `n` within a kind. */
export const idOf = (style: HistoryIdStyle, kind: IdKind, n: number): string => {
  switch (style) {
    case "readable":
      return `${PREFIX[kind]}${n + 1}`;
    case "shared":
      return String(n);
    case "tricky": {
      const base = TRICKY_IDS[n % TRICKY_IDS.length] ?? "_";
      return n < TRICKY_IDS.length ? base : `${base.slice(0, 48)}-${Math.floor(n / TRICKY_IDS.length)}`;
    }
  }
};
