// The workspace's public packages and how to pack them, shared by check-packages.mjs and
// consumer-test.mjs. A package is public when its package.json is not "private".
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The folders that hold workspace packages (pnpm-workspace.yaml: packages/*, examples/*, benchmarks). */
const packageDirs = () => [
  ...["packages", "examples"].flatMap((parent) =>
    readdirSync(join(root, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parent, entry.name)),
  ),
  "benchmarks",
].filter((dir) => existsSync(join(root, dir, "package.json")));

/** Every public package: `{ dir, name, version, manifest }`, `dir` relative to the root. */
export const publicPackages = () =>
  packageDirs()
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ dir, name: manifest.name, version: manifest.version, manifest }));

/** The names of the workspace's private packages. */
export const privatePackageNames = () =>
  packageDirs()
    .map((dir) => JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")))
    .filter((manifest) => manifest.private === true)
    .map((manifest) => manifest.name);

/** The file name pnpm gives a package's tarball: @scope/name@1.2.3 → scope-name-1.2.3.tgz. */
export const tarballName = ({ name, version }) => `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`;

/**
 * Packs each package with pnpm (which rewrites workspace: specifiers and adds the root LICENSE to a
 * package that has none) into `destination`; returns the packages with their tarball's path.
 */
export const packAll = (packages, destination) =>
  packages.map((pkg) => {
    execFileSync("npx", ["-y", "pnpm@12.4.2", "pack", "--pack-destination", destination], {
      cwd: join(root, pkg.dir),
      stdio: ["ignore", "ignore", "inherit"],
    });
    const tarball = join(destination, tarballName(pkg));
    if (!existsSync(tarball)) throw new Error(`pnpm pack of ${pkg.name} made no ${tarball}`);
    return { ...pkg, tarball };
  });
