// CI's "packages (publint, attw)" step: packs every public package as it would be published and
// checks each tarball. Exits 1 on the first package with a problem listed.
//   - the tarball holds the root LICENSE, its README, no build info and no test files;
//   - its package.json has no workspace: specifier left and names no private workspace package;
//   - each bin file is in the tarball and starts with a shebang;
//   - publint (strict: warnings fail too) and attw (profile esm-only: the packages are ESM-only,
//     so CommonJS `require` and node10 resolution are not checked) pass.
// Usage: node scripts/check-packages.mjs   (after the build)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packAll, privatePackageNames, publicPackages, root } from "./packages.mjs";

const started = Date.now();
const bin = (name) => join(root, "node_modules", ".bin", name);
const tarList = (tarball) => execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean);
const tarRead = (tarball, path) => execFileSync("tar", ["-xzOf", tarball, path], { encoding: "utf8" });

const DEPENDENCY_FIELDS = ["dependencies", "peerDependencies", "optionalDependencies"];

/** The problems of one tarball that publint and attw do not look for. */
const contentProblems = ({ tarball }, privateNames, license) => {
  const problems = [];
  const entries = tarList(tarball);
  const has = (path) => entries.includes(`package/${path}`);
  if (!has("LICENSE")) problems.push("no LICENSE");
  else if (tarRead(tarball, "package/LICENSE") !== license) problems.push("LICENSE differs from the root LICENSE");
  if (!has("README.md")) problems.push("no README.md");
  for (const entry of entries) {
    if (/\.tsbuildinfo$|\.test\.[cm]?[jt]s$|\.test\.d\.ts$|(^|\/)testing-support\//.test(entry)) problems.push(`ships ${entry}`);
  }
  const manifest = JSON.parse(tarRead(tarball, "package/package.json"));
  for (const field of DEPENDENCY_FIELDS) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith("workspace:")) problems.push(`${field}.${dependency} is still "${range}"`);
      if (privateNames.includes(dependency)) problems.push(`${field}.${dependency} is a private package`);
    }
  }
  const bins = typeof manifest.bin === "string" ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
  for (const [command, file] of Object.entries(bins)) {
    const path = `package/${file.replace(/^\.\//, "")}`;
    if (!entries.includes(path)) problems.push(`bin ${command}: ${file} is not in the tarball`);
    else if (!tarRead(tarball, path).startsWith("#!/usr/bin/env node")) problems.push(`bin ${command}: ${file} has no shebang`);
  }
  return problems;
};

/** Runs a checker, its output shown; whether it passed. */
const passes = (command, args) => {
  try {
    execFileSync(command, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    return { ok: true, output: "" };
  } catch (error) {
    return { ok: false, output: `${error.stdout ?? ""}${error.stderr ?? ""}` };
  }
};

const destination = mkdtempSync(join(tmpdir(), "tenfold-pack-"));
try {
  const packages = publicPackages();
  console.log(`packing ${packages.length} public packages into ${destination}`);
  const packed = packAll(packages, destination);
  const privateNames = privatePackageNames();
  const license = readFileSync(join(root, "LICENSE"), "utf8");
  let failed = 0;
  for (const pkg of packed) {
    const problems = contentProblems(pkg, privateNames, license);
    const publint = passes(bin("publint"), ["run", pkg.tarball, "--strict"]);
    if (!publint.ok) problems.push(`publint:\n${publint.output}`);
    const attw = passes(bin("attw"), [pkg.tarball, "--profile", "esm-only", "--no-emoji", "--no-color"]);
    if (!attw.ok) problems.push(`attw --profile esm-only:\n${attw.output}`);
    const files = tarList(pkg.tarball).length;
    if (problems.length === 0) console.log(`ok    ${pkg.name}@${pkg.version} (${files} files): contents, publint, attw`);
    else {
      failed += 1;
      console.log(`FAIL  ${pkg.name}@${pkg.version}\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    }
  }
  console.log(`${packed.length - failed} of ${packed.length} packages pass (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  rmSync(destination, { recursive: true, force: true });
}
