#!/usr/bin/env node
// Type-checks the ```ts blocks of README.md, packages/*/README.md, examples/*/README.md and
// docs/*.md against the built packages (run `tsc -b` first). Each block is compiled as its own
// ES module, strict, with top-level await. A block that is only a fragment is skipped when the
// line before it (blank lines aside) is `<!-- snippet: skip -->`, optionally with a reason:
// `<!-- snippet: skip (a fragment of the handler above) -->`.
// Usage: node scripts/check-snippets.mjs [--keep]   (--keep leaves the temp folder for inspection)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const OPEN = /^(\s*)```(ts|typescript)\s*$/;
const CLOSE = /^\s*```\s*$/;
const SKIP = /^\s*<!--\s*snippet:\s*skip\b[^>]*-->\s*$/;

const dirsIn = (dir) =>
  existsSync(join(root, dir)) ? readdirSync(join(root, dir), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(dir, d.name)) : [];

const markdownFiles = () => {
  const readmes = [...dirsIn("packages"), ...dirsIn("examples")].map((d) => join(d, "README.md"));
  const docs = existsSync(join(root, "docs")) ? readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => join("docs", f)) : [];
  return ["README.md", ...readmes, ...docs].filter((f) => existsSync(join(root, f)));
};

/** The ts blocks of a markdown file: { file, line (of the first code line, 1-based), code, skipped }. */
const blocksOf = (file) => {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]);
    if (open === null) continue;
    let before = i - 1;
    while (before >= 0 && lines[before].trim() === "") before--;
    const skipped = before >= 0 && SKIP.test(lines[before]);
    const code = [];
    let j = i + 1;
    for (; j < lines.length && !CLOSE.test(lines[j]); j++) code.push(lines[j].slice(open[1].length));
    blocks.push({ file, line: i + 2, code: code.join("\n"), skipped });
    i = j;
  }
  return blocks;
};

/** node_modules for the temp folder: every workspace package by name, then every dependency any of them has. */
const linkModules = (target) => {
  const workspace = ["packages", "examples"].flatMap(dirsIn).concat(existsSync(join(root, "benchmarks")) ? ["benchmarks"] : []);
  const link = (name, to) => {
    const at = join(target, name);
    if (existsSync(at)) return;
    mkdirSync(dirname(at), { recursive: true });
    symlinkSync(to, at, "dir");
  };
  for (const dir of workspace) {
    const manifest = join(root, dir, "package.json");
    if (existsSync(manifest)) link(JSON.parse(readFileSync(manifest, "utf8")).name, join(root, dir));
  }
  for (const modules of [join(root, "node_modules"), ...workspace.map((d) => join(root, d, "node_modules"))]) {
    if (!existsSync(modules)) continue;
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith(".")) continue;
      if (!entry.startsWith("@")) link(entry, join(modules, entry));
      else for (const scoped of readdirSync(join(modules, entry))) link(join(entry, scoped), join(modules, entry, scoped));
    }
  }
};

const compilerOptions = {
  target: "ES2022",
  lib: ["ES2022"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  experimentalDecorators: true,
  skipLibCheck: true,
  noEmit: true,
  types: ["node"],
};

const main = () => {
  const blocks = markdownFiles().flatMap(blocksOf);
  const checked = blocks.filter((b) => !b.skipped);
  const work = mkdtempSync(join(tmpdir(), "tenfold-snippets-"));
  try {
    mkdirSync(join(work, "snippets"));
    linkModules(join(work, "node_modules"));
    writeFileSync(join(work, "package.json"), JSON.stringify({ type: "module", private: true }));
    writeFileSync(join(work, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["snippets/*.ts"] }, null, 2));
    const where = new Map();
    checked.forEach((block, n) => {
      const name = `snippet-${String(n + 1).padStart(3, "0")}.ts`;
      where.set(name, block);
      writeFileSync(join(work, "snippets", name), `${block.code}\nexport {};\n`);
    });
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const result = checked.length === 0 ? { status: 0, stdout: "" } : spawnSync(process.execPath, [tsc, "-p", work, "--pretty", "false"], { cwd: work, encoding: "utf8" });
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.replace(/^snippets\/(snippet-\d+\.ts)\((\d+),(\d+)\)/gm, (_, name, line, column) => {
      const block = where.get(name);
      return `${block.file}:${block.line + Number(line) - 1}:${column}`;
    });
    const files = new Set(checked.map((b) => b.file)).size;
    const summary = `${checked.length} snippets checked in ${files} files, ${blocks.length - checked.length} skipped`;
    if (result.status !== 0) {
      process.stdout.write(output);
      console.error(`\nsnippets: type errors (${summary})`);
      process.exitCode = 1;
    } else {
      console.log(`snippets: ${summary}; no type errors`);
    }
  } finally {
    if (process.argv.includes("--keep")) console.log(`kept ${relative(process.cwd(), work) || work}`);
    else rmSync(work, { recursive: true, force: true });
  }
};

main();
