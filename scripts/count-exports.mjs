#!/usr/bin/env node
// Counts the names each entry of @tenfold/core exports (from the built declarations, types
// included) and checks them against the "Entries" table of packages/core/README.md, whose last
// column reads `N` or `N (V values, T types)`. Run `tsc -b` first.
// Usage: node scripts/count-exports.mjs [--print]   (--print only prints the counts)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const core = join(root, "packages", "core");
const ts = createRequire(join(root, "package.json"))("typescript");

/** Each public entry of core's exports map (`@tenfold/core`, `@tenfold/core/adapter`, …) and its declaration file. */
const entries = () => {
  const { name, exports } = JSON.parse(readFileSync(join(core, "package.json"), "utf8"));
  return Object.entries(exports)
    .filter(([, target]) => typeof target === "object" && target.types !== undefined)
    .map(([subpath, target]) => ({ entry: subpath === "." ? name : `${name}/${subpath.slice(2)}`, file: join(core, target.types) }));
};

/** { total, values, types } of the names one declaration file exports. */
const countNames = (checker, file, program) => {
  const source = program.getSourceFile(file);
  if (source === undefined) throw new Error(`${file} is not built: run tsc -b first`);
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(source));
  let values = 0;
  for (const symbol of exported) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (target.flags & ts.SymbolFlags.Value) values += 1;
  }
  return { total: exported.length, values, types: exported.length - values };
};

/** The README's count of each entry: { entry → text of the last column }. */
const statedCounts = () => {
  const readme = readFileSync(join(core, "README.md"), "utf8");
  const stated = new Map();
  for (const line of readme.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const entry = /^`(@tenfold\/core[^`]*)`$/.exec(cells[1] ?? "")?.[1];
    if (entry !== undefined && cells.length >= 5) stated.set(entry, cells[cells.length - 2]);
  }
  return stated;
};

const list = entries();
const program = ts.createProgram(
  list.map((e) => e.file),
  { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, noEmit: true },
);
const checker = program.getTypeChecker();
const stated = statedCounts();
const problems = [];
for (const { entry, file } of list) {
  const n = countNames(checker, file, program);
  const full = `${n.total} (${n.values} values, ${n.types} types)`;
  console.log(`${entry}: ${full}`);
  if (process.argv.includes("--print")) continue;
  const says = stated.get(entry);
  if (says === undefined) problems.push(`packages/core/README.md: the Entries table has no row for ${entry}`);
  else if (says !== full && says !== String(n.total)) problems.push(`packages/core/README.md: the Entries table says ${entry} has ${says} names; it has ${full}`);
}
for (const p of problems) console.error(p);
if (problems.length > 0) process.exit(1);
if (!process.argv.includes("--print")) console.log(`entries: ${list.length} counts match packages/core/README.md`);
